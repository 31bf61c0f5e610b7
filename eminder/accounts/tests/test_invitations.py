"""Inviting a person into a centre by email, and accepting the signed link."""

import re
import time
from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eminder.accounts import services
from eminder.accounts.forms import AcceptInvitationForm
from eminder.accounts.models import Invitation, Membership, Role, User
from eminder.accounts.tests.catalogue import use_catalogue
from eminder.audits.models import AuditEntry
from eminder.testing.personas import PASSWORD

SITE_URL = "https://eminder.example"
NEW_EMAIL = "new.person@example.org"
NEW_PASSWORD = "a-long-and-fresh-passphrase"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def invite(client: Client, centre, **data):
    values = {"email": NEW_EMAIL, "role": Role.ADVISOR, "language": "en", **data}
    return client.post(reverse("accounts:invite", kwargs={"code": centre.code}), values)


def invite_and_send(client: Client, centre, capture, **data):
    """Invite, and send the mail that waits for the transaction to commit."""
    with capture(execute=True):
        return invite(client, centre, **data)


def link_path(message: mail.EmailMessage) -> str:
    match = re.search(re.escape(SITE_URL) + r"(/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def make_invitation(centre, *, role=Role.ADVISOR, email=NEW_EMAIL, **extra) -> Invitation:
    extra.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return Invitation.objects.create(centre=centre, email=email, role=role, **extra)


def url_for(invitation: Invitation) -> str:
    return reverse("accounts:invitation", kwargs={"token": services.invitation_token(invitation)})


def sign_up(client: Client, invitation: Invitation, **data):
    values = {
        "username": "newperson",
        "first_name": "Nea",
        "last_name": "Person",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **data,
    }
    return client.post(url_for(invitation), values)


# Sending


def test_manager_invitation_is_stored_and_mailed_with_a_signed_link(
    client_for, network, django_capture_on_commit_callbacks
):
    response = invite_and_send(
        client_for("manager"), network.centre, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:staff", kwargs={"code": network.centre.code})
    invitation = Invitation.objects.get()
    assert (invitation.centre, invitation.email, invitation.role, invitation.invited_by) == (
        network.centre,
        NEW_EMAIL,
        Role.ADVISOR,
        network.manager,
    )
    assert invitation.accepted_at is None
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(7)
    [message] = mail.outbox
    assert message.to == [NEW_EMAIL]
    assert message.subject == "Invitation to join Galicia on e-MINDER"
    token = link_path(message).split("/")[2]
    assert signing.loads(token, salt=services.INVITATION_SALT) == str(invitation.code)


def test_invitation_mail_names_inviter_centre_role_and_expiry(
    client_for, network, django_capture_on_commit_callbacks
):
    invite_and_send(
        client_for("manager"), network.centre, django_capture_on_commit_callbacks, role="trainer"
    )

    body = mail.outbox[0].body
    assert "Manager invites you to join Centre of Galicia on e-MINDER as Trainer." in body
    assert "expires in 7 days" in body


def test_invitation_mail_is_in_the_chosen_language(
    client_for, network, django_capture_on_commit_callbacks, settings, tmp_path
):
    use_catalogue(
        settings,
        tmp_path,
        "el",
        {
            "Invitation to join %(centre)s on e-MINDER": "Πρόσκληση στο %(centre)s στο e-MINDER",
            "Open this link to accept:": "Ανοίξτε αυτόν τον σύνδεσμο για να αποδεχτείτε:",
        },
    )
    client = client_for("manager")

    response = invite_and_send(
        client, network.centre, django_capture_on_commit_callbacks, language="el"
    )

    [message] = mail.outbox
    assert message.subject == "Πρόσκληση στο Galicia στο e-MINDER"
    assert "Ανοίξτε αυτόν τον σύνδεσμο για να αποδεχτείτε:" in message.body
    # The manager's own pages stay in the manager's language.
    page = client.get(response["Location"])
    assert '<html lang="en">' in page.text
    assert f"An invitation was sent to {NEW_EMAIL}." in page.text


def test_invitation_mail_waits_for_the_commit(
    client_for, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invite(client_for("manager"), network.centre)

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_invitation_is_audited(client_for, network):
    client = client_for("manager")
    client.defaults["REMOTE_ADDR"] = "203.0.113.4"

    invite(client, network.centre)

    entry = AuditEntry.objects.get()
    invitation = Invitation.objects.get()
    assert (entry.action, entry.actor, entry.centre, entry.ip_address) == (
        "invitation.send",
        network.manager,
        network.centre,
        "203.0.113.4",
    )
    assert entry.object_code == str(invitation.code)
    assert entry.details == {"email": NEW_EMAIL, "role": "advisor"}


def test_coordinator_can_invite_into_any_centre(
    client_for, network, django_capture_on_commit_callbacks
):
    invite_and_send(
        client_for("coordinator"), network.other_centre, django_capture_on_commit_callbacks
    )

    assert Invitation.objects.get().centre == network.other_centre
    assert len(mail.outbox) == 1


def test_coordinator_role_cannot_be_invited(
    client_for, network, django_capture_on_commit_callbacks
):
    response = invite_and_send(
        client_for("manager"),
        network.centre,
        django_capture_on_commit_callbacks,
        role="coordinator",
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.text
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_coordinator_role_is_refused_by_the_service_too(network):
    with pytest.raises(ValidationError, match=re.escape("This role cannot be given in a centre.")):
        services.invite_member(
            actor=network.coordinator,
            centre=network.centre,
            email=NEW_EMAIL,
            role=Role.COORDINATOR,
            language="en",
        )

    assert not Invitation.objects.exists()


def test_invalid_email_shows_the_form_again(client_for, network):
    response = invite(client_for("manager"), network.centre, email="not-an-address")

    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert not Invitation.objects.exists()


def test_invite_form_offers_the_centre_roles_only(client_for, network):
    response = client_for("manager").get(
        reverse("accounts:invite", kwargs={"code": network.centre.code})
    )

    assert 'value="advisor"' in response.text
    assert 'value="coordinator"' not in response.text


def test_manager_cannot_invite_into_another_centre(client_for, network):
    response = invite(client_for("outsider"), network.centre)

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_advisor_cannot_invite(client_for, network):
    response = invite(client_for("advisor"), network.centre)

    assert response.status_code == 403
    assert not Invitation.objects.exists()


# Accepting as a new person


def test_invitation_page_shows_the_centre_the_role_and_the_form(client, network):
    response = client.get(url_for(make_invitation(network.centre)))

    assert response.status_code == 200
    assert "Join Centre of Galicia" in response.text
    assert f"You are invited as Advisor. The invitation was sent to {NEW_EMAIL}." in response.text
    assert 'name="password2"' in response.text


def test_new_person_creates_an_account_and_joins(client, network):
    invitation = make_invitation(network.centre, role=Role.TRAINER)

    client.defaults["REMOTE_ADDR"] = "203.0.113.3"

    response = sign_up(client, invitation)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="newperson")
    assert (user.email, user.first_name, user.last_name, user.is_active) == (
        NEW_EMAIL,
        "Nea",
        "Person",
        True,
    )
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.centre, membership.role, membership.is_active) == (
        network.centre,
        Role.TRAINER,
        True,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.centre, entry.ip_address, entry.details) == (
        "invitation.accept",
        user,
        network.centre,
        "203.0.113.3",
        {"role": "trainer"},
    )


def test_new_account_keeps_the_language_the_page_was_shown_in(client, network, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"

    sign_up(client, make_invitation(network.centre))

    assert User.objects.get(username="newperson").language == "el"


def test_new_person_lands_on_their_centre(client, network):
    sign_up(client, make_invitation(network.centre))

    response = client.get("/", follow=True)

    assert response.status_code == 200
    assert "Centre of Galicia" in response.text


def test_used_invitation_cannot_be_used_again(client, network):
    invitation = make_invitation(network.centre)
    sign_up(client, invitation)

    again = sign_up(Client(), invitation, username="someoneelse")

    assert again.status_code == 410
    assert "This invitation has already been used." in again.text
    assert not User.objects.filter(username="someoneelse").exists()
    assert Membership.objects.filter(centre=network.centre, role=Role.ADVISOR).count() == 2


def test_password_mismatch_shows_errors_and_creates_nobody(client, network):
    invitation = make_invitation(network.centre)

    response = sign_up(client, invitation, password2=NEW_PASSWORD + "x")

    assert response.status_code == 200
    assert "The two passwords differ." in response.text
    assert_nothing_changed(invitation)


def test_weak_password_shows_errors_and_creates_nobody(client, network):
    invitation = make_invitation(network.centre)

    response = sign_up(client, invitation, password1="password", password2="password")

    assert response.status_code == 200
    assert "This password is too common." in response.text
    assert_nothing_changed(invitation)


@pytest.mark.parametrize("username", ["manager", "MANAGER"])
def test_taken_username_shows_errors_and_creates_nobody(client, network, username):
    invitation = make_invitation(network.centre)

    response = sign_up(client, invitation, username=username)

    assert response.status_code == 200
    assert "This username is taken. Choose another." in response.text
    assert_nothing_changed(invitation)


def test_username_with_forbidden_characters_shows_errors_and_creates_nobody(client, network):
    invitation = make_invitation(network.centre)

    response = sign_up(client, invitation, username="new person!")

    assert response.status_code == 200
    assert "Enter a valid username." in response.text
    assert_nothing_changed(invitation)


def test_existing_email_address_shows_errors_and_creates_nobody(client, network):
    invitation = make_invitation(network.centre, email="Advisor@Example.org")

    response = sign_up(client, invitation)

    assert response.status_code == 200
    assert "An account with this email address exists." in response.text
    assert_nothing_changed(invitation)


def test_missing_fields_show_errors_and_create_nobody(client, network):
    invitation = make_invitation(network.centre)

    response = sign_up(client, invitation, username="", first_name="", password1="")

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert_nothing_changed(invitation)


def assert_nothing_changed(invitation: Invitation) -> None:
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(email__iexact=NEW_EMAIL).exists()
    assert not AuditEntry.objects.exists()


# Accepting as a logged-in user


def test_person_with_an_account_logs_in_and_comes_back_to_the_invitation(client, network):
    url = url_for(make_invitation(network.centre, email="outsider@example.org"))
    page = client.get(url)
    assert f'href="/accounts/login/?next={quote(url)}"' in page.text

    response = client.post(
        "/accounts/login/", {"username": "outsider", "password": PASSWORD, "next": url}
    )
    assert response["Location"] == url
    client.post(url)

    assert Membership.objects.filter(user=network.outsider, centre=network.centre).exists()


def test_logged_in_user_sees_whom_they_accept_as(client_for, network):
    invitation = make_invitation(network.centre, email="outsider@example.org")
    response = client_for("outsider").get(url_for(invitation))

    assert response.status_code == 200
    assert "Accept the invitation as Outsider?" in response.text
    assert 'name="password1"' not in response.text


def test_logged_in_user_joins_with_the_invited_role(client_for, network):
    invitation = make_invitation(network.centre, role=Role.TRAINER, email="outsider@example.org")
    client = client_for("outsider")

    response = client.post(url_for(invitation))

    assert response.status_code == 302
    joined = Membership.objects.get(user=network.outsider, centre=network.centre)
    assert (joined.role, joined.is_active) == (Role.TRAINER, True)
    kept = Membership.objects.get(user=network.outsider, centre=network.other_centre)
    assert (kept.role, kept.is_active) == (Role.MANAGER, True)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert "You have joined Centre of Galicia." in client.get("/", follow=True).text


def test_looking_at_the_invitation_does_not_accept_it(client_for, network):
    invitation = make_invitation(network.centre)

    client_for("outsider").get(url_for(invitation))

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not Membership.objects.filter(user=network.outsider, centre=network.centre).exists()


def deactivate(user: User) -> Membership:
    membership = user.memberships.get()
    membership.is_active = False
    membership.save()
    user.is_active = False
    user.save()
    return membership


def test_accepting_brings_back_a_deactivated_member(network):
    membership = deactivate(network.advisor)
    invitation = make_invitation(network.centre, role=Role.TRAINER, email="advisor@example.org")

    services.accept_invitation(invitation=invitation, user=network.advisor)

    membership.refresh_from_db()
    network.advisor.refresh_from_db()
    assert (membership.role, membership.is_active, network.advisor.is_active) == (
        Role.TRAINER,
        True,
        True,
    )


def test_deactivated_person_accepts_a_new_invitation_with_their_password(client, network):
    deactivate(network.advisor)
    invitation = make_invitation(network.other_centre, email="advisor@example.org")

    page = client.get(url_for(invitation))
    assert page.status_code == 200
    assert b"is deactivated" in page.content

    wrong = client.post(url_for(invitation), {"password": "wrong"})
    assert wrong.status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_at is None

    response = client.post(url_for(invitation), {"password": PASSWORD})

    assert response.status_code == 302
    invitation.refresh_from_db()
    network.advisor.refresh_from_db()
    assert invitation.accepted_at is not None
    assert network.advisor.is_active
    assert Membership.objects.get(user=network.advisor, centre=network.other_centre).is_active


def test_logged_in_user_cannot_take_an_invitation_sent_to_someone_else(client, network):
    invitation = make_invitation(network.centre, email="someone.else@example.org")
    client.force_login(network.manager)

    response = client.post(url_for(invitation))

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert network.manager.memberships.get().role == Role.MANAGER


def test_a_stale_invitation_is_refused_by_the_service(network):
    invitation = make_invitation(network.centre)
    stale = Invitation.objects.get(pk=invitation.pk)
    services.accept_invitation(invitation=invitation, user=network.outsider)

    with pytest.raises(ValidationError, match=re.escape("This invitation has already been used.")):
        services.accept_invitation(invitation=stale, user=network.trainer)

    assert not Membership.objects.filter(user=network.trainer, role=Role.ADVISOR).exists()


# Dead links


def test_expired_invitation_shows_a_clear_message_and_changes_nothing(client, network):
    invitation = make_invitation(network.centre, expires_at=timezone.now() - timedelta(minutes=1))

    shown = client.get(url_for(invitation))
    posted = sign_up(client, invitation)

    for response in (shown, posted):
        assert response.status_code == 410
        assert "This invitation has expired. Ask the centre for a new one." in response.text
    assert_nothing_changed(invitation)


def test_expired_invitation_cannot_be_accepted_by_a_logged_in_user(client_for, network):
    invitation = make_invitation(network.centre, expires_at=timezone.now() - timedelta(minutes=1))

    response = client_for("outsider").post(url_for(invitation))

    assert response.status_code == 410
    assert not Membership.objects.filter(user=network.outsider, centre=network.centre).exists()


def test_link_older_than_the_signing_age_has_expired(client, network, settings):
    invitation = make_invitation(network.centre, expires_at=timezone.now() + timedelta(days=30))
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        url = url_for(invitation)

    response = client.get(url)

    assert settings.INVITATION_MAX_AGE_DAYS == 7
    assert response.status_code == 410
    assert "This invitation has expired. Ask the centre for a new one." in response.text


def test_forged_token_is_gone(client, network):
    url = url_for(make_invitation(network.centre))
    forged = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    response = client.get(forged)

    assert response.status_code == 410
    assert "This invitation link is not valid." in response.text


def test_token_signed_with_another_purpose_is_gone(client, network):
    invitation = make_invitation(network.centre)
    token = signing.dumps(str(invitation.code), salt="another.purpose")

    response = client.get(reverse("accounts:invitation", kwargs={"token": token}))

    assert response.status_code == 410
    assert "This invitation link is not valid." in response.text


def test_link_to_a_deleted_invitation_is_gone(client, network):
    invitation = make_invitation(network.centre)
    url = url_for(invitation)
    invitation.delete()

    response = client.get(url)

    assert response.status_code == 410
    assert "This invitation link is not valid." in response.text


@given(token=st.text(min_size=1, max_size=200))
@hypothesis_settings(max_examples=200, deadline=None)
def test_any_unsigned_text_is_refused_as_a_token(token):
    with pytest.raises(ValidationError):
        services.invitation_from_token(token)


# The form and the model agree on what a username may be.


@pytest.mark.django_db
@given(username=st.text(min_size=1, max_size=160))
@hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_username_the_form_accepts_the_account_accepts(username):
    form = AcceptInvitationForm(
        {
            "username": username,
            "first_name": "Nea",
            "last_name": "Person",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        email=NEW_EMAIL,
    )
    if form.is_valid():
        User(username=form.cleaned_data["username"], email=NEW_EMAIL, password="x").full_clean()
