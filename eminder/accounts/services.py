from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from axes.utils import reset as reset_login_failures
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eminder.accounts.models import ApiToken, Invitation, Membership, Role, User
from eminder.audits.services import record_action

if TYPE_CHECKING:
    from eminder.centres.models import Centre

INVITATION_SALT = "eminder.invitation"
TOKEN_PREFIX = "emk_"  # noqa: S105 - a public marker, not a secret


def appoint_coordinator(*, username: str, email: str, password: str | None) -> User:
    """Give a person (created if new) the network-coordinator role; used to start a network."""
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=email)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.full_clean()
            user.save()
        membership, _created = Membership.objects.update_or_create(
            user=user, centre=None, defaults={"role": Role.COORDINATOR, "is_active": True}
        )
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        record_action(actor=None, action="membership.coordinator", target=membership)
    return user


def record_login(*, user: User, ip_address: str | None) -> None:
    """Audit a successful login."""
    record_action(actor=user, action="account.login", target=user, ip_address=ip_address)


def record_logout(*, user: User, ip_address: str | None) -> None:
    """Audit a logout."""
    record_action(actor=user, action="account.logout", target=user, ip_address=ip_address)


def record_password_change(*, user: User, ip_address: str | None) -> None:
    """Audit a password change (the change itself is Django's form)."""
    record_action(actor=user, action="account.password_change", target=user, ip_address=ip_address)


def record_password_reset(*, user: User, ip_address: str | None) -> None:
    """Audit a password reset by email and lift the account's login lockout, if any."""
    with transaction.atomic():
        record_action(
            actor=user, action="account.password_reset", target=user, ip_address=ip_address
        )
        # The lockout page offers a reset as the way back in: the emailed link proves the owner.
        reset_login_failures(username=user.get_username())


def set_user_language(*, user: User, language: str, ip_address: str | None = None) -> None:
    """Keep the user's chosen language on the account."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    if user.language == language:
        return
    with transaction.atomic():
        user.language = language
        user.save(update_fields=["language"])
        record_action(
            actor=user,
            action="account.language",
            target=user,
            ip_address=ip_address,
            details={"language": language},
        )


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(str(invitation.code), salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link points to; ValidationError when forged, expired or used."""
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    try:
        code = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This invitation has expired. Ask the centre for a new one.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This invitation link is not valid.")) from None
    invitation = Invitation.objects.select_related("centre").filter(code=code).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired. Ask the centre for a new one."))
    return invitation


def invite_member(
    *,
    actor: User,
    centre: Centre,
    email: str,
    role: str,
    language: str,
    ip_address: str | None = None,
) -> Invitation:
    """Create an invitation and email its link, in the language chosen for the invitee."""
    if role not in {r.value for r in Role} or role == Role.COORDINATOR:
        raise ValidationError(_("This role cannot be given in a centre."))
    with transaction.atomic():
        invitation = Invitation.objects.create(
            centre=centre,
            email=email,
            role=role,
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
        )
        record_action(
            actor=actor,
            action="invitation.send",
            target=invitation,
            centre=centre,
            ip_address=ip_address,
            details={"email": email, "role": role},
        )
        link = settings.SITE_URL + reverse(
            "accounts:invitation", kwargs={"token": invitation_token(invitation)}
        )
        with translation.override(language):
            context = {
                "invitation": invitation,
                "link": link,
                "inviter": actor,
                "days": settings.INVITATION_MAX_AGE_DAYS,
            }
            subject = _("Invitation to join %(centre)s on e-MINDER") % {"centre": centre.short_name}
            body = render_to_string("accounts/email/invitation.txt", context)
        # robust: a mail server that is down is logged; the saved invitation stays listed.
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]), robust=True
        )
    return invitation


def accept_invitation(
    *, invitation: Invitation, user: User, ip_address: str | None = None
) -> Membership:
    """Give the user the invited role in the centre; the invitation cannot be used again."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise ValidationError(_("This invitation has already been used."))
        membership, _created = Membership.objects.update_or_create(
            user=user, centre=locked.centre, defaults={"role": locked.role, "is_active": True}
        )
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        record_action(
            actor=user,
            action="invitation.accept",
            target=membership,
            centre=locked.centre,
            ip_address=ip_address,
            details={"role": locked.role},
        )
    return membership


def create_user_from_invitation(
    *,
    invitation: Invitation,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
    language: str,
    ip_address: str | None = None,
) -> User:
    """Create the invitee's account and accept the invitation with it, in one transaction."""
    with transaction.atomic():
        user = User(
            username=username,
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
            language=language,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        accept_invitation(invitation=invitation, user=user, ip_address=ip_address)
    return user


def change_role(
    *, actor: User, membership: Membership, role: str, ip_address: str | None = None
) -> Membership:
    """Give a member another role in their centre."""
    if role not in {r.value for r in Role} or role == Role.COORDINATOR:
        raise ValidationError(_("This role cannot be given in a centre."))
    if membership.user_id == actor.pk and not actor.is_network_coordinator:
        raise ValidationError(_("You cannot change your own role."))
    if membership.role == role:
        return membership
    with transaction.atomic():
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record_action(
            actor=actor,
            action="membership.role",
            target=membership,
            centre=membership.centre,
            ip_address=ip_address,
            details={"from": old, "to": role},
        )
    return membership


def set_membership_active(
    *, actor: User, membership: Membership, active: bool, ip_address: str | None = None
) -> Membership:
    """Deactivate or reactivate a membership; a user with no active membership cannot log in."""
    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    if membership.is_active == active:
        return membership
    with transaction.atomic():
        membership.is_active = active
        membership.save(update_fields=["is_active"])
        user = membership.user
        has_other = user.memberships.filter(is_active=True).exists()
        if user.is_active != has_other:
            user.is_active = has_other
            user.save(update_fields=["is_active"])
        record_action(
            actor=actor,
            action="membership.reactivate" if active else "membership.deactivate",
            target=membership,
            centre=membership.centre,
            ip_address=ip_address,
        )
    return membership


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(
    *, user: User, name: str, ip_address: str | None = None
) -> tuple[ApiToken, str]:
    """Create a personal API token; the secret is returned once and only its hash is kept."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8],
            token_hash=hash_token(secret),
        )
        record_action(actor=user, action="token.create", target=token, ip_address=ip_address)
    return token, secret


def revoke_api_token(*, user: User, token: ApiToken, ip_address: str | None = None) -> None:
    """Revoke a token at once; requests carrying it are refused from now on."""
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_action(actor=user, action="token.revoke", target=token, ip_address=ip_address)


def user_for_token(secret: str) -> User | None:
    """The active user a token belongs to, or None for an unknown or revoked token."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
