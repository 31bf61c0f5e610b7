"""Small helpers about the HTTP request, free of any app."""

from __future__ import annotations

from ipaddress import ip_address
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from eminder.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """Only an annotation: the request of a view behind `@login_required`, or of an API
    operation whose authentication guarantees a user, so `request.user` is never anonymous."""

    user: User


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the proxy's forwarded header only when a proxy is configured."""
    if settings.SECURE_PROXY_SSL_HEADER:
        # Our proxy appends the address it saw; anything to its left comes from the client
        # and may be forged.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if _is_ip(forwarded):
            return forwarded
    address = request.META.get("REMOTE_ADDR", "")
    return address if _is_ip(address) else None


def _is_ip(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment; htmx restoring history asks for the whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
