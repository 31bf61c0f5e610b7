"""What the results pages show, read from stored results: scores, levels, radars, progress
between stages and advice, in the viewer's language.

Progress compares the stages an enterprise has submitted (T0, T1, T2). Dimensions are compared
only where the questionnaire versions of those stages share them; a change of version or of
scoring settings is said in a note, and the overall change is then left out, since the
overall score is the mean of dimensions that may differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from eminder.assessments.charts import overlay_chart, radar_chart
from eminder.assessments.instruments import Advice, Instrument, ModuleResult, advice, progress
from eminder.assessments.models import Assessment, Kind, ModuleResponse, Status
from eminder.lib.formatting import format_number

if TYPE_CHECKING:
    from eminder.enterprises.models import Enterprise
    from eminder.lib.charts import Chart

ECOMMERCE_VALUES = ("E_ETURN", "E_AWSVAL", "E_AXSVAL")


def level_label(instrument: Instrument, level: str | None, language: str) -> str:
    for candidate in instrument.levels:
        if candidate.id == level:
            return candidate.label.in_language(language)
    return level or "–"


def dimension_labels(instrument: Instrument, language: str) -> dict[str, str]:
    return {section.id: section.label.in_language(language) for section in instrument.sections}


@dataclass
class ModuleView:
    """One scored module of an assessment, as the results page shows it."""

    module: ModuleResponse
    instrument: Instrument
    result: ModuleResult
    title: str
    level: str
    dimensions: list[tuple[str, float]] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    chart: Chart | None = None
    values: list[tuple[str, float]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.module.kind


def module_views(
    assessment: Assessment, modules: Sequence[ModuleResponse], language: str
) -> list[ModuleView]:
    """The scored modules of a submitted (or withdrawn) assessment, in questionnaire order."""
    return [_module_view(assessment, module, language) for module in modules if module.result]


def _module_view(assessment: Assessment, module: ModuleResponse, language: str) -> ModuleView:
    instrument = module.instrument
    result = ModuleResult.from_dict(module.result or {})
    view = ModuleView(
        module=module,
        instrument=instrument,
        result=result,
        title=instrument.title.in_language(language),
        level=level_label(instrument, result.level, language),
    )
    if module.kind == Kind.DMA:
        labels = dimension_labels(instrument, language)
        view.dimensions = [(labels[d.id], d.score) for d in result.dimensions]
        view.advice = advice(result, instrument, language)
        view.chart = radar_chart(
            chart_id="dma-radar",
            title=_("Digital maturity by dimension"),
            name=assessment.stage,
            labels=[label for label, _score in view.dimensions],
            scores=[score for _label, score in view.dimensions],
            columns=[_("Dimension"), _("Score (0 to 100)")],
            source=_source(assessment, instrument, language),
        )
    if module.kind == Kind.ECOMMERCE:
        names = {
            "E_ETURN": _("E-commerce sales, share of turnover"),
            "E_AWSVAL": _("Web sales, share of turnover"),
            "E_AXSVAL": _("EDI-type sales, share of turnover"),
        }
        view.values = [(names[code], result.values.get(code, 0.0)) for code in ECOMMERCE_VALUES]
    return view


def _source(assessment: Assessment, instrument: Instrument, language: str) -> str:
    return _("%(questionnaire)s, version %(version)s; %(enterprise)s, %(stage)s of %(date)s.") % {
        "questionnaire": instrument.title.in_language(language),
        "version": instrument.version,
        "enterprise": assessment.enterprise.name,
        "stage": assessment.stage,
        "date": assessment.assessed_on.isoformat(),
    }


# --- Progress between stages -----------------------------------------------------------------


def signed(value: float | None) -> str:
    """A change of score as shown: +3.5, −2.0, ±0.0 (– when there is none)."""
    if value is None:
        return "–"
    rounded = round(value, 1)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "±")
    return sign + format_number(abs(rounded))


@dataclass
class ProgressRow:
    label: str
    scores: list[float]
    changes: list[float]

    @property
    def shown_changes(self) -> list[str]:
        return [signed(change) for change in self.changes]


@dataclass
class Progress:
    stages: list[str]
    overall: list[float]
    changes: list[str]  # "T1 − T0" headings
    overall_changes: list[float | None]
    rows: list[ProgressRow]
    notes: list[str]
    chart: Chart

    @property
    def shown_overall_changes(self) -> list[str]:
        return [signed(change) for change in self.overall_changes]


def submitted_dma_modules(enterprise: Enterprise) -> list[ModuleResponse]:
    """The DMA of every submitted assessment of the enterprise, by stage (one query)."""
    return list(
        ModuleResponse.objects.filter(
            kind=Kind.DMA,
            assessment__enterprise=enterprise,
            assessment__status=Status.SUBMITTED,
        )
        .filter(result__isnull=False)
        .select_related("assessment__enterprise", "instrument_version")
        .order_by("assessment__stage")
    )


def progress_of(modules: Sequence[ModuleResponse], language: str) -> Progress | None:
    """T0 to T1 to T2 over the dimensions every version shares; None before a second stage."""
    if len(modules) < 2:
        return None
    results = [ModuleResult.from_dict(module.result or {}) for module in modules]
    stages = [module.assessment.stage for module in modules]
    latest = modules[-1].instrument
    shared = [
        section.id
        for section in latest.sections
        if all(any(d.id == section.id for d in result.dimensions) for result in results)
    ]
    labels = dimension_labels(latest, language)
    pairs = list(pairwise(range(len(modules))))
    changes = [
        [results[b].dimension(d) - results[a].dimension(d) for d in shared] for a, b in pairs
    ]
    rows = [
        ProgressRow(
            label=labels[d],
            scores=[result.dimension(d) for result in results],
            changes=[change[i] for change in changes],
        )
        for i, d in enumerate(shared)
    ]
    headings = [f"{stages[b]} − {stages[a]}" for a, b in pairs]
    chart = overlay_chart(
        chart_id="dma-progress",
        title=_("Digital maturity by stage"),
        labels=[row.label for row in rows],
        series=[(stage, [row.scores[i] for row in rows]) for i, stage in enumerate(stages)],
        extra=[(heading, [row.changes[i] for row in rows]) for i, heading in enumerate(headings)],
        dimension_column=_("Dimension"),
        source=_("e-MINDER assessments of %(enterprise)s: %(stages)s.")
        % {"enterprise": modules[0].assessment.enterprise.name, "stages": ", ".join(stages)},
        download_params={"chart": "progress"},
    )
    return Progress(
        stages=stages,
        overall=[result.score or 0.0 for result in results],
        changes=headings,
        overall_changes=[_overall_change(results[a], results[b]) for a, b in pairs],
        rows=rows,
        notes=_notes(modules, results, shared, language),
        chart=chart,
    )


def _overall_change(before: ModuleResult, after: ModuleResult) -> float | None:
    """The change of the overall score, only between results scored by the same rules."""
    try:
        change = progress(before, after)["overall"]
    except ValueError:
        return None
    return float(change) if isinstance(change, int | float) else None


def _notes(
    modules: Sequence[ModuleResponse],
    results: Sequence[ModuleResult],
    shared: Sequence[str],
    language: str,
) -> list[str]:
    notes = []
    for before, after in pairwise(modules):
        old, new = before.instrument, after.instrument
        names = {"before": before.assessment.stage, "after": after.assessment.stage}
        if (old.id, old.version) != (new.id, new.version):
            notes.append(
                _(
                    "The questionnaire changed: %(before)s was answered in version %(old)s, "
                    "%(after)s in version %(new)s. Their overall scores are not compared."
                )
                % {**names, "old": old.version, "new": new.version}
            )
        elif dict(before.settings) != dict(after.settings):
            notes.append(
                _(
                    "%(before)s and %(after)s were scored with different settings. "
                    "Their overall scores are not compared."
                )
                % names
            )
    left_out = {d.id for result in results for d in result.dimensions} - set(shared)
    if left_out:
        labels = {}
        for module in modules:
            labels.update(dimension_labels(module.instrument, language))
        notes.append(
            _("Not compared, as not every version has them: %(dimensions)s.")
            % {"dimensions": ", ".join(sorted(labels.get(d, d) for d in left_out))}
        )
    return notes
