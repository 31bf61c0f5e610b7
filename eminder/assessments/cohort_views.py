"""A centre's cohort page and its downloads, the EDIH DMA export, and the SME's PDF report.

The cohort page and the export are for the centre's staff and the network coordinator
(`centres.access.get_centre_for`: another centre's staff get 404, an SME owner 403). The
network-wide export is the coordinator's. The report is for whoever sees the submitted
assessment (`assessments.access.get_assessment_for`): the centre's staff, the coordinator
and the enterprise's own SME owners; anyone else gets 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eminder.assessments import exports
from eminder.assessments.access import get_assessment_for
from eminder.assessments.cohort import cohort_report
from eminder.assessments.models import Stage
from eminder.assessments.reports import assessment_report_pdf, report_filename
from eminder.centres.access import get_centre_for
from eminder.lib.export import FORMATS, table_response
from eminder.lib.requests import AuthenticatedRequest


def _file_format(request: HttpRequest) -> str | None:
    """`?format=csv` or `xlsx`; None when no download is asked for; 404 for anything else."""
    file_format = request.GET.get("format")
    if file_format is not None and file_format not in FORMATS:
        raise Http404(_("Unknown download format."))
    return file_format


@login_required
def cohort(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The centre's cohort: levels, mean scores, progress and figures beside Eurostat's."""
    centre = get_centre_for(request.user, code)
    stage = request.GET.get("stage", "")
    if stage and stage not in Stage.values:
        raise Http404(_("Unknown stage."))
    report = cohort_report(centre, stage=stage, language=get_language())
    file_format = _file_format(request)
    if file_format:
        table = report.download(request.GET.get("table", ""))
        if table is None:
            raise Http404(_("Unknown table."))
        return table_response(
            filename=table.title,
            columns=table.columns,
            rows=table.rows,
            source=table.source,
            file_format=file_format,
        )
    context = {"centre": centre, "report": report, "stage": stage, "stages": Stage.choices}
    return render(request, "cohorts/cohort.html", context)


@login_required
def edih_export(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The centre's DMA results in the EDIH reporting layout (`?format=csv` or `xlsx`)."""
    centre = get_centre_for(request.user, code)
    file_format = _file_format(request) or "csv"
    return exports.edih_response(
        rows=exports.edih_rows(centre),
        filename=exports.edih_filename(centre, file_format),
        file_format=file_format,
    )


@login_required
def network_edih_export(request: AuthenticatedRequest) -> HttpResponse:
    """Every centre's DMA results in the EDIH reporting layout, for the network coordinator."""
    if not request.user.is_network_coordinator:
        raise PermissionDenied(_("The network's export is for the network coordinator."))
    file_format = _file_format(request) or "csv"
    return exports.edih_response(
        rows=exports.edih_rows(None),
        filename=exports.edih_filename(None, file_format),
        file_format=file_format,
    )


@login_required
def report_pdf(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The SME's report of a submitted assessment, as a PDF in the assessment's language."""
    assessment = get_assessment_for(request.user, code)
    if not assessment.is_submitted:
        raise Http404(_("Only a submitted assessment has a report."))
    response = HttpResponse(assessment_report_pdf(assessment), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, report_filename(assessment))
    # An enterprise's results: not to be kept by shared caches or the browser's disk cache.
    patch_cache_control(response, private=True, no_store=True)
    return response
