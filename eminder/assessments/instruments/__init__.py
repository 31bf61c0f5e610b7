"""Questionnaires as versioned data files, and the pure scoring of their answers.

No database here. The Django app on top stores what these functions return:

    instrument = load_instrument("dma_sme", 1)          # or .with_settings(d1_variant="B")
    answers = validate_answers(instrument, raw_answers)  # AnswerError, per question id
    result = score(instrument, answers)                  # ModuleResult, .to_dict() for JSON
    tips = advice(result, instrument, "es")

and `score_document(json_text)` scores a whole answer document (docs/ANSWER-FORMAT.md).
"""

from .advice import Advice, advice
from .answers import Answers, validate_answers
from .dii import (
    dii_version_for_year,
    is_at_least_basic,
    is_sme,
    meets_digital_decade_target,
    share_at_least_basic,
)
from .dma import progress
from .ecommerce import sales_year_of_survey, size_class, survey_year_of_sales
from .errors import AnswerError, InstrumentError, Problem
from .interchange import AnswerDocument, ModuleAnswers, parse_answers_document, score_document
from .loader import available_instruments, instrument_from_json, load_instrument
from .model import Instrument, Level, Option, Question, Row, Section, Setting
from .results import DimensionScore, ModuleResult
from .scoring import score
from .texts import LANGUAGES, Text

__all__ = [
    "LANGUAGES",
    "Advice",
    "AnswerDocument",
    "AnswerError",
    "Answers",
    "DimensionScore",
    "Instrument",
    "InstrumentError",
    "Level",
    "ModuleAnswers",
    "ModuleResult",
    "Option",
    "Problem",
    "Question",
    "Row",
    "Section",
    "Setting",
    "Text",
    "advice",
    "available_instruments",
    "dii_version_for_year",
    "instrument_from_json",
    "is_at_least_basic",
    "is_sme",
    "load_instrument",
    "meets_digital_decade_target",
    "parse_answers_document",
    "progress",
    "sales_year_of_survey",
    "score",
    "score_document",
    "share_at_least_basic",
    "size_class",
    "survey_year_of_sales",
    "validate_answers",
]
