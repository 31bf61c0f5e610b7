"""The emails assessments send, each in its reader's language, once the transaction commits.

Called by the services only, inside their transaction: a mail server that is down is logged
(`robust=True`) and never undoes what was saved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from eminder.accounts.models import Membership, Role, User

if TYPE_CHECKING:
    from eminder.assessments.models import Assessment, SelfServiceLink
    from eminder.enterprises.models import Enterprise


def advisors_to_notify(enterprise: Enterprise) -> list[User]:
    """The enterprise's advisor; when it has none (or they left), the centre's managers."""
    staff = Membership.objects.filter(
        centre_id=enterprise.centre_id,
        is_active=True,
        user__is_active=True,
        role__in=[Role.MANAGER, Role.ADVISOR],
    ).select_related("user")
    advisor = enterprise.advisor
    if advisor is not None and advisor.email and any(m.user_id == advisor.pk for m in staff):
        return [advisor]
    return [m.user for m in staff if m.role == Role.MANAGER and m.user.email]


def _send_later(subject: str, body: str, recipients: list[str]) -> None:
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients), robust=True
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def send_self_service_link(link: SelfServiceLink, token: str, days: int) -> None:
    """The link to the respondent, in the language chosen for the questionnaire."""
    assessment = link.assessment
    enterprise = assessment.enterprise
    with translation.override(assessment.language):
        context = {
            "enterprise": enterprise,
            "centre": enterprise.centre,
            "sender": link.created_by,
            "link": _absolute(reverse("assessments:respond", kwargs={"token": token})),
            "days": days,
        }
        subject = _("Your digital maturity self-assessment for %(enterprise)s") % {
            "enterprise": enterprise.name
        }
        body = render_to_string("assessments/email/link.txt", context)
    _send_later(subject, body, [link.email])


def notify_submission(assessment: Assessment) -> None:
    """Tell the advisor that a self-service assessment has been submitted."""
    enterprise = assessment.enterprise
    link = _absolute(reverse("assessments:detail", kwargs={"code": assessment.code}))
    for advisor in advisors_to_notify(enterprise):
        with translation.override(advisor.language):
            subject = _("%(enterprise)s has submitted its self-assessment") % {
                "enterprise": enterprise.name
            }
            context = {"assessment": assessment, "enterprise": enterprise, "link": link}
            body = render_to_string("assessments/email/submitted.txt", context)
        _send_later(subject, body, [advisor.email])


def remind_t1_due(assessment: Assessment, due_on: date, recipients: list[User]) -> None:
    """Tell the advisor that the enterprise's T1 assessment is due."""
    enterprise = assessment.enterprise
    link = _absolute(reverse("assessments:enterprise_list", kwargs={"code": enterprise.code}))
    for recipient in recipients:
        with translation.override(recipient.language):
            subject = _("The T1 assessment of %(enterprise)s is due") % {
                "enterprise": enterprise.name
            }
            context = {
                "assessment": assessment,
                "enterprise": enterprise,
                "due_on": due_on,
                "link": link,
            }
            body = render_to_string("assessments/email/t1_due.txt", context)
        _send_later(subject, body, [recipient.email])
