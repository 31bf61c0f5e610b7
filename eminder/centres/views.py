from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eminder.accounts.models import Role
from eminder.centres import services
from eminder.centres.access import can_manage_centre, get_centre_for, get_partner_for
from eminder.centres.dashboards import centre_figures, network_rows, partners_chart
from eminder.centres.forms import CentreForm, PartnerForm
from eminder.centres.tasks import build_centre_profile
from eminder.jobs.services import start_job
from eminder.lib.export import FORMATS, table_response
from eminder.lib.requests import AuthenticatedRequest, client_ip


def home(request: HttpRequest) -> HttpResponse:
    """Landing page; staff go straight to their centre, the coordinator to the network."""
    user = request.user
    if user.is_authenticated:
        if user.is_network_coordinator:
            return redirect("centres:overview")
        if user.staff_centres:
            return redirect("centres:dashboard", code=user.staff_centres[0].code)
    owner_centres = [
        m.centre for m in getattr(user, "active_memberships", []) if m.role == Role.SME_OWNER
    ]
    return render(request, "centres/home.html", {"owner_centres": owner_centres})


@login_required
def overview(request: AuthenticatedRequest) -> HttpResponse:
    """The network overview: every centre's figures, for the network coordinator."""
    if not request.user.is_network_coordinator:
        raise PermissionDenied(_("The network overview is for the network coordinator."))
    centres = list(network_rows())
    chart = partners_chart(centres)
    file_format = request.GET.get("format")
    if file_format:
        if file_format not in FORMATS:
            raise Http404(_("Unknown download format."))
        return table_response(
            filename=chart.title,
            columns=chart.columns,
            rows=chart.rows,
            source=chart.source,
            file_format=file_format,
        )
    return render(request, "centres/overview.html", {"centres": centres, "chart": chart})


@login_required
def dashboard(request: AuthenticatedRequest, code: str) -> HttpResponse:
    centre = get_centre_for(request.user, code)
    context = {
        "centre": centre,
        "figures": centre_figures(centre),
        "partners": centre.partners.all(),
        "regions": centre.regions.order_by("code"),
        "can_manage": can_manage_centre(request.user, centre),
    }
    return render(request, "centres/dashboard.html", context)


@login_required
def create(request: AuthenticatedRequest) -> HttpResponse:
    """Set up a new centre; its manager is then invited from its staff page."""
    if not request.user.is_network_coordinator:
        raise PermissionDenied(_("Only the network coordinator may set up a centre."))
    form = CentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "regions"}
        centre = services.create_centre(
            actor=request.user,
            values=values,
            regions=form.cleaned_data["regions"],
            ip_address=client_ip(request),
        )
        messages.success(request, _("The centre is set up. Invite its manager now."))
        return redirect("accounts:staff", code=centre.code)
    status = 400 if form.errors else 200
    return render(request, "centres/edit.html", {"centre": None, "form": form}, status=status)


@login_required
def edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    centre = get_centre_for(request.user, code, manage=True)
    # The form checks a copy: a ModelForm writes the posted values onto its instance, and the
    # service compares them with the saved ones (the page heading shows the saved name too).
    form = CentreForm(request.POST or None, instance=copy(centre))
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "regions"}
        services.update_centre(
            actor=request.user,
            centre=centre,
            values=values,
            regions=form.cleaned_data["regions"],
            ip_address=client_ip(request),
        )
        messages.success(request, _("The centre's details are saved."))
        return redirect("centres:dashboard", code=centre.code)
    return render(
        request,
        "centres/edit.html",
        {"centre": centre, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def partner_form(
    request: AuthenticatedRequest, code: str, partner_code: str | None = None
) -> HttpResponse:
    centre = get_centre_for(request.user, code, manage=True)
    partner = (
        get_partner_for(request.user, centre, partner_code, manage=True) if partner_code else None
    )
    # A copy, as in `edit`: the form writes the posted values onto its instance.
    form = PartnerForm(request.POST or None, instance=copy(partner), centre=centre)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if partner is None:
            services.create_partner(
                actor=request.user, centre=centre, values=values, ip_address=client_ip(request)
            )
        else:
            services.update_partner(
                actor=request.user, partner=partner, values=values, ip_address=client_ip(request)
            )
        messages.success(request, _("The partner organisation is saved."))
        return redirect("centres:dashboard", code=centre.code)
    context = {"centre": centre, "partner": partner, "form": form}
    return render(request, "centres/partner_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def partner_delete(request: AuthenticatedRequest, code: str, partner_code: str) -> HttpResponse:
    centre = get_centre_for(request.user, code, manage=True)
    partner = get_partner_for(request.user, centre, partner_code, manage=True)
    services.delete_partner(actor=request.user, partner=partner, ip_address=client_ip(request))
    messages.success(
        request, _("%(name)s is removed from the centre's partners.") % {"name": partner.name}
    )
    return redirect("centres:dashboard", code=centre.code)


@login_required
@require_POST
def profile_pdf(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Start generating the centre's profile PDF in the background; show its progress."""
    centre = get_centre_for(request.user, code)
    title = _("Profile of %(centre)s (PDF)") % {"centre": centre.short_name}
    job = start_job(
        owner=request.user,
        title=title,
        enqueue=lambda job_id: build_centre_profile.enqueue(job_id, centre.pk, get_language()),
    )
    return redirect("jobs:status", code=job.code)
