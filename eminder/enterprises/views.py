import json
from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from eminder.centres.models import Centre
from eminder.enterprises import imports, services
from eminder.enterprises.access import (
    can_edit_enterprises,
    can_link_owners,
    editable_centres,
    get_contact_for,
    get_enterprise_for,
    get_import_for,
)
from eminder.enterprises.columns import CODED_COLUMNS, COLUMNS
from eminder.enterprises.downloads import import_template_response, list_download
from eminder.enterprises.forms import (
    ContactForm,
    EnterpriseFilterForm,
    EnterpriseForm,
    ImportConfirmForm,
    ImportForm,
)
from eminder.enterprises.models import Enterprise
from eminder.enterprises.timeline import timeline_for
from eminder.lib.export import FORMATS
from eminder.lib.requests import AuthenticatedRequest, client_ip, is_htmx

PAGE_SIZE = 25


def _editor_centres(request: AuthenticatedRequest) -> list[Centre]:
    centres = editable_centres(request.user)
    if not centres:
        raise PermissionDenied(
            _("Only a centre's manager and advisors or the network coordinator may do this.")
        )
    return centres


@login_required
@vary_on_headers("HX-Request")  # the same address answers with a page or its results fragment
def enterprise_list(request: AuthenticatedRequest) -> HttpResponse:
    """The enterprises the user may see, filtered by the query string, a page at a time."""
    visible = Enterprise.objects.visible_to(request.user)
    form = EnterpriseFilterForm(request.GET or None, enterprises=visible)
    enterprises: QuerySet[Enterprise] = visible.select_related("region", "advisor", "centre")
    if form.is_valid():
        enterprises = form.apply(enterprises)
    file_format = request.GET.get("format")
    if file_format:
        if file_format not in FORMATS:
            raise Http404(_("Unknown download format."))
        return list_download(enterprises, file_format)
    page = Paginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": bool(editable_centres(request.user)),
    }
    template = "enterprises/list.html#results" if is_htmx(request) else "enterprises/list.html"
    return render(request, template, context)


@login_required
def detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    enterprise = get_enterprise_for(request.user, code)
    context = {
        "enterprise": enterprise,
        "contacts": enterprise.contacts.all(),
        "owners": enterprise.owners.order_by("username"),
        "timeline": timeline_for(enterprise),
        "can_edit": can_edit_enterprises(request.user, enterprise.centre_id),
    }
    return render(request, "enterprises/detail.html", context)


@login_required
def create(request: AuthenticatedRequest) -> HttpResponse:
    """Register an enterprise; likely duplicates are shown and must be confirmed."""
    form = EnterpriseForm(request.POST or None, centres=_editor_centres(request))
    duplicates: list = []
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.create_enterprise(
                actor=request.user,
                centre=form.cleaned_data["centre"],
                values=form.values(),
                allow_duplicates=form.cleaned_data["save_anyway"],
                ip_address=client_ip(request),
            )
        except services.LikelyDuplicates as error:
            duplicates = error.matches
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The enterprise is registered."))
            return redirect("enterprises:detail", code=enterprise.code)
    context = {"enterprise": None, "form": form, "duplicates": duplicates}
    status = 400 if form.errors or duplicates else 200
    return render(request, "enterprises/edit.html", context, status=status)


@login_required
def edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    enterprise = get_enterprise_for(request.user, code, write=True)
    link_owners = can_link_owners(request.user, enterprise.centre_id)
    form = EnterpriseForm(
        request.POST or None,
        instance=copy(enterprise),  # the form writes onto its instance; the page shows the saved
        centres=[enterprise.centre],
        owner_choices=services.owner_candidates(enterprise.centre_id) if link_owners else None,
    )
    duplicates: list = []
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, enterprise, form)
        except services.LikelyDuplicates as error:
            duplicates = error.matches
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The enterprise's details are saved."))
            return redirect("enterprises:detail", code=enterprise.code)
    context = {"enterprise": enterprise, "form": form, "duplicates": duplicates}
    status = 400 if form.errors or duplicates else 200
    return render(request, "enterprises/edit.html", context, status=status)


def _save(request: AuthenticatedRequest, enterprise: Enterprise, form: EnterpriseForm) -> None:
    """The edit form's two services, in one transaction: details, then owner accounts."""
    with transaction.atomic():
        services.update_enterprise(
            actor=request.user,
            enterprise=enterprise,
            values=form.values(),
            allow_duplicates=form.cleaned_data["save_anyway"],
            ip_address=client_ip(request),
        )
        if "owners" in form.cleaned_data:
            services.set_enterprise_owners(
                actor=request.user,
                enterprise=enterprise,
                owners=form.cleaned_data["owners"],
                ip_address=client_ip(request),
            )


@login_required
def contact_form(
    request: AuthenticatedRequest, code: str, contact_code: str | None = None
) -> HttpResponse:
    enterprise = get_enterprise_for(request.user, code, write=True)
    contact = (
        get_contact_for(request.user, enterprise, contact_code, write=True)
        if contact_code
        else None
    )
    form = ContactForm(request.POST or None, instance=copy(contact))
    if request.method == "POST" and form.is_valid():
        if contact is None:
            services.create_contact(
                actor=request.user,
                enterprise=enterprise,
                values=form.cleaned_data,
                ip_address=client_ip(request),
            )
        else:
            services.update_contact(
                actor=request.user,
                contact=contact,
                values=form.cleaned_data,
                ip_address=client_ip(request),
            )
        messages.success(request, _("The contact person is saved."))
        return redirect("enterprises:detail", code=enterprise.code)
    context = {"enterprise": enterprise, "contact": contact, "form": form}
    return render(
        request, "enterprises/contact_form.html", context, status=400 if form.errors else 200
    )


@login_required
def contact_export(request: AuthenticatedRequest, code: str, contact_code: str) -> HttpResponse:
    """Everything kept about a contact person, as a JSON file (for their access request)."""
    enterprise = get_enterprise_for(request.user, code, write=True)
    contact = get_contact_for(request.user, enterprise, contact_code, write=True)
    data = services.export_contact_data(
        actor=request.user, contact=contact, ip_address=client_ip(request)
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    name = slugify(f"contact-{contact.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@login_required
@require_POST
def contact_erase(request: AuthenticatedRequest, code: str, contact_code: str) -> HttpResponse:
    enterprise = get_enterprise_for(request.user, code, write=True)
    contact = get_contact_for(request.user, enterprise, contact_code, write=True)
    services.erase_contact(actor=request.user, contact=contact, ip_address=client_ip(request))
    messages.success(request, _("The contact person and their data are erased."))
    return redirect("enterprises:detail", code=enterprise.code)


@login_required
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a file; it is only read and kept for review, nothing is imported yet."""
    form = ImportForm(request.POST or None, request.FILES or None, centres=_editor_centres(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = imports.stage_import(
                actor=request.user,
                centre=form.cleaned_data["centre"],
                filename=upload.name,
                content=upload.read(),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("enterprises:import_report", code=batch.code)
    context = {"form": form, "columns": COLUMNS, "codes": CODED_COLUMNS}
    return render(request, "enterprises/import.html", context, status=400 if form.errors else 200)


@login_required
def import_template(request: AuthenticatedRequest) -> HttpResponse:
    """An empty file with the import's columns (CSV, or XLSX with a sheet describing them)."""
    _editor_centres(request)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in FORMATS:
        raise Http404(_("Unknown download format."))
    return import_template_response(file_format)


@login_required
def import_report(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The row-by-row validation report and likely duplicates, before anything is saved."""
    batch = get_import_for(request.user, code)
    review = imports.review_import(batch) if batch.status == batch.Status.PENDING else None
    return render(request, "enterprises/import_report.html", {"batch": batch, "review": review})


@login_required
@require_POST
def import_confirm(request: AuthenticatedRequest, code: str) -> HttpResponse:
    batch = get_import_for(request.user, code)
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to import every row or only the valid ones."))
        return redirect("enterprises:import_report", code=batch.code)
    try:
        summary = imports.confirm_import(
            actor=request.user,
            batch=batch,
            valid_only=form.cleaned_data["mode"] == "valid_only",
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("enterprises:import_report", code=batch.code)
    messages.success(
        request,
        _("Import done: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.") % summary,
    )
    if summary["skipped"]:
        messages.warning(
            request,
            ngettext(
                "%(skipped)d invalid row was left out.",
                "%(skipped)d invalid rows were left out.",
                summary["skipped"],
            )
            % summary,
        )
    return redirect("enterprises:import_report", code=batch.code)
