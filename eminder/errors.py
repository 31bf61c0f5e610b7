"""Error pages in the visitor's language, inside the normal layout."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(
        request,
        400,
        _("Bad request"),
        _("The request could not be understood. Nothing was changed."),
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    text = str(exception) if str(exception) else _("You do not have permission to do this.")
    return _page(request, 403, _("Not allowed"), text)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(
        request,
        404,
        _("Page not found"),
        _("There is no page at this address, or it is not yours to see."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database here: the error may come from them.
    html = render_to_string("500.html")
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        _("Form expired"),
        _("The form could not be checked. Reload the page and send it again. Nothing was changed."),
    )
