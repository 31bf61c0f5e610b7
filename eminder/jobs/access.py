from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _

from eminder.jobs.models import Job

if TYPE_CHECKING:
    from eminder.accounts.models import User


def get_job_for(user: User, code: object) -> Job:
    """The job with this code if the user started it; 404 otherwise."""
    try:
        uuid = code if isinstance(code, UUID) else UUID(str(code))
    except ValueError:
        raise Http404(_("No such job.")) from None
    job = Job.objects.visible_to(user).filter(code=uuid).defer("result").first()
    if job is None:
        raise Http404(_("No such job."))
    return job
