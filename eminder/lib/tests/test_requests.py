"""client_ip and is_htmx."""

import pytest
from django.test import RequestFactory

from eminder.lib.requests import client_ip, is_htmx

PROXY = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def rf():
    return RequestFactory()


def test_direct_connection_uses_the_socket_address(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = None

    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert client_ip(request) == "192.0.2.1"


def test_behind_a_proxy_the_address_it_appended_counts(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = PROXY

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert client_ip(request) == "203.0.113.5"


def test_a_forged_forwarded_address_is_not_believed(rf, settings):
    """The client may send its own X-Forwarded-For; the proxy appends the real address."""
    settings.SECURE_PROXY_SSL_HEADER = PROXY

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")

    assert client_ip(request) == "203.0.113.5"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "203.0.113.5, <script>"])
def test_unusable_forwarded_header_falls_back_to_the_socket(rf, settings, forwarded):
    settings.SECURE_PROXY_SSL_HEADER = PROXY

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == "10.0.0.2"


def test_ipv6_is_kept(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = PROXY

    request = rf.get("/", REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="2001:db8::7")

    assert client_ip(request) == "2001:db8::7"


@pytest.mark.parametrize("remote", ["", "unix:/run/gunicorn.sock"])
def test_no_usable_address_is_none(rf, settings, remote):
    settings.SECURE_PROXY_SSL_HEADER = None

    assert client_ip(rf.get("/", REMOTE_ADDR=remote)) is None


@pytest.mark.parametrize(("header", "expected"), [("true", True), ("false", False), (None, False)])
def test_is_htmx(rf, header, expected):
    headers = {"HX-Request": header} if header else {}

    assert is_htmx(rf.get("/", headers=headers)) is expected
