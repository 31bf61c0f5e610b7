"""Advice after a DMA: every dimension scoring 50 or less, or the two lowest when none does."""

from dataclasses import dataclass

from .model import Instrument
from .results import ModuleResult

ADVICE_AT_MOST = 50  # a dimension at or below this score gets its advice
FALLBACK_COUNT = 2  # when no dimension is that low, the lowest this many get theirs


@dataclass(frozen=True)
class Advice:
    dimension: str
    label: str
    score: float
    text: str


def advice(result: ModuleResult, instrument: Instrument, language: str | None) -> list[Advice]:
    """The advice for `result` in `language`, lowest score first (ties in questionnaire order)."""
    if (result.instrument, result.version) != (instrument.id, instrument.version):
        raise ValueError(f"the result was not scored with {instrument}")
    order = {section.id: position for position, section in enumerate(instrument.sections)}
    ranked = sorted(result.dimensions, key=lambda d: (d.score, order[d.id]))
    chosen = [d for d in ranked if d.score <= ADVICE_AT_MOST] or ranked[:FALLBACK_COUNT]
    sections = {section.id: section for section in instrument.sections}
    return [
        Advice(
            dimension=dimension.id,
            label=sections[dimension.id].label.in_language(language),
            score=dimension.score,
            text=advice_text.in_language(language),
        )
        for dimension in chosen
        if (advice_text := sections[dimension.id].advice) is not None
    ]
