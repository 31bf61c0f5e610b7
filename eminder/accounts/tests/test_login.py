"""Logging in and out: audited, errors in the visitor's language, lockout after five failures.

Every login here is a real POST to the login page: django-axes needs the request, which
`client.login()` does not pass.
"""

from django.test import Client

from eminder.accounts.tests.catalogue import use_catalogue
from eminder.audits.models import AuditEntry
from eminder.testing.personas import PASSWORD

LOGIN_URL = "/accounts/login/"
WRONG_LOGIN = "The username or password is not correct. Both are case-sensitive."


def log_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def logged_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def fail(client: Client, username: str, times: int, **extra) -> None:
    for _attempt in range(times):
        log_in(client, username, "wrong-password", **extra)


def test_right_password_logs_in_and_goes_home(client, network):
    response = log_in(client, "manager")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) == str(network.manager.pk)
    network.manager.refresh_from_db()
    assert network.manager.last_login is not None


def test_login_writes_an_audit_entry_with_the_ip_address(client, network):
    log_in(client, "manager", REMOTE_ADDR="203.0.113.7")

    entry = AuditEntry.objects.get()
    assert entry.action == "account.login"
    assert entry.actor == network.manager
    assert entry.object_code == str(network.manager.pk)
    assert entry.ip_address == "203.0.113.7"


def test_login_follows_a_next_page_on_this_site(client, network):
    response = client.post(
        LOGIN_URL, {"username": "manager", "password": PASSWORD, "next": "/accounts/profile/"}
    )

    assert response["Location"] == "/accounts/profile/"


def test_login_ignores_a_next_page_on_another_site(client, network):
    response = client.post(
        LOGIN_URL,
        {"username": "manager", "password": PASSWORD, "next": "http://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_shows_the_error_and_changes_nothing(client, network):
    last_login = network.manager.last_login

    response = log_in(client, "manager", "not-the-password")

    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert logged_in_user_id(client) is None
    assert not AuditEntry.objects.exists()
    network.manager.refresh_from_db()
    assert network.manager.last_login == last_login


def test_username_is_case_sensitive(client, network):
    response = log_in(client, "MANAGER")

    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert logged_in_user_id(client) is None


def test_wrong_password_error_is_in_the_visitors_language(client, network, settings, tmp_path):
    greek = "Το όνομα χρήστη ή ο κωδικός δεν είναι σωστά."
    use_catalogue(settings, tmp_path, "el", {WRONG_LOGIN: greek})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"

    response = log_in(client, "manager", "not-the-password")

    assert '<html lang="el">' in response.text
    assert greek in response.text
    assert WRONG_LOGIN not in response.text


def test_four_failures_still_show_the_login_form(client, network, settings):
    fail(client, "manager", settings.AXES_FAILURE_LIMIT - 2)

    response = log_in(client, "manager", "wrong-password")

    assert response.status_code == 200
    assert WRONG_LOGIN in response.text


def test_fifth_failure_locks_the_account_out(client, network, settings):
    fail(client, "manager", settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, "manager", "wrong-password")

    assert response.status_code == 429
    assert "Account locked" in response.text
    assert "Too many failed logins" in response.text


def test_right_password_is_refused_while_locked_out(client, network, settings):
    fail(client, "manager", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "manager")

    assert response.status_code == 429
    assert "Account locked" in response.text
    assert logged_in_user_id(client) is None
    assert not AuditEntry.objects.filter(action="account.login").exists()


def test_lockout_is_for_the_account_from_that_address_only(client, network, settings):
    fail(client, "manager", settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="198.51.100.1")

    from_elsewhere = log_in(Client(), "manager", REMOTE_ADDR="198.51.100.2")
    other_account = log_in(Client(), "advisor", REMOTE_ADDR="198.51.100.1")

    assert from_elsewhere.status_code == 302
    assert other_account.status_code == 302


def test_success_clears_earlier_failures(client, network, settings):
    fail(client, "manager", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "manager").status_code == 302
    client.post("/accounts/logout/")

    fail(client, "manager", settings.AXES_FAILURE_LIMIT - 1)
    response = log_in(client, "manager")

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(network.manager.pk)


def test_deactivated_user_cannot_log_in(client, network):
    network.advisor.is_active = False
    network.advisor.save()

    response = log_in(client, "advisor")

    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert logged_in_user_id(client) is None
    assert not AuditEntry.objects.exists()


def test_logout_by_post_ends_the_session_and_is_audited(client_for, network):
    client = client_for("manager")

    response = client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip_address) == (
        "account.logout",
        network.manager,
        "203.0.113.9",
    )
    assert client.get("/accounts/profile/").status_code == 302


def test_logout_by_get_is_refused_and_keeps_the_session(client_for, network):
    client = client_for("manager")

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert logged_in_user_id(client) == str(network.manager.pk)
    assert not AuditEntry.objects.exists()


def test_anonymous_logout_writes_no_audit_entry(client, network):
    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert not AuditEntry.objects.exists()
