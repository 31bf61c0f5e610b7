"""Changing a password while logged in (audited), and resetting a forgotten one by email."""

import re

from django.core import mail
from django.test import Client

from eminder.audits.models import AuditEntry
from eminder.testing.personas import PASSWORD

NEW_PASSWORD = "a-fresh-and-long-passphrase"
RESET_URL = "/accounts/password-reset/"


def change_password(client: Client, old: str, new1: str, new2: str | None = None, **extra):
    return client.post(
        "/accounts/password/",
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
        **extra,
    )


def reset_link(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://testserver(/accounts/password-reset/\S+/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def ask_for_reset(client: Client, email: str) -> str:
    response = client.post(RESET_URL, {"email": email})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    return reset_link(mail.outbox[0])


def choose_new_password(client: Client, link: str, password: str = NEW_PASSWORD):
    """Follow the emailed link the way a browser does: Django swaps the token for the session."""
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_password_change_sets_the_new_password_and_is_audited(client_for, network):
    client = client_for("manager")

    response = change_password(client, PASSWORD, NEW_PASSWORD, REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/done/"
    network.manager.refresh_from_db()
    assert network.manager.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip_address) == (
        "account.password_change",
        network.manager,
        "203.0.113.5",
    )


def test_password_change_keeps_the_session(client_for, network):
    client = client_for("manager")

    change_password(client, PASSWORD, NEW_PASSWORD)

    assert client.get("/accounts/profile/").status_code == 200


def test_wrong_old_password_changes_nothing(client_for, network):
    client = client_for("manager")

    response = change_password(client, "not-my-password", NEW_PASSWORD)

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.text
    network.manager.refresh_from_db()
    assert network.manager.check_password(PASSWORD)
    assert not AuditEntry.objects.exists()


def test_differing_new_passwords_change_nothing(client_for, network):
    client = client_for("manager")

    response = change_password(client, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")

    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.text
    network.manager.refresh_from_db()
    assert network.manager.check_password(PASSWORD)
    assert not AuditEntry.objects.exists()


def test_weak_new_password_is_refused(client_for, network):
    client = client_for("manager")

    response = change_password(client, PASSWORD, "12345678")

    assert response.status_code == 200
    assert "This password is too common." in response.text
    network.manager.refresh_from_db()
    assert network.manager.check_password(PASSWORD)


def test_reset_mails_a_link_that_sets_a_new_password(client, network):
    link = ask_for_reset(client, "manager@example.org")

    response = choose_new_password(client, link)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/complete/"
    assert mail.outbox[0].to == ["manager@example.org"]
    assert mail.outbox[0].subject == "Choose a new password for e-MINDER"
    network.manager.refresh_from_db()
    assert network.manager.check_password(NEW_PASSWORD)
    login = client.post("/accounts/login/", {"username": "manager", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_reset_is_audited(client, network):
    link = ask_for_reset(client, "manager@example.org")

    choose_new_password(Client(REMOTE_ADDR="203.0.113.8"), link)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip_address) == (
        "account.password_reset",
        network.manager,
        "203.0.113.8",
    )


def test_reset_link_works_once(client, network):
    link = ask_for_reset(client, "manager@example.org")
    choose_new_password(client, link)

    second = Client()
    response = second.get(link, follow=True)

    assert response.status_code == 200
    assert "This link does not work" in response.text
    assert "new_password1" not in response.text
    network.manager.refresh_from_db()
    assert network.manager.check_password(NEW_PASSWORD)


def test_reset_link_stops_working_once_the_password_changes(client_for, client, network):
    link = ask_for_reset(client, "manager@example.org")
    change_password(client_for("manager"), PASSWORD, "yet-another-long-passphrase")

    response = client.get(link, follow=True)

    assert "This link does not work" in response.text


def test_forged_reset_link_does_not_work(client, network):
    link = ask_for_reset(client, "manager@example.org")
    forged = link[:-2] + ("a/" if link[-2] != "a" else "b/")

    response = client.get(forged, follow=True)

    assert "This link does not work" in response.text


def test_reset_matches_the_email_address_in_any_case(client, network):
    ask_for_reset(client, "Manager@Example.ORG")

    assert mail.outbox[0].to == ["manager@example.org"]


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, network):
    response = client.post(RESET_URL, {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_reset_for_a_deactivated_account_sends_nothing(client, network):
    network.advisor.is_active = False
    network.advisor.save()

    client.post(RESET_URL, {"email": "advisor@example.org"})

    assert mail.outbox == []


def test_reset_lifts_a_login_lockout(client, network, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "manager", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "manager", "password": PASSWORD})
    assert locked.status_code == 429

    choose_new_password(client, ask_for_reset(client, "manager@example.org"))
    response = client.post("/accounts/login/", {"username": "manager", "password": NEW_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(network.manager.pk)
