"""The one way views, the API and commands read assessments, for a user or for a link.

Who may do what:

* start an assessment of an enterprise, fill in its steps, submit it, send self-service
  links, reopen a submitted one for correction or withdraw one: the network coordinator and
  the manager and advisors of the enterprise's centre (`enterprises.access.can_edit_enterprises`);
* read every assessment of the centre (drafts included): also its trainers;
* an SME owner reads the submitted assessments of their own enterprises (results, read-only)
  and answers a self-service assessment only through its link, logged in or not;
* a self-service link opens its own assessment and nothing else, until it expires, is replaced
  or the assessment is submitted.

Not visible: 404. Visible, but not the user's to change: 403. A dead link: 410.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from eminder.assessments.models import Assessment, SelfServiceLink, Status
from eminder.enterprises.access import can_edit_enterprises

if TYPE_CHECKING:
    from eminder.accounts.models import User

LINK_SALT = "eminder.assessments.self-service-link"
DEFAULT_LINK_DAYS = 14


def link_days() -> int:
    """Days a self-service link works (`EMINDER_SELF_SERVICE_DAYS`)."""
    return int(getattr(settings, "SELF_SERVICE_LINK_DAYS", DEFAULT_LINK_DAYS))


def can_edit_assessments(user: User, centre_id: int) -> bool:
    """Start, fill in, submit, correct and withdraw the assessments of this centre."""
    return can_edit_enterprises(user, centre_id)


def refuse_unless_editor(user: User | None, centre_id: int) -> None:
    if user is None or not can_edit_assessments(user, centre_id):
        raise PermissionDenied(
            _("Only the centre's manager and advisors or the network coordinator may do this.")
        )


def get_assessment_for(user: User, code: object, *, write: bool = False) -> Assessment:
    """The assessment with this code if the user may see it; `write` asks for editing rights."""
    missing = _("No such assessment.")
    try:
        parsed = code if isinstance(code, UUID) else UUID(str(code))
    except ValueError:
        raise Http404(missing) from None
    assessment = (
        Assessment.objects.visible_to(user)
        .select_related("enterprise__centre", "enterprise__advisor")
        .filter(code=parsed)
        .first()
    )
    if assessment is None:
        raise Http404(missing)
    if write:
        refuse_unless_editor(user, assessment.enterprise.centre_id)
    return assessment


class LinkGone(Exception):
    """A self-service link that cannot be used (any more): the message says why."""

    def __init__(self, message: str, assessment: Assessment | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.assessment = assessment


def link_token(link: SelfServiceLink) -> str:
    """The signed token of a link: it names the link, and through it one assessment."""
    return signing.dumps(str(link.code), salt=LINK_SALT)


def get_link_for_token(token: str) -> SelfServiceLink:
    """The usable link a token names; LinkGone (with a translated reason) otherwise."""
    invalid = _("This link is not valid. Check that you opened the whole address from the email.")
    try:
        code = signing.loads(token, salt=LINK_SALT, max_age=link_days() * 24 * 3600)
        parsed = UUID(str(code))
    except signing.SignatureExpired:
        raise LinkGone(_("This link has expired. Ask your advisor for a new one.")) from None
    except (signing.BadSignature, ValueError):
        raise LinkGone(invalid) from None
    link = (
        SelfServiceLink.objects.select_related(
            "assessment__enterprise__centre", "assessment__enterprise__advisor"
        )
        .filter(code=parsed)
        .first()
    )
    if link is None:
        raise LinkGone(invalid)
    assessment = link.assessment
    if link.used_at is not None or assessment.status == Status.SUBMITTED:
        raise LinkGone(
            _("This self-assessment has been submitted. Thank you! The link cannot be used again."),
            assessment,
        )
    if link.revoked_at is not None or assessment.status != Status.DRAFT:
        raise LinkGone(
            _("This link has been replaced or cancelled. Ask your advisor for a new one."),
            assessment,
        )
    if link.expires_at <= timezone.now():
        raise LinkGone(_("This link has expired. Ask your advisor for a new one."), assessment)
    return link
