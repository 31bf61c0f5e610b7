"""Every write to assessments: start, save a step, submit, correct, withdraw, links, reminders.

Questionnaire versions are stored in the database the first time an assessment uses them
(`stored_version`), and all at once by `manage.py sync_instruments` (which `load_demo` runs);
either way a stored version's text is never changed: a shipped file that no longer matches
its stored copy is refused (`InstrumentConflict`), since answers were given to that text.

Drafts change step by step (`save_step`) without audit rows: they are the respondent's working
copy. Starting, sending a link, submitting, correcting, withdrawing and reminding each write
one audit row; a correction or withdrawal keeps its reason there.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eminder.assessments import notifications
from eminder.assessments.access import link_days, link_token, refuse_unless_editor
from eminder.assessments.instruments import (
    AnswerError,
    Instrument,
    available_instruments,
    score,
    validate_answers,
)
from eminder.assessments.models import (
    KIND_ORDER,
    Assessment,
    InstrumentVersion,
    Kind,
    Mode,
    ModuleResponse,
    SelfServiceLink,
    Stage,
    Status,
)
from eminder.assessments.steps import Step, first_incomplete, plan, save_section
from eminder.audits.services import record_action
from eminder.enterprises.models import Enterprise, MaturityLevel
from eminder.enterprises.models import Status as EnterpriseStatus

if TYPE_CHECKING:
    from eminder.accounts.models import User

PREVIOUS_STAGE = {Stage.T1: Stage.T0, Stage.T2: Stage.T1}
OPTIONAL_KINDS = (Kind.ECOMMERCE, Kind.DII)
REASON_MAX_LENGTH = 500
DEFAULT_T1_AFTER_MONTHS = 12
# Enterprises no longer supported get no reminder.
NOT_REMINDED = (EnterpriseStatus.WITHDRAWN, EnterpriseStatus.CEASED)


class InstrumentConflict(Exception):
    """A shipped questionnaire file differs from the copy stored under the same version."""


class IncompleteAssessment(ValidationError):
    """The assessment cannot be submitted yet; `step_key` names the first step to finish."""

    def __init__(self, step_key: str) -> None:
        super().__init__(_("Some answers are missing or wrong. Complete this step first."))
        self.step_key = step_key


# --- Questionnaire versions ------------------------------------------------------------------


def current_instrument(kind: str) -> Instrument:
    """The version new assessments use: the latest confirmed one (for the DII, of the latest
    confirmed survey year)."""
    candidates = [i for i in available_instruments(include_unconfirmed=False) if i.scoring == kind]
    return max(candidates, key=lambda i: (i.survey_year or 0, i.version))


def stored_version(instrument: Instrument) -> InstrumentVersion:
    """The stored copy of this version, stored now if it is new."""
    version, _created = InstrumentVersion.objects.get_or_create(
        instrument=instrument.id,
        version=instrument.version,
        defaults={
            "scoring": instrument.scoring,
            "confirmed": instrument.confirmed,
            "content": instrument.content,
            "checksum": instrument.checksum,
            "fingerprint": instrument.fingerprint,
        },
    )
    if version.checksum != instrument.checksum:
        raise InstrumentConflict(
            f"{instrument.source} differs from the stored copy of {instrument} "
            "(answers were given to the stored text): ship the change as a new version."
        )
    return version


@dataclass
class SyncReport:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def sync_instruments(instruments: Iterable[Instrument] | None = None) -> SyncReport:
    """Store every shipped questionnaire version not stored yet; change none that is."""
    report = SyncReport()
    with transaction.atomic():
        for instrument in instruments if instruments is not None else available_instruments():
            known = InstrumentVersion.objects.filter(
                instrument=instrument.id, version=instrument.version
            ).exists()
            stored_version(instrument)  # raises InstrumentConflict: nothing is stored then
            (report.unchanged if known else report.stored).append(str(instrument))
        if report.stored:
            record_action(
                actor=None, action="instrument.store", details={"versions": report.stored}
            )
    return report


# --- Starting --------------------------------------------------------------------------------


def next_stage(enterprise: Enterprise) -> str:
    """The stage an enterprise's next assessment would have."""
    taken = set(
        Assessment.objects.filter(enterprise=enterprise)
        .exclude(status=Status.WITHDRAWN)
        .values_list("stage", flat=True)
    )
    return next((stage for stage in Stage.values if stage not in taken), Stage.T2)


def start_assessment(
    *,
    actor: User,
    enterprise: Enterprise,
    stage: str,
    assessed_on: date,
    mode: str,
    language: str,
    optional_modules: Collection[str] = (),
    respondent_email: str = "",
    ip_address: str | None = None,
) -> Assessment:
    """Open a draft with the DMA and the chosen modules; a self-service one emails its link."""
    refuse_unless_editor(actor, enterprise.centre_id)
    _check_start(mode, language, optional_modules, respondent_email, assessed_on)
    kinds = [kind for kind in KIND_ORDER if kind == Kind.DMA or kind in optional_modules]
    with transaction.atomic():
        # Starts for one enterprise wait for each other here (PostgreSQL), so the stage rules
        # below see every other start; the unique constraint is the last word on SQLite.
        Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
        _check_stage(enterprise, stage)
        try:
            with transaction.atomic():
                assessment = Assessment.objects.create(
                    enterprise=enterprise,
                    stage=stage,
                    assessed_on=assessed_on,
                    mode=mode,
                    language=language,
                    created_by=actor,
                )
        except IntegrityError:  # another start for the same stage won the race
            raise _stage_taken(stage) from None
        for position, kind in enumerate(kinds):
            instrument = current_instrument(kind)
            ModuleResponse.objects.create(
                assessment=assessment,
                kind=kind,
                position=position,
                instrument_version=stored_version(instrument),
                settings=instrument.settings_values(),
            )
        record_action(
            actor=actor,
            action="assessment.start",
            target=assessment,
            centre=enterprise.centre,
            ip_address=ip_address,
            details={"stage": stage, "mode": mode, "modules": kinds},
        )
        if mode == Mode.SELF_SERVICE:
            _new_link(assessment, respondent_email, actor)
    return assessment


def _check_start(
    mode: str,
    language: str,
    optional_modules: Collection[str],
    respondent_email: str,
    assessed_on: date,
) -> None:
    errors: dict[str, str] = {}
    if mode not in Mode.values:
        errors["mode"] = _("Choose how the assessment is answered.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Unknown language.")
    if set(optional_modules) - set(OPTIONAL_KINDS):
        errors["optional_modules"] = _("Choose the questionnaires from the list.")
    if mode == Mode.SELF_SERVICE and not respondent_email:
        errors["respondent_email"] = _("Give the email address the link is sent to.")
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("This date is in the future.")
    if errors:
        raise ValidationError(errors)


def _stage_taken(stage: str) -> ValidationError:
    return ValidationError(
        {
            "stage": _(
                "This enterprise already has a %(stage)s assessment. Withdraw it to start again."
            )
            % {"stage": stage}
        }
    )


def _check_stage(enterprise: Enterprise, stage: str) -> None:
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose a stage from the list.")})
    live = Assessment.objects.filter(enterprise=enterprise).exclude(status=Status.WITHDRAWN)
    if live.filter(stage=stage).exists():
        raise _stage_taken(stage)
    previous = PREVIOUS_STAGE.get(Stage(stage))
    if previous and not live.filter(stage=previous, status=Status.SUBMITTED).exists():
        raise ValidationError(
            {
                "stage": _("A %(stage)s assessment needs a submitted %(previous)s assessment.")
                % {"stage": stage, "previous": previous}
            }
        )


# --- Links -----------------------------------------------------------------------------------


def _new_link(assessment: Assessment, email: str, actor: User) -> SelfServiceLink:
    """Replace the assessment's open links by a new one and email it."""
    now = timezone.now()
    assessment.links.filter(used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    link = SelfServiceLink.objects.create(
        assessment=assessment,
        email=email,
        created_by=actor,
        expires_at=now + timedelta(days=link_days()),
    )
    notifications.send_self_service_link(link, link_token(link), link_days())
    return link


def send_self_service_link(
    *, actor: User, assessment: Assessment, email: str, ip_address: str | None = None
) -> SelfServiceLink:
    """Email a new link for a self-service draft; the earlier links stop working."""
    refuse_unless_editor(actor, assessment.enterprise.centre_id)
    if assessment.mode != Mode.SELF_SERVICE:
        raise ValidationError(_("Only a self-service assessment is answered through a link."))
    with transaction.atomic():
        _lock(assessment)
        if assessment.status != Status.DRAFT:
            raise ValidationError(_("Only an assessment in progress can be answered."))
        link = _new_link(assessment, email, actor)
        record_action(
            actor=actor,
            action="assessment.link",
            target=assessment,
            centre=assessment.enterprise.centre,
            ip_address=ip_address,
        )
    return link


# --- Answering -------------------------------------------------------------------------------


def _lock(assessment: Assessment) -> None:
    """Lock the assessment's row and re-read what may have changed since the caller read it."""
    fresh = (
        Assessment.objects.select_for_update()
        .values("status", "correction_count", "language")
        .get(pk=assessment.pk)
    )
    assessment.status = fresh["status"]
    assessment.correction_count = fresh["correction_count"]
    assessment.language = fresh["language"]


def _check_respondent(
    assessment: Assessment, actor: User | None, link: SelfServiceLink | None
) -> None:
    """The caller answers this draft: an editor of its centre, or a usable link to it."""
    if link is None:
        refuse_unless_editor(actor, assessment.enterprise.centre_id)
    else:
        link.refresh_from_db(fields=["used_at", "revoked_at", "expires_at"])
        if link.assessment_id != assessment.pk or not link.is_usable:
            raise PermissionDenied(_("This link cannot be used for this assessment."))
    if assessment.status != Status.DRAFT:
        raise ValidationError(
            _("This assessment is no longer in progress: its answers cannot be changed.")
        )


def modules_of(assessment: Assessment) -> list[ModuleResponse]:
    return list(assessment.modules.select_related("instrument_version").order_by("position"))


def _step(modules: list[ModuleResponse], key: str) -> Step:
    for step in plan(modules):
        if step.key == key:
            return step
    raise ValidationError(_("This step is not part of the assessment."))


def save_step(
    *,
    assessment: Assessment,
    step_key: str,
    raw: Mapping[str, object],
    actor: User | None = None,
    link: SelfServiceLink | None = None,
) -> ModuleResponse:
    """Check one step's answers and keep them; AnswerError (nothing saved) when one is wrong."""
    with transaction.atomic():
        _lock(assessment)
        _check_respondent(assessment, actor, link)
        modules = modules_of(assessment)
        step = _step(modules, step_key)
        module = modules[step.module]
        module.answers = save_section(step, module.answers, raw)
        module.save(update_fields=["answers"])
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    return module


def set_assessment_language(
    *,
    assessment: Assessment,
    language: str,
    actor: User | None = None,
    link: SelfServiceLink | None = None,
) -> None:
    """Change the language the questionnaire is shown in (and its emails are written in)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    with transaction.atomic():
        _lock(assessment)
        _check_respondent(assessment, actor, link)
        assessment.language = language
        assessment.save(update_fields=["language", "updated_at"])


def incomplete_step(modules: list[ModuleResponse]) -> Step | None:
    """The first step to finish before submitting, None when everything can be scored."""
    steps = plan(modules)
    step = first_incomplete(steps, [module.answers for module in modules])
    if step is not None:
        return step
    for position, module in enumerate(modules):
        try:
            validate_answers(module.instrument, module.answers)
        except AnswerError as error:  # a rule across steps, such as a sum of shares
            question = error.problems[0].question
            return next(
                s
                for s in steps
                if s.module == position and any(q.id == question for q in s.questions)
            )
    return None


def submit_assessment(
    *,
    assessment: Assessment,
    actor: User | None = None,
    link: SelfServiceLink | None = None,
    ip_address: str | None = None,
) -> Assessment:
    """Score every module and submit; IncompleteAssessment names the first step to finish."""
    with transaction.atomic():
        _lock(assessment)
        _check_respondent(assessment, actor, link)
        modules = modules_of(assessment)
        step = incomplete_step(modules)
        if step is not None:
            raise IncompleteAssessment(step.key)
        now = timezone.now()
        for module in modules:
            _score(module, now)
        assessment.status = Status.SUBMITTED
        assessment.submitted_at = now
        if link is not None:  # a self-service assessment is dated the day it is answered
            assessment.assessed_on = timezone.localdate()
        assessment.save(update_fields=["status", "submitted_at", "assessed_on", "updated_at"])
        assessment.links.filter(used_at__isnull=True).update(used_at=now)
        refresh_maturity_level(assessment.enterprise_id)
        record_action(
            actor=actor,
            action="assessment.submit",
            target=assessment,
            centre=assessment.enterprise.centre,
            ip_address=ip_address,
            details={
                "stage": assessment.stage,
                "through_link": link is not None,
                "correction": assessment.correction_count,
                "scores": _scores(modules),
            },
        )
        if link is not None:
            notifications.notify_submission(assessment)
    return assessment


def _score(module: ModuleResponse, now: Any) -> None:
    instrument = module.instrument
    result = score(instrument, validate_answers(instrument, module.answers))
    module.result = result.to_dict()
    module.score = result.score
    module.level = result.level or ""
    module.scored_at = now
    module.save(update_fields=["result", "score", "level", "scored_at"])


def _scores(modules: Iterable[ModuleResponse]) -> dict[str, dict[str, object]]:
    return {m.kind: {"score": m.score, "level": m.level} for m in modules}


def refresh_maturity_level(enterprise_id: int) -> None:
    """The enterprise's maturity level is that of its latest submitted DMA (none: blank)."""
    level = (
        ModuleResponse.objects.filter(
            kind=Kind.DMA,
            assessment__enterprise_id=enterprise_id,
            assessment__status=Status.SUBMITTED,
        )
        .order_by("-assessment__assessed_on", "-assessment__stage")
        .values_list("level", flat=True)
        .first()
    )
    Enterprise.objects.filter(pk=enterprise_id).update(
        maturity_level=level if level in MaturityLevel.values else ""
    )


# --- Correcting and withdrawing ---------------------------------------------------------------


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason: it is kept in the audit log.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(count)d characters.")
                % {"count": REASON_MAX_LENGTH}
            }
        )
    return reason


def correct_assessment(
    *, actor: User, assessment: Assessment, reason: str, ip_address: str | None = None
) -> Assessment:
    """Reopen a submitted assessment so that staff correct its answers and submit it again."""
    refuse_unless_editor(actor, assessment.enterprise.centre_id)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(assessment)
        if assessment.status != Status.SUBMITTED:
            raise ValidationError(_("Only a submitted assessment can be corrected."))
        previous = _scores(assessment.modules.all())
        assessment.status = Status.DRAFT
        assessment.correction_count += 1
        assessment.save(update_fields=["status", "correction_count", "updated_at"])
        refresh_maturity_level(assessment.enterprise_id)
        record_action(
            actor=actor,
            action="assessment.correct",
            target=assessment,
            centre=assessment.enterprise.centre,
            ip_address=ip_address,
            details={"reason": reason, "previous_scores": previous},
        )
    return assessment


def withdraw_assessment(
    *, actor: User, assessment: Assessment, reason: str, ip_address: str | None = None
) -> Assessment:
    """Withdraw a draft or a submitted assessment: it no longer counts, its links stop."""
    refuse_unless_editor(actor, assessment.enterprise.centre_id)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(assessment)
        if assessment.status == Status.WITHDRAWN:
            raise ValidationError(_("This assessment is already withdrawn."))
        previous_status = assessment.status
        assessment.status = Status.WITHDRAWN
        assessment.save(update_fields=["status", "updated_at"])
        assessment.links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        refresh_maturity_level(assessment.enterprise_id)
        record_action(
            actor=actor,
            action="assessment.withdraw",
            target=assessment,
            centre=assessment.enterprise.centre,
            ip_address=ip_address,
            details={"reason": reason, "previous_status": previous_status},
        )
    return assessment


# --- T1 reminders ----------------------------------------------------------------------------


def t1_after_months() -> int:
    """Months after a T0 when the T1 is due (`EMINDER_T1_AFTER_MONTHS`)."""
    return int(getattr(settings, "T1_REMINDER_AFTER_MONTHS", DEFAULT_T1_AFTER_MONTHS))


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1: 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def remind_due_assessments(*, today: date | None = None) -> int:
    """Email the advisor of every enterprise whose T1 is due, once per T0; returns how many."""
    today = today or timezone.localdate()
    months = t1_after_months()
    has_t1 = (
        Assessment.objects.filter(stage=Stage.T1)
        .exclude(status=Status.WITHDRAWN)
        .values("enterprise_id")
    )
    candidates = (
        Assessment.objects.filter(
            stage=Stage.T0,
            status=Status.SUBMITTED,
            assessed_on__lte=today,
            t1_reminder_sent_at__isnull=True,
        )
        .exclude(enterprise__status__in=NOT_REMINDED)
        .exclude(enterprise_id__in=has_t1)
        .select_related("enterprise__centre", "enterprise__advisor")
    )
    sent = 0
    for assessment in candidates:
        due_on = add_months(assessment.assessed_on, months)
        if due_on <= today and _remind(assessment, due_on):
            sent += 1
    return sent


def _remind(assessment: Assessment, due_on: date) -> bool:
    recipients = notifications.advisors_to_notify(assessment.enterprise)
    if not recipients:
        return False  # nobody to tell yet: tried again on the next run
    with transaction.atomic():
        # The conditional update is what makes a second (or simultaneous) run send nothing.
        claimed = Assessment.objects.filter(
            pk=assessment.pk, t1_reminder_sent_at__isnull=True
        ).update(t1_reminder_sent_at=timezone.now())
        if not claimed:
            return False
        record_action(
            actor=None,
            action="assessment.remind",
            target=assessment,
            centre=assessment.enterprise.centre,
            details={
                "due_on": due_on.isoformat(),
                "recipients": [user.get_username() for user in recipients],
            },
        )
        notifications.remind_t1_due(assessment, due_on, recipients)
    return True
