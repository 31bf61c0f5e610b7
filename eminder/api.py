"""The one JSON API, `/api/v1/`: a router per app (`<app>/api.py`), mounted here.

Browsers authenticate with their session (and CSRF token on writes); scripts send a personal
token as `Authorization: Bearer emk_...`. Every error is JSON with a `detail` reason.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from eminder.accounts.services import user_for_token

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="e-MINDER API",
    version="1",
    description="Programmatic access to e-MINDER. Personal tokens are created on the account page.",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or _("You may not do this.")}, status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = _("Authentication required: log in, or send a personal API token.")
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(DjangoValidationError)
def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.messages}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"location": list(map(str, error.get("loc", []))), "reason": error.get("msg", "")}
        for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": errors}, status=400
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error", exc_info=exc)
    detail = _("An internal error occurred. It has been logged.")
    return api.create_response(request, {"detail": detail}, status=500)


api.add_router("/regions/", "eminder.regions.api.router")
api.add_router("/centres/", "eminder.centres.api.router")
api.add_router("/accounts/", "eminder.accounts.api.router")
