"""Check a respondent's answers against an instrument and bring them to one canonical form.

Answers are a JSON object from question id to answer (see docs/ANSWER-FORMAT.md). `null` or a
missing key means "not answered". A question whose `ask_if` does not hold must stay unanswered.
Every problem found is reported at once, each naming its question.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import AnswerError, Problem
from .model import Instrument, Question

AnswerValue = bool | str | tuple[str, ...] | Mapping[str, str] | Mapping[str, tuple[str, ...]]
Value = AnswerValue | Fraction
PERCENT_RANGE = (Fraction(0), Fraction(100))


class _Bad(Exception):
    """One problem with one answer, raised inside the checkers of this module."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Answers:
    """Valid answers to one instrument version: only questions that apply and were answered."""

    instrument: str
    version: int
    values: Mapping[str, Value]

    def get(self, question: str, default: Value | None = None) -> Value | None:
        return self.values.get(question, default)

    def as_json(self) -> dict[str, Any]:
        """The canonical JSON form: what to store, and what `validate_answers` accepts again."""
        return {question: _json_value(value) for question, value in self.values.items()}


def validate_answers(instrument: Instrument, raw: object, *, location: str = "answers") -> Answers:
    """The answers in canonical form, or AnswerError listing every problem."""
    if not isinstance(raw, dict):
        params = {"location": location}
        raise AnswerError([Problem("not_object", params, None, instrument.id, location)])
    problems = [
        _problem(instrument, location, key, _Bad("unknown_question", question=key))
        for key in raw
        if key not in instrument.questions
    ]
    values: dict[str, Value] = {}
    invalid: set[str] = set()
    for question in instrument.questions.values():
        try:
            value = _answer(question, raw.get(question.id), values, invalid, instrument)
        except _Bad as bad:
            problems.append(_problem(instrument, location, question.id, bad))
            invalid.add(question.id)
            continue
        if value is not None:
            values[question.id] = value
    problems += _sum_problems(instrument, values, location)
    if problems:
        raise AnswerError(problems)
    return Answers(instrument=instrument.id, version=instrument.version, values=values)


def _problem(instrument: Instrument, location: str, question: str, bad: _Bad) -> Problem:
    params = {"question": question, **bad.params}
    return Problem(bad.code, params, question, instrument.id, f"{location}.{question}")


def _answer(
    question: Question,
    raw: object,
    earlier: Mapping[str, Value],
    invalid: set[str],
    instrument: Instrument,
) -> Value | None:
    """The checked answer, None when unanswered; raises _Bad."""
    if question.ask_if is not None:
        if question.ask_if.questions() & invalid:
            return None  # its condition cannot be judged; the earlier problem is reported
        if not question.ask_if.holds(earlier):
            if raw is not None:
                raise _Bad("not_applicable")
            return None
    if raw is None:
        if question.required:
            raise _Bad("missing_answer")
        return None
    return CHECKERS[question.type](question, raw, instrument)


def _yes_no(question: Question, raw: object, instrument: Instrument) -> bool:
    if not isinstance(raw, bool):
        raise _Bad("not_yes_no")
    return raw


def _option_id(question: Question, raw: object) -> str:
    if not isinstance(raw, str):
        raise _Bad("not_option")
    if raw not in question.options_by_id:
        raise _Bad("unknown_option", option=raw, options=", ".join(question.options_by_id))
    return raw


def _single_choice(question: Question, raw: object, instrument: Instrument) -> str:
    return _option_id(question, raw)


def _option_ids(question: Question, raw: object) -> tuple[str, ...]:
    """A list of distinct option ids, returned in the question's option order."""
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise _Bad("not_option_list")
    chosen = [_option_id(question, item) for item in raw]
    for option in chosen:
        if chosen.count(option) > 1:
            raise _Bad("repeated_option", option=option)
    return tuple(option.id for option in question.options if option.id in chosen)


def _multiple_choice(question: Question, raw: object, instrument: Instrument) -> tuple[str, ...]:
    chosen = _option_ids(question, raw)
    if len(chosen) > 1 and negative_options_are_exclusive(instrument):
        for option_id in chosen:
            if question.options_by_id[option_id].negative:
                raise _Bad("exclusive_option", option=option_id)
    if len(chosen) < question.min_choices:
        raise _Bad("too_few_options", count=question.min_choices)
    return chosen


def negative_options_are_exclusive(instrument: Instrument) -> bool:
    """A negative option stands alone unless a setting reproduces tools that let it combine."""
    rule = instrument.settings.get("negative_option_rule")
    return rule is None or rule.value == "exclusive_zero"


def _rows(question: Question, raw: object) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise _Bad("not_rows")
    for row in raw:
        if row not in question.row_ids:
            raise _Bad("unknown_row", row=row)
    return {row: raw[row] for row in question.row_ids if raw.get(row) is not None}


def _scale_grid(question: Question, raw: object, instrument: Instrument) -> dict[str, str]:
    rows = _rows(question, raw)
    missing = [row for row in question.row_ids if row not in rows]
    if question.required and missing:
        raise _Bad("missing_row", row=missing[0])
    return {row: _option_id(question, value) for row, value in rows.items()}


def _tick_grid(
    question: Question, raw: object, instrument: Instrument
) -> dict[str, tuple[str, ...]]:
    ticks = {row: _option_ids(question, value) for row, value in _rows(question, raw).items()}
    return {row: columns for row, columns in ticks.items() if columns}


def _number(question: Question, raw: object, instrument: Instrument) -> Fraction:
    finite = not isinstance(raw, float) or math.isfinite(raw)
    if not isinstance(raw, int | float) or isinstance(raw, bool) or not finite:
        raise _Bad("not_number")
    # A float is taken as the decimal it was written as (0.1, not its binary approximation).
    value = Fraction(str(raw)) if isinstance(raw, float) else Fraction(raw)
    low, high = (
        PERCENT_RANGE if question.type == "percentage" else (question.minimum, question.maximum)
    )
    if (low is not None and value < low) or (high is not None and value > high):
        shown = [_json_value(bound) if bound is not None else "…" for bound in (low, high)]
        raise _Bad("out_of_range", minimum=shown[0], maximum=shown[1])
    return value


CHECKERS: dict[str, Callable[[Question, object, Instrument], Value]] = {
    "yes_no": _yes_no,
    "single_choice": _single_choice,
    "multiple_choice": _multiple_choice,
    "scale_grid": _scale_grid,
    "tick_grid": _tick_grid,
    "number": _number,
    "percentage": _number,
}


def _sum_problems(
    instrument: Instrument, values: Mapping[str, Value], location: str
) -> list[Problem]:
    problems = []
    for limit in instrument.sum_limits:
        total = sum(
            (value for q in limit.questions if isinstance(value := values.get(q), Fraction)),
            Fraction(0),
        )
        if total > limit.limit:
            first = limit.questions[0]
            bad = _Bad(
                "sum_too_large",
                questions=", ".join(f"“{q}”" for q in limit.questions),
                total=_json_value(total),
                limit=_json_value(limit.limit),
            )
            problems.append(_problem(instrument, location, first, bad))
    return problems


def _json_value(value: Value) -> Any:
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {key: _json_value(item) for key, item in value.items()}
    return value
