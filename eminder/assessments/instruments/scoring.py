"""One entry point for every instrument: `score(instrument, answers)` picks the scorer."""

from collections.abc import Callable, Mapping

from . import dii, dma, ecommerce
from .answers import Answers, validate_answers
from .model import Instrument
from .results import ModuleResult

Scorer = Callable[[Instrument, Answers], ModuleResult]
SCORERS: dict[str, tuple[Scorer, Callable[[Instrument], list[str]]]] = {
    dma.SCORING: (dma.score_dma, dma.check),
    dii.SCORING: (dii.score_dii, dii.check),
    ecommerce.SCORING: (ecommerce.score_ecommerce, ecommerce.check),
}


def score(instrument: Instrument, answers: Answers | Mapping[str, object]) -> ModuleResult:
    """Score one module. Raw answers are validated first (AnswerError when they are wrong)."""
    if not isinstance(answers, Answers):
        answers = validate_answers(instrument, answers)
    elif (answers.instrument, answers.version) != (instrument.id, instrument.version):
        raise ValueError(f"these answers were checked against another instrument than {instrument}")
    scorer, _check = SCORERS[instrument.scoring]
    return scorer(instrument, answers)


def scoring_problems(instrument: Instrument) -> list[str]:
    """What the instrument's scorer needs and the file lacks (empty when all is well)."""
    if instrument.scoring not in SCORERS:
        return [f"scoring must be one of {', '.join(SCORERS)}"]
    _score, check = SCORERS[instrument.scoring]
    return check(instrument)
