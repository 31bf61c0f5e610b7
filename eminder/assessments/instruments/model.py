"""What an instrument is once loaded: immutable dataclasses built from one versioned data file.

An instrument is one questionnaire in one version (the DMA, the e-commerce module, the DII of a
survey year). Its sections hold questions; its settings are the scoring choices of that version,
of which only the unconfirmed ones may be changed, and every result records the values used.
"""

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from .errors import AnswerError, Problem
from .texts import Text

QUESTION_TYPES = (
    "yes_no",  # true / false; a "yes" is one point where the instrument counts points
    "single_choice",  # one option id
    "multiple_choice",  # a list of option ids, possibly empty
    "scale_grid",  # rows, one option of a shared scale per row
    "tick_grid",  # rows, any of the shared columns ticked per row
    "number",  # a number between `minimum` and `maximum`
    "percentage",  # a number from 0 to 100
)
SettingValue = str | tuple[float, ...]
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")  # instrument, section, question, option, row ids
# Keys holding texts or documentation: everything else in a file can change a score.
TEXT_KEYS = frozenset(
    {"title", "description", "label", "text", "help", "note", "advice", "doc", "choice_docs"}
)


@dataclass(frozen=True)
class Option:
    id: str
    label: Text
    points: Fraction | None = None
    # The DMA's "data is not collected digitally": scored by the `negative_option_rule` setting.
    negative: bool = False


@dataclass(frozen=True)
class Row:
    id: str
    label: Text


@dataclass(frozen=True)
class Condition:
    """When a question is asked: `question` equals `equals`, or any/all of sub-conditions."""

    question: str | None = None
    equals: object = None
    any_of: tuple["Condition", ...] = ()
    all_of: tuple["Condition", ...] = ()

    def holds(self, answers: Mapping[str, object]) -> bool:
        if self.any_of:
            return any(condition.holds(answers) for condition in self.any_of)
        if self.all_of:
            return all(condition.holds(answers) for condition in self.all_of)
        return self.question is not None and answers.get(self.question) == self.equals

    def questions(self) -> set[str]:
        found = {self.question} if self.question else set()
        for condition in (*self.any_of, *self.all_of):
            found |= condition.questions()
        return found


@dataclass(frozen=True)
class EurostatCode:
    """The Eurostat `indic_is` code a question measures; `confirmed` as in the methodology."""

    code: str
    confirmed: bool


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    section: str
    help: Text | None = None
    required: bool = True
    options: tuple[Option, ...] = ()  # for grids: the shared scale or columns
    rows: tuple[Row, ...] = ()
    minimum: Fraction | None = None
    maximum: Fraction | None = None
    min_choices: int = 0
    ask_if: Condition | None = None
    eurostat: EurostatCode | None = None

    @cached_property
    def options_by_id(self) -> Mapping[str, Option]:
        return MappingProxyType({option.id: option for option in self.options})

    @cached_property
    def row_ids(self) -> tuple[str, ...]:
        return tuple(row.id for row in self.rows)


@dataclass(frozen=True)
class Section:
    """A group of questions; in the DMA a dimension, scored 0-100 with advice when it is low."""

    id: str
    label: Text
    questions: tuple[Question, ...]
    advice: Text | None = None
    export_label: str | None = None  # the column name in the official DMA reporting export


@dataclass(frozen=True)
class Level:
    id: str
    label: Text


@dataclass(frozen=True)
class Setting:
    """A scoring choice of the version. `kind` is "choice" (one of `choices`) or "bounds"."""

    name: str
    kind: str
    value: SettingValue
    default: SettingValue
    confirmed: bool
    doc: str
    choices: tuple[str, ...] = ()
    choice_docs: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Assumption:
    """An unconfirmed point of the methodology, the setting that carries it and what we chose."""

    id: str
    doc: str
    setting: str | None = None


@dataclass(frozen=True)
class SumLimit:
    """The answers to `questions` (numbers) may add up to `limit` at most."""

    questions: tuple[str, ...]
    limit: Fraction


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    scoring: str  # which scorer: "dma_sme", "dii" or "ecommerce"
    title: Text
    description: Text
    confirmed: bool
    status_note: Text
    sections: tuple[Section, ...]
    levels: tuple[Level, ...]
    settings: Mapping[str, Setting]
    assumptions: tuple[Assumption, ...]
    sum_limits: tuple[SumLimit, ...]
    max_score: int | None  # 100 for the DMA, 12 for the DII, None when nothing is scored
    survey_year: int | None  # DII: the Eurostat survey year
    dii_version: int | None  # DII: Eurostat's variable-set version (3 or 4)
    stages: tuple[str, ...]  # DMA: the moments an SME is assessed (T0, T1, T2)
    content: str  # the JSON text the instrument was built from, to store beside results
    source: str  # file name, for messages

    def __str__(self) -> str:
        return f"{self.id} v{self.version}"

    @cached_property
    def questions(self) -> Mapping[str, Question]:
        """Every question by id, in questionnaire order."""
        return MappingProxyType(
            {question.id: question for section in self.sections for question in section.questions}
        )

    def setting(self, name: str) -> SettingValue:
        return self.settings[name].value

    def settings_values(self) -> dict[str, Any]:
        """The settings in force, as JSON-able values (what a result records)."""
        return {
            name: list(setting.value) if isinstance(setting.value, tuple) else setting.value
            for name, setting in self.settings.items()
        }

    def with_settings(self, **overrides: object) -> "Instrument":
        """The same version scored with other values for its unconfirmed settings."""
        problems = []
        settings = dict(self.settings)
        for name, value in overrides.items():
            problem, setting = self._checked_setting(name, value)
            if problem:
                problems.append(problem)
            elif setting:
                settings[name] = setting
        if problems:
            raise AnswerError(problems)
        return dataclasses.replace(self, settings=MappingProxyType(settings))

    def _checked_setting(self, name: str, value: object) -> tuple[Problem | None, Setting | None]:
        setting = self.settings.get(name)
        if setting is None:
            return Problem("unknown_setting", {"setting": name}, instrument=self.id), None
        checked = checked_setting_value(setting, value, len(self.levels), self.max_score)
        if checked is None:
            shown = json.dumps(value, ensure_ascii=False, default=str)
            return Problem(
                "invalid_setting", {"setting": name, "value": shown}, instrument=self.id
            ), None
        if checked != setting.value and setting.confirmed:
            return Problem("fixed_setting", {"setting": name}, instrument=self.id), None
        return None, dataclasses.replace(setting, value=checked)

    @property
    def checksum(self) -> str:
        """SHA-256 of the file's text: which exact file a stored copy came from."""
        return hashlib.sha256(self.content.encode()).hexdigest()

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of everything in the file that can change a score (texts left out)."""
        scoring_part = _without_texts(json.loads(self.content))
        canonical = json.dumps(scoring_part, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def checked_setting_value(
    setting: Setting, value: object, levels: int, max_score: int | None
) -> SettingValue | None:
    """The value as stored if it is valid for the setting, else None."""
    if setting.kind == "choice":
        return value if isinstance(value, str) and value in setting.choices else None
    if not isinstance(value, list | tuple) or not value or len(value) != levels - 1:
        return None
    if not all(isinstance(bound, int | float) and not isinstance(bound, bool) for bound in value):
        return None
    bounds: tuple[float, ...] = tuple(value)
    top = max_score if max_score is not None else float("inf")
    if bounds[0] < 0 or not all(a < b for a, b in pairwise((*bounds, top))):
        return None
    return bounds


def _without_texts(data: object) -> object:
    if isinstance(data, dict):
        return {key: _without_texts(value) for key, value in data.items() if key not in TEXT_KEYS}
    if isinstance(data, list):
        return [_without_texts(item) for item in data]
    return data
