"""The two kinds of error: a broken instrument file (ours), and bad answers (the respondent's).

`InstrumentError` is for developers: an instrument file in the repository breaks the schema.
`AnswerError` is for respondents and API clients: it is a `ValidationError` whose problems are
keyed by question id, each with a code and a message translated when it is shown, so a form can
attach them to its fields and the API can return them as they are.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class InstrumentError(ValueError):
    """An instrument file does not follow the schema: names the file, the place and the problem."""

    def __init__(self, source: str, place: str, problem: str) -> None:
        self.source = source
        self.place = place
        self.problem = problem
        super().__init__(f"{source}: {place}: {problem}" if place else f"{source}: {problem}")


# Every message the engine itself shows a respondent; %(name)s placeholders get `params`.
MESSAGES: dict[str, "_StrPromise"] = {
    "not_json": _("The answers are not valid JSON (line %(line)s, column %(column)s)."),
    "duplicate_key": _("The key “%(key)s” appears twice in the same object."),
    "not_object": _("The value at %(location)s must be a JSON object."),
    "not_list": _("The value at %(location)s must be a list with at least one element."),
    "not_text": _("The value at %(location)s must be a text."),
    "not_integer": _("The value at %(location)s must be a whole number."),
    "missing_key": _("The key “%(key)s” is missing at %(location)s."),
    "unknown_key": _("The key “%(key)s” at %(location)s is not part of the answer format."),
    "wrong_format": _("This is not an e-MINDER answer document in format %(format)s."),
    "unknown_instrument": _("There is no questionnaire “%(instrument)s” in version %(version)s."),
    "repeated_instrument": _("The questionnaire “%(instrument)s” is answered more than once."),
    "unknown_setting": _("The questionnaire has no setting “%(setting)s”."),
    "fixed_setting": _("The setting “%(setting)s” is confirmed and cannot be changed."),
    "invalid_setting": _("The setting “%(setting)s” cannot be %(value)s."),
    "unknown_question": _("There is no question “%(question)s” in this questionnaire."),
    "missing_answer": _("Question “%(question)s” must be answered."),
    "not_applicable": _(
        "Question “%(question)s” does not apply, given the other answers, so leave it empty."
    ),
    "not_yes_no": _("The answer to question “%(question)s” must be yes or no (true or false)."),
    "not_option": _("The answer to question “%(question)s” must be one option id."),
    "not_option_list": _("The answer to question “%(question)s” must be a list of option ids."),
    "not_number": _("The answer to question “%(question)s” must be a number."),
    "not_rows": _(
        "The answer to question “%(question)s” must be an object with one entry per row."
    ),
    "unknown_option": _(
        "The answer “%(option)s” is not an option of question “%(question)s”. "
        "The options are: %(options)s."
    ),
    "repeated_option": _("The option “%(option)s” is ticked twice in question “%(question)s”."),
    "exclusive_option": _(
        "In question “%(question)s”, the option “%(option)s” cannot be combined with others."
    ),
    "unknown_row": _("Question “%(question)s” has no row “%(row)s”."),
    "missing_row": _("Row “%(row)s” of question “%(question)s” must be answered."),
    "out_of_range": _(
        "The answer to question “%(question)s” must be between %(minimum)s and %(maximum)s."
    ),
    "too_few_options": ngettext_lazy(
        "Question “%(question)s” needs at least %(count)s option ticked.",
        "Question “%(question)s” needs at least %(count)s options ticked.",
        "count",
    ),
    "sum_too_large": _(
        "The answers to questions %(questions)s add up to %(total)s, more than %(limit)s."
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the answers: where it is, what it is, and the message to show."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    question: str | None = None
    instrument: str | None = None
    location: str = ""  # where in an answer document, e.g. "modules[0].answers.q7"

    @property
    def message(self) -> str:
        """The message in the active language."""
        # `%` on the lazy message, not on str(): ngettext_lazy picks its plural form there.
        return str(MESSAGES[self.code] % dict(self.params))

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "instrument": self.instrument,
            "question": self.question,
            "location": self.location,
            "message": self.message,
        }


class AnswerError(ValidationError):
    """Answers, or an answer document, that cannot be scored; `problems` says each reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        by_field: dict[str, list[ValidationError]] = {}
        for problem in self.problems:
            key = problem.question or NON_FIELD_ERRORS
            by_field.setdefault(key, []).append(
                ValidationError(
                    MESSAGES[problem.code], code=problem.code, params=dict(problem.params)
                )
            )
        super().__init__(by_field)

    def __str__(self) -> str:
        return " ".join(problem.message for problem in self.problems)

    def as_list(self) -> list[dict[str, Any]]:
        """The problems as JSON-able dicts, messages in the active language."""
        return [problem.as_dict() for problem in self.problems]
