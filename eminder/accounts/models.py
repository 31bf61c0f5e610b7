from __future__ import annotations

from functools import cached_property
from typing import ClassVar, Self
from uuid import uuid4

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Network coordinator")
    MANAGER = "manager", _("Centre manager")
    ADVISOR = "advisor", _("Advisor")
    TRAINER = "trainer", _("Trainer")
    SME_OWNER = "sme_owner", _("SME owner")


STAFF_ROLES = {Role.MANAGER, Role.ADVISOR, Role.TRAINER}
# Roles a centre manager may hand out; the coordinator role is the network's, not a centre's.
CENTRE_ROLES = [Role.MANAGER, Role.ADVISOR, Role.TRAINER, Role.SME_OWNER]


class User(AbstractUser):
    """A person who logs in; what they may do comes from their memberships."""

    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects: ClassVar[UserManager[Self]] = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_unique_email")]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def active_memberships(self) -> list[Membership]:
        """Loaded once per request: every permission check reads this list."""
        return list(self.memberships.filter(is_active=True).select_related("centre").order_by("pk"))

    @property
    def is_network_coordinator(self) -> bool:
        return any(m.role == Role.COORDINATOR for m in self.active_memberships)

    def role_in(self, centre_id: int) -> str | None:
        for membership in self.active_memberships:
            if membership.centre_id == centre_id:
                return membership.role
        return None

    @property
    def staff_centres(self) -> list:
        return [m.centre for m in self.active_memberships if m.role in STAFF_ROLES]


class MembershipQuerySet(models.QuerySet["Membership"]):
    def visible_to(self, user: User) -> MembershipQuerySet:
        """Memberships of the centres the user manages; every one for the coordinator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_coordinator:
            return self.all()
        managed = [m.centre_id for m in user.active_memberships if m.role == Role.MANAGER]
        return self.filter(centre_id__in=managed)


class Membership(models.Model):
    """A user's role in one centre, or in the whole network for the coordinator."""

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["centre", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="membership_unique"),
            models.CheckConstraint(
                condition=(models.Q(role="coordinator", centre__isnull=True))
                | (~models.Q(role="coordinator") & models.Q(centre__isnull=False)),
                name="membership_coordinator_has_no_centre",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Invitation(models.Model):
    """An emailed invitation to join a centre in a role; the link carries a signed code."""

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 hash is stored, the secret is shown once."""

    code = models.UUIDField(default=uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
