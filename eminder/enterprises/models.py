from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eminder.accounts.models import STAFF_ROLES, Role
from eminder.enterprises import nace

if TYPE_CHECKING:
    from eminder.accounts.models import User

EARLIEST_FOUNDING_YEAR = 1800


class SizeClass(models.TextChoices):
    """Persons employed, in Eurostat's size classes (its codes, except `250+` for GE250)."""

    MICRO = "0-9", _("0 to 9 persons employed (micro)")
    SMALL = "10-49", _("10 to 49 persons employed (small)")
    MEDIUM = "50-249", _("50 to 249 persons employed (medium-sized)")
    LARGE = "250+", _("250 or more persons employed (large)")


class TurnoverBand(models.TextChoices):
    """Annual turnover; the upper bands follow the EU SME definition (2, 10, 50 million)."""

    UNDER_100K = "lt100k", _("Under €100,000")
    FROM_100K = "100k-500k", _("€100,000 to under €500,000")
    FROM_500K = "500k-2m", _("€500,000 to under €2 million")
    FROM_2M = "2m-10m", _("€2 million to under €10 million")
    FROM_10M = "10m-50m", _("€10 million to under €50 million")
    OVER_50M = "ge50m", _("€50 million or more")


class SalesChannel(models.TextChoices):
    OWN_WEB_SHOP = "own_web_shop", _("Own web shop")
    MARKETPLACES = "marketplaces", _("Online marketplaces")
    SOCIAL_COMMERCE = "social_commerce", _("Social commerce")
    B2B_EDI = "b2b_edi", _("B2B platforms or EDI")
    CROSS_BORDER = "cross_border", _("Cross-border online sales")
    PHONE_EMAIL = "phone_email", _("Orders by phone or email")
    PHYSICAL_ONLY = "physical_only", _("Physical shop only")


class Status(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Receiving support")
    COMPLETED = "completed", _("Support completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CEASED = "ceased", _("No longer trading")


class MaturityLevel(models.TextChoices):
    """The bands of the digital maturity assessment's overall score (0-25-50-75-100)."""

    BASIC = "basic", _("Basic")
    AVERAGE = "average", _("Average")
    MODERATELY_ADVANCED = "moderately_advanced", _("Moderately advanced")
    ADVANCED = "advanced", _("Advanced")


def validate_nace_code(value: str) -> None:
    if not nace.is_activity(value):
        raise ValidationError(
            _("%(value)s is not a section, division, group or class of NACE Rev. 2."),
            code="nace",
            params={"value": value},
        )


def validate_sales_channels(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Choose sales channels from the list."), code="channels")
    unknown = sorted(set(value) - set(SalesChannel.values))
    if unknown:
        raise ValidationError(
            _("Unknown sales channel: %(value)s."),
            code="channels",
            params={"value": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A sales channel is listed twice."), code="channels")
    if SalesChannel.PHYSICAL_ONLY in value and len(value) > 1:
        raise ValidationError(
            _("“Physical shop only” cannot be combined with other sales channels."),
            code="channels",
        )


def validate_founding_year(value: int) -> None:
    this_year = timezone.localdate().year
    if not EARLIEST_FOUNDING_YEAR <= value <= this_year:
        raise ValidationError(
            _("Enter a year between %(first)s and %(last)s."),
            code="year",
            params={"first": EARLIEST_FOUNDING_YEAR, "last": this_year},
        )


validate_registry_number = RegexValidator(
    r"^[A-Z0-9]*$", _("Use capital letters and digits only."), code="registry_number"
)
validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{4,38}[0-9]$",
    _("Enter a phone number: digits, spaces and + ( ) . / - only."),
    code="phone",
)


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def visible_to(self, user: User) -> EnterpriseQuerySet:
        """Everything for the coordinator; the centre's enterprises for its staff; an SME
        owner's own enterprises (linked in `owners`, and only while the owner's membership of
        that centre is active)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_network_coordinator:
            return self.all()
        staff = [m.centre_id for m in user.active_memberships if m.role in STAFF_ROLES]
        owner = [m.centre_id for m in user.active_memberships if m.role == Role.SME_OWNER]
        # A subquery, not a join: a join on owners would repeat an enterprise per owner.
        owned = Enterprise.owners.through.objects.filter(user=user).values("enterprise_id")
        return self.filter(Q(centre_id__in=staff) | Q(centre_id__in=owner, pk__in=owned))


class Enterprise(models.Model):
    """A small or medium-sized enterprise a centre supports."""

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    name = models.CharField(_("name"), max_length=200)
    registry_number = models.CharField(
        _("registry or VAT number"),
        max_length=40,
        blank=True,
        validators=[validate_registry_number],
        help_text=_("Stored in capitals without spaces or punctuation."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="enterprises",
        help_text=_("A NUTS 2 or NUTS 3 region (NUTS 2021) within the centre's regions."),
    )
    nace_code = models.CharField(
        _("activity (NACE Rev. 2)"),
        max_length=5,
        validators=[validate_nace_code],
        help_text=_("A section, division, group or class, for example G47.91 or 47.91."),
    )
    size_class = models.CharField(
        _("size class (persons employed)"), max_length=10, choices=SizeClass.choices
    )
    turnover_band = models.CharField(
        _("annual turnover"), max_length=10, choices=TurnoverBand.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[validate_founding_year]
    )
    website = models.URLField(_("website"), blank=True)
    sales_channels = models.JSONField(
        _("sales channels in use"),
        default=list,
        blank=True,
        validators=[validate_sales_channels],
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advised_enterprises",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROSPECT
    )
    maturity_level = models.CharField(
        _("digital maturity level"),
        max_length=20,
        choices=MaturityLevel.choices,
        blank=True,
        editable=False,
        help_text=_("From the latest digital maturity assessment; never typed in by hand."),
    )
    # The SME-owner accounts that see this enterprise (their role is a Membership of the centre).
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner accounts"),
        blank=True,
        related_name="owned_enterprises",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "registry_number"],
                condition=~Q(registry_number=""),
                name="enterprise_unique_registry_number",
                violation_error_message=_(
                    "This centre already has an enterprise with this registry or VAT number."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def nuts2_code(self) -> str:
        """The NUTS 2 region: the region itself, or the one a NUTS 3 region belongs to."""
        return self.region.code[:4]

    @property
    def nace_notation(self) -> str:
        return nace.official_notation(self.nace_code)

    @property
    def nace_label(self) -> str:
        return nace.nace_label(self.nace_code, (get_language() or "en")[:2])

    @property
    def sales_channel_labels(self) -> list[str]:
        labels = dict(SalesChannel.choices)
        return [str(labels.get(channel, channel)) for channel in self.sales_channels]


class Contact(models.Model):
    """A person to talk to at an enterprise, and their consent to be contacted.

    Only what the centre needs to reach them is kept; `services.export_contact_data` gives a
    copy of it and `services.erase_contact` removes it.
    """

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role in the enterprise"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.CharField(
        _("purpose of the consent"),
        max_length=300,
        blank=True,
        help_text=_("What the person agreed to be contacted about."),
    )
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["enterprise", "name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_withdrawn_on__isnull=True)
                | Q(consent_date__isnull=False, consent_withdrawn_on__gte=models.F("consent_date")),
                name="contact_withdrawal_after_consent",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        today = timezone.localdate()
        if bool(self.consent_date) != bool(self.consent_purpose.strip()):
            field = "consent_purpose" if self.consent_date else "consent_date"
            errors.setdefault(field, []).append(
                ValidationError(
                    _("Give both the date and the purpose of the consent, or neither."),
                    code="consent",
                )
            )
        for field in ("consent_date", "consent_withdrawn_on"):
            value = getattr(self, field)
            if value and value > today:
                errors.setdefault(field, []).append(
                    ValidationError(_("This date is in the future."), code="future")
                )
        if self.consent_withdrawn_on and (
            not self.consent_date or self.consent_withdrawn_on < self.consent_date
        ):
            errors.setdefault("consent_withdrawn_on", []).append(
                ValidationError(
                    _("Consent can only be withdrawn on or after the day it was given."),
                    code="withdrawal",
                )
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_consent(self) -> bool:
        """Consent given and not withdrawn: the person may be contacted."""
        return self.consent_date is not None and self.consent_withdrawn_on is None


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def visible_to(self, user: User) -> ImportBatchQuerySet:
        """An import waiting for confirmation is private to the person who uploaded it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(uploaded_by=user)


class ImportBatch(models.Model):
    """An uploaded enterprise file, parsed and kept until its uploader confirms or drops it.

    `rows` holds the cells as text, never anything derived: the report and the confirmation
    re-check every row against the registry as it is at that moment. The rows (which may hold
    contact details) are cleared once the import is done, and unconfirmed batches are deleted
    after `imports.IMPORT_KEPT_FOR`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        DONE = "done", _("Imported")

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise import")
        verbose_name_plural = _("enterprise imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
