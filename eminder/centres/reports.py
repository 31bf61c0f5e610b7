"""The centre profile: a PDF for funders and partners, with a server-drawn chart."""

from collections.abc import Callable

from django.utils import timezone
from django.utils.safestring import mark_safe

from eminder.centres.dashboards import SOURCE, centre_figures
from eminder.centres.models import Centre
from eminder.lib.pdf import render_pdf
from eminder.lib.svgcharts import bar_chart_svg


def centre_profile_pdf(centre: Centre, *, progress: Callable[[int, int], None]) -> bytes:
    progress(0, 3)
    figures = centre_figures(centre)
    partners = list(centre.partners.all())
    regions = list(centre.regions.order_by("code"))
    progress(1, 3)
    labels = [str(label) for label, _count in figures["staff_by_role"]]
    chart = bar_chart_svg(
        categories=labels,
        series={"": [count for _label, count in figures["staff_by_role"]]},
    )
    context = {
        "centre": centre,
        "figures": figures,
        "partners": partners,
        "regions": regions,
        # Our own SVG, built from escaped text: safe to embed.
        "staff_chart": mark_safe(chart),  # noqa: S308
        "generated_at": timezone.now(),
        "source": SOURCE,
    }
    progress(2, 3)
    content = render_pdf("centres/profile_pdf.html", context)
    progress(3, 3)
    return content
