"""Assessments of an enterprise's digital maturity, the answers given and the scores they got.

An `Assessment` is one sitting at one stage (T0 before support, T1 after it, T2 as follow-up).
It holds one `ModuleResponse` per questionnaire answered (the DMA always, e-commerce and the
DII when chosen), each tied to the stored `InstrumentVersion` it was answered in, so a result
can be recomputed from the exact text of the questionnaire years later. A self-service sitting
is answered through a `SelfServiceLink`.
"""

from __future__ import annotations

import hashlib
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eminder.accounts.models import STAFF_ROLES, Role
from eminder.assessments.instruments import Instrument, ModuleResult, instrument_from_json

if TYPE_CHECKING:
    from eminder.accounts.models import User


class Stage(models.TextChoices):
    T0 = "T0", _("T0 (before support)")
    T1 = "T1", _("T1 (after support)")
    T2 = "T2", _("T2 (follow-up)")


class Mode(models.TextChoices):
    STAFF = "staff", _("Interview with an advisor")
    SELF_SERVICE = "self_service", _("Self-service through an emailed link")


class Status(models.TextChoices):
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Kind(models.TextChoices):
    """The questionnaires an assessment may hold, by the instrument's `scoring`."""

    DMA = "dma_sme", _("Digital maturity (DMA)")
    ECOMMERCE = "ecommerce", _("E-commerce sales")
    DII = "dii", _("Digital Intensity Index (DII)")


KIND_ORDER = [Kind.DMA, Kind.ECOMMERCE, Kind.DII]
# The levels of the DMA and the DII, for lists that show a stored level without its instrument.
LEVEL_LABELS = {
    "basic": _("Basic"),
    "average": _("Average"),
    "moderately_advanced": _("Moderately advanced"),
    "advanced": _("Advanced"),
    "very_low": _("Very low"),
    "low": _("Low"),
    "high": _("High"),
    "very_high": _("Very high"),
}


@lru_cache(maxsize=64)
def _instrument_from_content(content: str, source: str) -> Instrument:
    return instrument_from_json(content, source=source)


class InstrumentVersion(models.Model):
    """The exact text of one questionnaire version, as answered; never changed once stored."""

    instrument = models.CharField(_("questionnaire"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    scoring = models.CharField(_("scoring"), max_length=20)
    confirmed = models.BooleanField(_("confirmed methodology"))
    content = models.TextField(_("instrument file"))
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64)
    fingerprint = models.CharField(_("SHA-256 of the scoring content"), max_length=64)
    stored_at = models.DateTimeField(_("stored"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["instrument", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "version"], name="instrument_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.version}"

    def as_instrument(self) -> Instrument:
        """The instrument this stored text describes (built once per process)."""
        return _instrument_from_content(self.content, f"{self} (stored)")

    @property
    def content_is_intact(self) -> bool:
        return hashlib.sha256(self.content.encode()).hexdigest() == self.checksum


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: User) -> AssessmentQuerySet:
        """Everything for the coordinator; the centre's assessments for its staff; an SME
        owner's own enterprises' submitted assessments (their results, not drafts)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_network_coordinator:
            return self.all()
        from eminder.enterprises.models import Enterprise

        staff = [m.centre_id for m in user.active_memberships if m.role in STAFF_ROLES]
        owner = [m.centre_id for m in user.active_memberships if m.role == Role.SME_OWNER]
        owned = Enterprise.owners.through.objects.filter(user=user).values("enterprise_id")
        return self.filter(
            Q(enterprise__centre_id__in=staff)
            | Q(
                enterprise__centre_id__in=owner,
                enterprise_id__in=owned,
                status=Status.SUBMITTED,
            )
        )

    def submitted(self) -> AssessmentQuerySet:
        return self.filter(status=Status.SUBMITTED)


class Assessment(models.Model):
    """One sitting of an enterprise at one stage: its questionnaires, answers and scores."""

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    stage = models.CharField(_("stage"), max_length=2, choices=Stage.choices)
    assessed_on = models.DateField(_("assessed on"))
    mode = models.CharField(_("how it is answered"), max_length=20, choices=Mode.choices)
    language = models.CharField(
        _("language of the questionnaire"), max_length=8, choices=settings.LANGUAGES
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    correction_count = models.PositiveSmallIntegerField(_("corrections"), default=0)
    # Set on a T0 when its advisor has been reminded that the T1 is due (sent once).
    t1_reminder_sent_at = models.DateTimeField(_("T1 reminder sent"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["enterprise", "stage", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "stage"],
                condition=~Q(status="withdrawn"),
                name="assessment_one_per_stage",
                violation_error_message=_(
                    "This enterprise already has an assessment at this stage."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} · {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", kwargs={"code": self.code})

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED


class ModuleResponse(models.Model):
    """The answers to one questionnaire of an assessment and, once submitted, its result."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="modules",
    )
    kind = models.CharField(_("questionnaire"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    instrument_version = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    settings = models.JSONField(_("scoring settings used"), default=dict, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    # Copied from `result` so that lists and statistics need not read the JSON.
    score = models.FloatField(_("score"), null=True, blank=True)
    level = models.CharField(_("level"), max_length=30, blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire answered")
        verbose_name_plural = _("questionnaires answered")
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="module_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.instrument_version})"

    @cached_property
    def instrument(self) -> Instrument:
        """The stored questionnaire version with the settings this module is scored with."""
        return self.instrument_version.as_instrument().with_settings(**self.settings)

    @property
    def module_result(self) -> ModuleResult | None:
        return ModuleResult.from_dict(self.result) if self.result else None

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS.get(self.level, self.level))


class SelfServiceLink(models.Model):
    """An emailed link that lets one respondent answer one assessment without an account.

    The link carries a signed token naming this row (`services.link_token`); it stops working
    when it expires, when the assessment is submitted (`used_at`) or when a newer link or a
    withdrawal replaces it (`revoked_at`).
    """

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    email = models.EmailField(_("sent to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced or revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-assessment link")
        verbose_name_plural = _("self-assessment links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()
