from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from eminder.accounts.models import User


class CentreQuerySet(models.QuerySet["Centre"]):
    def visible_to(self, user: User) -> CentreQuerySet:
        """Centres the user may see: all for the network coordinator, else their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_network_coordinator:
            return self.all()
        return self.filter(memberships__user=user, memberships__is_active=True).distinct()


class Centre(models.Model):
    """A regional e-commerce coordination centre, covering one or more NUTS regions."""

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions covered"), related_name="centres"
    )
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    working_languages = models.JSONField(
        _("working languages"),
        default=list,
        help_text=_("Language codes of the languages the centre works in."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def working_language_names(self) -> list[str]:
        names = dict(settings.LANGUAGES)
        return [str(names.get(code, code)) for code in self.working_languages]


class Partner(models.Model):
    """An organisation taking part in a centre: a university, institute, cluster, ..."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        TECHNOLOGY_INSTITUTE = "technology_institute", _("Technology institute")
        CLUSTER = "cluster", _("Cluster")
        CHAMBER = "chamber", _("Chamber of commerce")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        MEMBER = "member", _("Member")
        ASSOCIATE = "associate", _("Associated partner")

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    role = models.CharField(_("role in the centre"), max_length=20, choices=Role.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["centre", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="partner_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
