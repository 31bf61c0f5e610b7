"""The one JSON API, `/api/v1/`: a router per app (`<app>/api.py`), mounted here.

Browsers authenticate with their session (and CSRF token on writes); scripts send a personal
token as `Authorization: Bearer emk_...`. Every answer is JSON, errors included: a `detail`
reason in the user's language, plus `errors` (location and reason) for invalid input.
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
)
from django.urls import URLPattern, re_path, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja import security as ninja_security
from ninja.errors import AuthenticationError, HttpError, ValidationError

from eminder.accounts.services import user_for_token

logger = logging.getLogger(__name__)

# ninja's own English error messages, and what the API says instead.
NINJA_MESSAGES = {"Cannot parse request body": gettext_lazy("The request body is not valid JSON.")}


class TokenRefused(AuthenticationError):
    """A bearer token was sent, but it is mistyped, revoked, or its owner is deactivated."""


class TokenAuth(ninja_security.HttpBearer):
    """`Authorization: Bearer emk_...`: a personal token, checked against its stored hash."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is None:
            # Refused outright, not passed over in favour of a session cookie: the caller
            # meant this token, and should learn that it no longer works.
            raise TokenRefused()
        request.user = user
        # UserLanguageMiddleware ran before the token was read: serve the token's owner in
        # the language kept on their account, as a logged-in browser would be.
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
        return user


class SessionAuth(ninja_security.SessionAuth):
    """The Django session; unsafe methods must carry the CSRF token (ninja checks it)."""

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            # No session to abuse: the caller is told to authenticate (401), not about CSRF.
            return None
        try:
            return super().__call__(request)
        except HttpError as error:  # ninja's untranslated "CSRF check Failed"
            raise PermissionDenied(
                _(
                    "The request was refused because its CSRF token is missing or wrong. "
                    "Reload the page, or send a personal API token instead."
                )
            ) from error


def describe(error: dict[str, Any]) -> str:
    """The reason for one invalid input, using Django's translated sentence where one fits."""
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "missing":
        return str(forms.Field.default_error_messages["required"])
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return str(forms.IntegerField.default_error_messages["invalid"])
    if kind in {"uuid_parsing", "uuid_type"}:
        return str(forms.UUIDField.default_error_messages["invalid"])
    if kind == "greater_than_equal":
        return str(MinValueValidator.message) % {"limit_value": context["ge"]}
    if kind == "less_than_equal":
        return str(MaxValueValidator.message) % {"limit_value": context["le"]}
    if kind == "string_too_long":
        limit = context["max_length"]
        return ngettext(
            "Enter at most %(count)d character.", "Enter at most %(count)d characters.", limit
        ) % {"count": limit}
    if kind == "unknown_parameter":
        return _("This endpoint has no parameter of this name. Check its spelling.")
    # Rarer pydantic errors keep pydantic's own (English) sentence.
    return str(error.get("msg", ""))


def accepts_any_query_parameter(view_func: Callable) -> Callable:
    """Mark an operation that reads open-ended query parameters itself (and checks them)."""
    view_func.accepts_any_query_parameter = True  # type: ignore[attr-defined]
    return view_func


def reject_unknown_query_parameters(view_func: Callable) -> Callable:
    """Refuse query parameters the operation does not declare: a misspelt filter would
    otherwise be ignored silently and the caller would get every row."""
    if getattr(view_func, "accepts_any_query_parameter", False):
        return view_func
    # ninja marks the function it routes with its operation; the declared query parameters
    # are the names its query model reads (the keys of its flatten map).
    signature = view_func._ninja_operation.signature  # type: ignore[attr-defined]
    known = {
        name
        for model in signature.models
        if model.__ninja_param_source__ == "query"
        for name in model.__ninja_flatten_map__
    }

    @wraps(view_func)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(request.GET) - known)
        if unknown:
            raise ValidationError(
                [{"loc": ("query", name), "type": "unknown_parameter"} for name in unknown]
            )
        return view_func(request, *args, **kwargs)

    return checked


class EminderAPI(NinjaAPI):
    """A NinjaAPI that answers only in JSON: our authentication, error handlers and checks.

    Tests build a second instance with test-only routes and get the same behaviour.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("auth", [TokenAuth(), SessionAuth()])
        super().__init__(**kwargs)
        self.add_decorator(reject_unknown_query_parameters, mode="operation")
        handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
            (Http404, self.not_found),
            (PermissionDenied, self.forbidden),
            (TokenRefused, self.token_refused),
            (AuthenticationError, self.unauthenticated),
            (DjangoValidationError, self.invalid),
            (ValidationError, self.invalid_input),
            (SuspiciousOperation, self.suspicious),
            (HttpError, self.http_error),
            (Exception, self.server_error),
        ]
        for exception_class, handler in handlers:
            self.add_exception_handler(exception_class, handler)

    def error(self, request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        return self.create_response(request, {"detail": detail, **extra}, status=status)

    def not_found(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        return self.error(request, 404, str(exc) or _("Not found."))

    def forbidden(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        return self.error(request, 403, str(exc) or _("You may not do this."))

    def unauthenticated(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        detail = _("Authentication required: log in, or send a personal API token.")
        response = self.error(request, 401, detail)
        response["WWW-Authenticate"] = "Bearer"  # HTTP requires a 401 to name a scheme
        return response

    def token_refused(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        detail = _(
            "This API token is not valid: it is mistyped, revoked, or its account is deactivated."
        )
        response = self.error(request, 401, detail)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

    def invalid(self, request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        """A service refused the input: its translated messages, by field where it gave one."""
        if hasattr(exc, "error_dict"):
            errors = [
                {"location": [] if field == "__all__" else [field], "reason": message}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"location": [], "reason": message} for message in exc.messages]
        return self.error(request, 400, " ".join(exc.messages), errors=errors)

    def invalid_input(self, request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"location": list(map(str, error.get("loc", []))), "reason": describe(error)}
            for error in exc.errors
        ]
        return self.error(request, 400, _("The request is not valid."), errors=errors)

    def suspicious(self, request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # Django logs these to the security logger; ninja catches them before Django can.
        logging.getLogger(f"django.security.{type(exc).__name__}").warning(str(exc))
        if isinstance(exc, RequestDataTooBig):
            return self.error(request, 413, _("The request body is too large."))
        return self.error(
            request, 400, _("The request could not be understood. Nothing was changed.")
        )

    def http_error(self, request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = NINJA_MESSAGES.get(str(exc), str(exc))
        return self.error(request, exc.status_code, str(detail))

    def server_error(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return self.error(request, 500, _("An internal error occurred. It has been logged."))

    @property
    def urls(self) -> tuple[list, str, str]:
        """ninja's URL patterns, with JSON for wrong methods and for unknown addresses."""
        patterns, app_name, namespace = super().urls
        # ninja routes every operation with path(), never include(), though it is typed as either.
        routes = cast(list[URLPattern], patterns)
        patterns = [self.json_only(p) for p in routes if p.name != "api-root"]
        # Last, under ninja's name for its root: every other address answers a JSON 404
        # instead of the site's HTML page.
        patterns.append(
            re_path(r"^.*$", self.json_only_view(self.no_such_endpoint), name="api-root")
        )
        return patterns, app_name, namespace

    def json_only(self, pattern: URLPattern) -> URLPattern:
        view = pattern.callback
        if not getattr(view, "csrf_exempt", False):
            # ninja's schema and docs pages answer any method: let them only be read.
            view = require_safe(view)
        return URLPattern(
            pattern.pattern, self.json_only_view(view), pattern.default_args, pattern.name
        )

    def json_only_view(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        """The view, answering a JSON 405 for a wrong method and exempt from Django's CSRF
        middleware, whose refusal is an HTML page: SessionAuth checks CSRF on operations."""

        @csrf_exempt
        @wraps(view)
        def json_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if not isinstance(response, HttpResponseNotAllowed):
                return response
            detail = _("This address does not accept the %(method)s method.") % {
                "method": request.method
            }
            json_response = self.error(request, 405, detail)
            json_response["Allow"] = response["Allow"]
            return json_response

        return json_view

    def no_such_endpoint(self, request: HttpRequest) -> HttpResponse:
        # The catch-all hides these addresses from CommonMiddleware: redirect as it would.
        if (
            settings.APPEND_SLASH
            and request.method in {"GET", "HEAD"}
            and not request.path_info.endswith("/")
        ):
            match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
            if match.url_name != "api-root":
                return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        return self.error(
            request, 404, _("There is no API endpoint at this address. See the API documentation.")
        )


api = EminderAPI(
    title="e-MINDER API",
    version="1",
    description="Programmatic access to e-MINDER. Personal tokens are created on the account page.",
    urls_namespace="api",
)

api.add_router("/regions/", "eminder.regions.api.router")
api.add_router("/centres/", "eminder.centres.api.router")
api.add_router("/accounts/", "eminder.accounts.api.router")
api.add_router("/statistics/", "eminder.indicators.api.router")
api.add_router("/enterprises/", "eminder.enterprises.api.router")
api.add_router("/assessments/", "eminder.assessments.api.router")
