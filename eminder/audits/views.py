from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from eminder.accounts.models import Role
from eminder.audits.forms import AuditFilterForm
from eminder.audits.models import AuditEntry
from eminder.centres.models import Centre
from eminder.lib.requests import AuthenticatedRequest, is_htmx

PAGE_SIZE = 50


@login_required
@vary_on_headers("HX-Request")  # the same address answers with a page or its results fragment
def entry_list(request: AuthenticatedRequest) -> HttpResponse:
    """The audit log for managers (own centre) and the coordinator (all), with filters."""
    user = request.user
    if not user.is_network_coordinator and not any(
        m.role == Role.MANAGER for m in user.active_memberships
    ):
        raise PermissionDenied(
            _("The audit log is for centre managers and the network coordinator.")
        )
    form = AuditFilterForm(request.GET or None, centres=Centre.objects.visible_to(user))
    entries: QuerySet[AuditEntry] = AuditEntry.objects.visible_to(user).select_related("centre")
    if form.is_valid():
        entries = form.apply(entries)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "audits/entry_list.html#results" if is_htmx(request) else "audits/entry_list.html"
    return render(
        request, template, {"form": form, "page": page, "query": _query_without_page(request)}
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
