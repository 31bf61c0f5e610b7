"""Statistics pages: the public explorer and divide monitors, and the coordinator's imports."""

from collections.abc import Sequence

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from eminder.indicators import monitor as monitors
from eminder.indicators import queries, services
from eminder.indicators.charts import explorer_charts, flags_legend
from eminder.indicators.forms import DatasetForm, ExplorerForm, UploadForm, default_dataset
from eminder.indicators.models import Dataset, ImportRun
from eminder.lib.charts import Chart
from eminder.lib.export import FORMATS, table_response
from eminder.lib.requests import AuthenticatedRequest, is_htmx

IMPORTS_SHOWN = 50


@vary_on_headers("HX-Request")  # the same address answers with a page or its explorer fragment
def explorer(request: HttpRequest) -> HttpResponse:
    """Any dataset's figures by breakdown and geo; the whole state is in the URL."""
    datasets = list(Dataset.objects.order_by("code"))
    if not datasets:
        return render(request, "indicators/explorer.html", {"form": None})
    dataset = queries.get_dataset(request.GET.get("dataset") or default_dataset(datasets))
    form = ExplorerForm(request.GET, dataset=dataset)
    context: dict[str, object] = {
        "form": form,
        "dataset_form": DatasetForm(datasets=datasets, current=dataset),
    }
    if not form.is_valid():
        # htmx swaps only successful answers: its fragment shows the errors with a 200.
        return _explorer_page(request, context, status=200 if is_htmx(request) else 400)
    selection = form.selection()
    charts = explorer_charts(selection)
    if request.GET.get("format"):
        return _download(request, charts)
    context |= {"selection": selection, "charts": charts, "flags": flags_legend(charts)}
    return _explorer_page(request, context)


def _explorer_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    template = "indicators/explorer.html"
    return render(
        request, template + "#explorer" if is_htmx(request) else template, context, status=status
    )


def monitor_index(request: HttpRequest) -> HttpResponse:
    """Every centre, each linking to its divide monitor."""
    return render(
        request, "indicators/monitor_index.html", {"centres": monitors.centres_with_regions()}
    )


def monitor(request: HttpRequest, code: str) -> HttpResponse:
    """A centre's countries and regions against the EU on the key e-commerce indicators."""
    report = monitors.build_monitor(monitors.get_centre(code))
    if request.GET.get("format"):
        return _download(request, report.charts)
    context = {"monitor": report, "flags": flags_legend(report.charts)}
    return render(request, "indicators/monitor.html", context)


def _download(request: HttpRequest, charts: Sequence[Chart]) -> HttpResponse:
    """The table of one chart of the page (`chart=<id>`) as CSV or XLSX."""
    file_format = request.GET.get("format", "")
    wanted = request.GET.get("chart")
    chart = next((c for c in charts if c.chart_id == wanted or wanted is None), None)
    if file_format not in FORMATS or chart is None:
        raise Http404(_("Unknown download."))
    return table_response(
        filename=chart.title,
        columns=chart.columns,
        rows=chart.rows,
        source=chart.source,
        file_format=file_format,
    )


@login_required
def imports(request: AuthenticatedRequest) -> HttpResponse:
    """The import history, and a form to import a statistics file in the background."""
    if not request.user.is_network_coordinator:
        raise PermissionDenied(_("Only the network coordinator may import statistics."))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.queue_upload(
            owner=request.user,
            upload=form.cleaned_data["file"],
            dataset=form.cleaned_data["dataset"],
        )
        return redirect("jobs:status", code=job.code)
    runs = ImportRun.objects.select_related("dataset", "imported_by")[:IMPORTS_SHOWN]
    context = {"form": form, "runs": runs}
    return render(request, "indicators/imports.html", context, status=400 if form.errors else 200)
