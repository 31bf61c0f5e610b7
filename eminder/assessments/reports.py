"""The SME's report: a PDF of one submitted assessment, in the assessment's language.

It holds what the results page shows (overall score and level, the score of each dimension as
a table and a server-drawn radar, the advice, the DII and e-commerce figures) and, once the
enterprise has been assessed more than once, its progress from T0 up to this stage.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eminder.assessments.models import Assessment, Kind, Stage
from eminder.assessments.results import (
    ModuleView,
    Progress,
    module_views,
    progress_of,
    submitted_dma_modules,
)
from eminder.assessments.services import modules_of
from eminder.lib.pdf import render_pdf
from eminder.lib.svgcharts import radar_chart_svg

TEMPLATE = "assessments/report_pdf.html"
STAGE_ORDER = {stage: position for position, stage in enumerate(Stage.values)}
Progressor = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    """The default: nobody is watching (a synchronous download)."""


def report_filename(assessment: Assessment) -> str:
    # slugify drops letters outside ASCII: a Greek name leaves nothing, hence the fallback.
    name = slugify(assessment.enterprise.name) or "enterprise"
    return f"{name}-{assessment.stage.lower()}-report.pdf"


def assessment_report_pdf(assessment: Assessment, *, progress: Progressor = _no_progress) -> bytes:
    """The report of a submitted assessment as PDF bytes, in the assessment's language."""
    with translation.override(assessment.language):
        progress(0, 2)
        context = report_context(assessment)
        progress(1, 2)
        content = render_pdf(TEMPLATE, context)
        progress(2, 2)
    return content


def report_context(assessment: Assessment) -> dict[str, Any]:
    """What the report template shows; call it with the assessment's language active."""
    language = assessment.language
    views = {view.kind: view for view in module_views(assessment, modules_of(assessment), language)}
    dma = views.get(Kind.DMA)
    history = [
        module
        for module in submitted_dma_modules(assessment.enterprise)
        if STAGE_ORDER[module.assessment.stage] <= STAGE_ORDER[assessment.stage]
    ]
    progress = progress_of(history, language)
    return {
        "assessment": assessment,
        "enterprise": assessment.enterprise,
        "centre": assessment.enterprise.centre,
        "is_demo": assessment.is_demo or assessment.enterprise.is_demo,
        "dma": dma,
        "dii": views.get(Kind.DII),
        "ecommerce": views.get(Kind.ECOMMERCE),
        "progress": progress,
        "progress_rows": _progress_rows(progress) if progress else [],
        # Our own SVG, built from escaped text: safe to embed.
        "radar": mark_safe(_radar(dma, progress)) if dma else "",  # noqa: S308
        "generated_at": timezone.now(),
    }


def _radar(dma: ModuleView, progress: Progress | None) -> str:
    """This sitting's dimensions; every stage's outline once there are several."""
    if progress is None:
        return radar_chart_svg(
            labels=[label for label, _score in dma.dimensions],
            series={"": [score for _label, score in dma.dimensions]},
        )
    return radar_chart_svg(
        labels=[row.label for row in progress.rows],
        series={
            stage: [row.scores[index] for row in progress.rows]
            for index, stage in enumerate(progress.stages)
        },
    )


def _progress_rows(progress: Progress) -> list[tuple[str, list[float], list[float | None]]]:
    """The progress table: the overall score first (its changes may be left out), then each
    dimension the stages share."""
    rows: list[tuple[str, list[float], list[float | None]]] = [
        (_("Overall score"), progress.overall, progress.overall_changes)
    ]
    rows.extend((row.label, row.scores, list(row.changes)) for row in progress.rows)
    return rows
