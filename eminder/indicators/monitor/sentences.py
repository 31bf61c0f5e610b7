"""The monitor's sentences about one series of one area, from its divide summary.

Every sentence is whole and translated, figures formatted in the visitor's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eminder.indicators.metrics import (
    Convergence,
    DivideSummary,
    Reason,
    ReferenceSource,
    Verdict,
    period_year,
)
from eminder.indicators.monitor.definitions import COUNTRY_LENGTH, SPAN, SeriesDefinition
from eminder.lib.formatting import format_number, format_percent, format_points


def series_sentences(
    definition: SeriesDefinition,
    geo: str,
    summary: DivideSummary,
    name: str,
    names: Mapping[str, str],
    *,
    leads: bool,
) -> list[str]:
    verdict = summary.verdict if leads else None
    sentences = [_main_sentence(definition, summary, name, verdict)]
    if leads and summary.verdict is None:
        sentences.append(
            ngettext(
                "There is no earlier figure within the previous %(span)d year to compare with.",
                "There is no earlier figure within the previous %(span)d years to compare with.",
                SPAN,
            )
            % {"span": SPAN}
        )
    sentences.extend(_reference_note(geo, summary))
    if not leads:
        return sentences
    sentences.extend(_position(summary, name))
    sentences.append(_rank_sentence(geo, summary, name, names))
    sentences.extend(_trend_sentences(summary, name))
    if len(geo) == COUNTRY_LENGTH:
        sentences.extend(_sigma_sentence(summary))
    return sentences


def _main_sentence(
    definition: SeriesDefinition, summary: DivideSummary, name: str, verdict: Verdict | None
) -> str:
    gap = summary.gap
    assert gap is not None
    template = definition.sentences.for_direction(verdict.direction if verdict else None)
    figures = {
        "year": summary.end,
        "value": format_percent(gap.value),
        "area": name,
        "reference": format_percent(gap.reference.value),
        "version": definition.version,
    }
    if verdict is not None:
        figures |= {
            "start": verdict.start,
            "gap_start": format_number(abs(verdict.gap_start or 0.0)),
            "gap_end": format_number(abs(verdict.gap_end or 0.0)),
        }
    return str(template) % figures


def _reference_note(geo: str, summary: DivideSummary) -> list[str]:
    reference = summary.gap.reference if summary.gap else None
    if reference is None or reference.source != ReferenceSource.SET_MEAN:
        return []
    figures = {"year": summary.end, "count": reference.geos_averaged}
    if len(geo) == COUNTRY_LENGTH:
        text = ngettext(
            "Eurostat publishes no EU figure for %(year)s here: the EU figure is the unweighted "
            "average of the %(count)d EU country with a figure.",
            "Eurostat publishes no EU figure for %(year)s here: the EU figure is the unweighted "
            "average of the %(count)d EU countries with a figure.",
            reference.geos_averaged,
        )
    else:
        text = ngettext(
            "Eurostat publishes no EU figure for %(year)s here: the EU figure is the unweighted "
            "average of the %(count)d EU region of the same NUTS level with a figure.",
            "Eurostat publishes no EU figure for %(year)s here: the EU figure is the unweighted "
            "average of the %(count)d EU regions of the same NUTS level with a figure.",
            reference.geos_averaged,
        )
    return [text % figures]


def _position(summary: DivideSummary, name: str) -> list[str]:
    """Which side of the EU figure the area is on, and whether it crossed it since the start."""
    gap, verdict = summary.gap, summary.verdict
    if gap is None or gap.to_reference is None:
        return []
    figures = {"area": name, "points": format_number(abs(gap.to_reference))}
    crossed = verdict is not None and verdict.behind_start != verdict.behind_end
    if gap.to_reference < 0:
        if crossed and verdict is not None:
            return [
                _("%(area)s has fallen below the EU figure since %(start)s.")
                % {**figures, "start": verdict.start}
            ]
        return []
    if figures["points"] == format_number(0):
        return [_("%(area)s is level with the EU figure.") % figures]
    if crossed and verdict is not None:
        return [
            _(
                "%(area)s has moved above the EU figure since %(start)s: it is now %(points)s "
                "points above it."
            )
            % {**figures, "start": verdict.start}
        ]
    return [_("%(area)s is %(points)s points above the EU figure.") % figures]


def _rank_sentence(geo: str, summary: DivideSummary, name: str, names: Mapping[str, str]) -> str:
    rank = summary.rank
    assert rank is not None and rank.position is not None
    countries = len(geo) == COUNTRY_LENGTH
    if rank.position == 1:
        if countries:
            text = ngettext(
                "%(area)s has the highest figure of the %(count)d EU country with a figure.",
                "%(area)s has the highest figure of the %(count)d EU countries with a figure.",
                rank.of,
            )
        else:
            text = ngettext(
                "%(area)s has the highest figure of the %(count)d EU region of its NUTS level "
                "with a figure.",
                "%(area)s has the highest figure of the %(count)d EU regions of its NUTS level "
                "with a figure.",
                rank.of,
            )
        return text % {"area": name, "count": rank.of}
    if countries:
        text = ngettext(
            "%(area)s ranks %(position)d of %(count)d EU country with a figure; the highest "
            "figure, %(best)s, is in %(leader)s.",
            "%(area)s ranks %(position)d of %(count)d EU countries with a figure; the highest "
            "figure, %(best)s, is in %(leader)s.",
            rank.of,
        )
    else:
        text = ngettext(
            "%(area)s ranks %(position)d of %(count)d EU region of its NUTS level with a "
            "figure; the highest figure, %(best)s, is in %(leader)s.",
            "%(area)s ranks %(position)d of %(count)d EU regions of its NUTS level with a "
            "figure; the highest figure, %(best)s, is in %(leader)s.",
            rank.of,
        )
    leader = rank.best_geo or ""
    return text % {
        "area": name,
        "position": rank.position,
        "count": rank.of,
        "leader": names.get(leader, leader),
        "best": format_percent(rank.best_value),
    }


def _trend_sentences(summary: DivideSummary, name: str) -> list[str]:
    catch_up = summary.catch_up
    if catch_up is None or catch_up.gap is None or catch_up.gap >= 0:
        return []
    geo_trend, reference_trend = catch_up.geo_trend, catch_up.reference_trend
    if catch_up.reason in (Reason.TOO_FEW_POINTS, Reason.NO_SPREAD) or geo_trend is None:
        return [_("There are too few years of figures to tell a trend.")]
    sentences = []
    if geo_trend.slope is not None and reference_trend and reference_trend.slope is not None:
        sentences.append(
            _(
                "Over %(first)s–%(last)s, the figure for %(area)s changed by %(slope)s a year on "
                "average, the EU's by %(reference_slope)s."
            )
            % {
                "first": geo_trend.periods[0],
                "last": geo_trend.periods[-1],
                "area": name,
                "slope": format_points(geo_trend.slope),
                "reference_slope": format_points(reference_trend.slope),
            }
        )
    if catch_up.years is None:
        sentences.append(
            _("At the current trends, %(area)s would not reach the EU figure.") % {"area": name}
        )
    else:
        years = max(1, round(catch_up.years))
        measured = int(period_year(catch_up.period or "0"))
        sentences.append(
            ngettext(
                "At the current trends, %(area)s would reach the EU figure about %(years)d year "
                "after %(end)d, around %(year)d.",
                "At the current trends, %(area)s would reach the EU figure about %(years)d years "
                "after %(end)d, around %(year)d.",
                years,
            )
            % {"area": name, "years": years, "end": measured, "year": measured + years}
        )
    return sentences


def _sigma_sentence(summary: DivideSummary) -> list[str]:
    sigma = summary.sigma
    if sigma is None or sigma.direction is None:
        return []
    fitted = [d for d in sigma.dispersions if d.cv is not None]
    figures = {
        "start": fitted[0].period,
        "end": fitted[-1].period,
        "cv_start": format_number(fitted[0].cv, 2),
        "cv_end": format_number(fitted[-1].cv, 2),
    }
    texts = {
        Convergence.CONVERGING: _(
            "Across the EU countries, the spread of figures (coefficient of variation) went "
            "from %(cv_start)s in %(start)s to %(cv_end)s in %(end)s: the countries are "
            "converging."
        ),
        Convergence.DIVERGING: _(
            "Across the EU countries, the spread of figures (coefficient of variation) went "
            "from %(cv_start)s in %(start)s to %(cv_end)s in %(end)s: the countries are "
            "drifting apart."
        ),
        Convergence.STABLE: _(
            "Across the EU countries, the spread of figures (coefficient of variation) went "
            "from %(cv_start)s in %(start)s to %(cv_end)s in %(end)s: it is about stable."
        ),
    }
    return [texts[sigma.direction] % figures]
