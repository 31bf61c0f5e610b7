from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from eminder.centres.models import Centre
from eminder.centres.reports import centre_profile_pdf
from eminder.jobs import services as jobs


@task()
def build_centre_profile(job_id: int, centre_id: int, language: str) -> None:
    """Render a centre's profile PDF in the requester's language, reporting progress."""
    with translation.override(language):
        try:
            centre = Centre.objects.get(pk=centre_id)

            def progress(done: int, total: int) -> None:
                jobs.report_progress(job_id=job_id, done=done, total=total)

            content = centre_profile_pdf(centre, progress=progress)
        except Exception:
            jobs.fail_job(
                job_id=job_id, message=_("The profile could not be generated. Try again later.")
            )
            raise
        jobs.finish_job(
            job_id=job_id,
            # slugify drops letters outside ASCII: a Greek short name leaves nothing.
            name=f"{slugify(centre.short_name) or 'centre'}-profile.pdf",
            content_type="application/pdf",
            content=content,
        )
