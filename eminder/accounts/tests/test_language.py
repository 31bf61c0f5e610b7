"""Switching language: kept on the account when logged in, in a cookie for every visitor."""

from django.test import Client

from eminder.accounts.models import User
from eminder.audits.models import AuditEntry

LANGUAGE_URL = "/accounts/language/"


def switch(client: Client, language: str, next_url: str = "/accounts/profile/"):
    return client.post(LANGUAGE_URL, {"language": language, "next": next_url})


def test_logged_in_switch_stores_the_language_and_sets_the_cookie(client_for, network, settings):
    client = client_for("manager")

    response = switch(client, "el")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    network.manager.refresh_from_db()
    assert network.manager.language == "el"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "el"
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 3600


def test_next_page_is_served_in_the_new_language(client_for, network):
    client = client_for("manager")

    response = switch(client, "el")
    page = client.get(response["Location"])

    assert '<html lang="el">' in page.text
    assert page["Content-Language"] == "el"
    assert 'value="el" lang="el" selected' in page.text


def test_language_change_is_audited(client_for, network):
    client = client_for("manager")
    client.defaults["REMOTE_ADDR"] = "203.0.113.1"

    switch(client, "pl")

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip_address, entry.details) == (
        "account.language",
        network.manager,
        "203.0.113.1",
        {"language": "pl"},
    )


def test_choosing_the_current_language_writes_nothing(client_for, network):
    switch(client_for("manager"), "en")

    assert not AuditEntry.objects.exists()


def test_account_language_follows_the_user_to_another_browser(client_for, network, settings):
    switch(client_for("manager"), "el")
    other_browser = client_for("manager")
    other_browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    page = other_browser.get("/accounts/profile/")

    assert '<html lang="el">' in page.text


def test_anonymous_switch_sets_the_cookie_only(client, network, settings):
    languages = dict(User.objects.values_list("username", "language"))

    response = switch(client, "gl", next_url="/accounts/login/")

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "gl"
    assert dict(User.objects.values_list("username", "language")) == languages
    assert not AuditEntry.objects.exists()
    assert '<html lang="gl">' in client.get("/accounts/login/").text


def test_unknown_language_shows_a_message_and_stores_nothing(client_for, network, settings):
    client = client_for("manager")

    response = switch(client, "xx")

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    network.manager.refresh_from_db()
    assert network.manager.language == "en"
    assert not AuditEntry.objects.exists()
    page = client.get(response["Location"])
    assert "Unknown language." in page.text
    assert '<html lang="en">' in page.text


def test_missing_language_shows_a_message_and_stores_nothing(client, network, settings):
    response = client.post(LANGUAGE_URL, {"next": "/accounts/login/"}, follow=True)

    assert "Unknown language." in response.text
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_unsafe_next_address_is_not_followed(client_for, network):
    client = client_for("manager")

    for unsafe in ("http://evil.example/", "//evil.example/", "https://evil.example/profile"):
        response = switch(client, "el", next_url=unsafe)
        assert response["Location"] == "/", unsafe


def test_unsafe_next_address_is_not_followed_even_for_an_unknown_language(client, network):
    response = switch(client, "xx", next_url="http://evil.example/")

    assert response["Location"] == "/"


def test_missing_next_address_goes_home(client, network):
    response = client.post(LANGUAGE_URL, {"language": "el"})

    assert response["Location"] == "/"


def test_switch_by_get_is_refused(client_for, network):
    response = client_for("manager").get(LANGUAGE_URL, {"language": "el"})

    assert response.status_code == 405
    network.manager.refresh_from_db()
    assert network.manager.language == "en"
