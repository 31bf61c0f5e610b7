"""Build an `Instrument` from the JSON of an instrument file, refusing anything off the schema.

The schema is strict: unknown keys, a text missing in one of the five languages, repeated ids,
inconsistent points or conditions on later questions are all `InstrumentError`s naming the
file and the place ("sections[2].questions[0].options[3].label.gl").
"""

import dataclasses
import re
from itertools import pairwise
from types import MappingProxyType

from .model import (
    QUESTION_TYPES,
    Assumption,
    Condition,
    EurostatCode,
    Instrument,
    Level,
    Option,
    Question,
    Row,
    Section,
    Setting,
    SumLimit,
    checked_setting_value,
)
from .reader import Reader

SCHEMA_VERSION = 1
TOP_KEYS = {
    "required": {"schema", "id", "version", "scoring", "title", "description", "status"}
    | {"sections"},
    "optional": {"settings", "assumptions", "levels", "sum_limits", "max_score"}
    | {"survey_year", "dii_version", "stages", "sources"},
}


def instrument_from_dict(data: object, *, source: str, content: str) -> Instrument:
    """Check `data` (a parsed instrument file) and build the instrument; `content` is its text."""
    read = Reader(source)
    top = read.mapping(data, "", TOP_KEYS["required"], TOP_KEYS["optional"])
    if read.integer(top["schema"], "schema") != SCHEMA_VERSION:
        raise read.fail("schema", f"must be {SCHEMA_VERSION}")
    status = read.mapping(top["status"], "status", {"confirmed", "note"}, set())
    levels = read.optional_items(top, "levels", lambda d, p: _level(read, d, p))
    max_score = read.integer(top["max_score"], "max_score") if "max_score" in top else None
    instrument = Instrument(
        id=read.id(top["id"], "id"),
        version=_positive(read, top["version"], "version"),
        scoring=read.id(top["scoring"], "scoring"),
        title=read.text(top["title"], "title"),
        description=read.text(top["description"], "description"),
        confirmed=read.boolean(status["confirmed"], "status.confirmed"),
        status_note=read.text(status["note"], "status.note"),
        sections=_sections(read, top["sections"]),
        levels=levels,
        settings=MappingProxyType(_settings(read, top.get("settings", {}), levels, max_score)),
        assumptions=read.optional_items(top, "assumptions", lambda d, p: _assumption(read, d, p)),
        sum_limits=read.optional_items(top, "sum_limits", lambda d, p: _sum_limit(read, d, p)),
        max_score=max_score,
        survey_year=_optional_int(read, top, "survey_year"),
        dii_version=_optional_int(read, top, "dii_version"),
        stages=read.optional_items(top, "stages", read.doc),
        content=content,
        source=source,
    )
    _check_references(read, instrument)
    read.optional_items(top, "sources", read.doc)
    return instrument


def _positive(read: Reader, data: object, place: str) -> int:
    value = read.integer(data, place)
    if value < 1:
        raise read.fail(place, "must be 1 or more")
    return value


def _optional_int(read: Reader, top: dict, key: str) -> int | None:
    return read.integer(top[key], key) if key in top else None


def _level(read: Reader, data: object, place: str) -> Level:
    level = read.mapping(data, place, {"id", "label"}, set())
    return Level(
        id=read.id(level["id"], f"{place}.id"), label=read.text(level["label"], f"{place}.label")
    )


def _sections(read: Reader, data: object) -> tuple[Section, ...]:
    sections = read.items(data, "sections", lambda d, p: _section(read, d, p))
    read.unique([section.id for section in sections], "sections")
    read.unique([q.id for section in sections for q in section.questions], "sections[*].questions")
    return sections


def _section(read: Reader, data: object, place: str) -> Section:
    section = read.mapping(data, place, {"id", "label", "questions"}, {"advice", "export_label"})
    section_id = read.id(section["id"], f"{place}.id")
    questions = read.items(
        section["questions"], f"{place}.questions", lambda d, p: _question(read, d, p, section_id)
    )
    return Section(
        id=section_id,
        label=read.text(section["label"], f"{place}.label"),
        questions=questions,
        advice=read.optional_text(section, "advice", place),
        export_label=read.doc(section["export_label"], f"{place}.export_label")
        if "export_label" in section
        else None,
    )


QUESTION_OPTIONAL = {"help", "required", "options", "rows", "minimum", "maximum", "min_choices"}


def _question(read: Reader, data: object, place: str, section: str) -> Question:
    raw = read.mapping(
        data, place, {"id", "type", "text"}, QUESTION_OPTIONAL | {"ask_if", "eurostat"}
    )
    if raw["type"] not in QUESTION_TYPES:
        raise read.fail(f"{place}.type", f"must be one of {', '.join(QUESTION_TYPES)}")
    question = Question(
        id=read.id(raw["id"], f"{place}.id"),
        type=raw["type"],
        text=read.text(raw["text"], f"{place}.text"),
        section=section,
        help=read.optional_text(raw, "help", place),
        required=read.boolean(raw.get("required", True), f"{place}.required"),
        options=_options(read, raw, place),
        rows=_rows(read, raw, place),
        minimum=read.number(raw["minimum"], f"{place}.minimum") if "minimum" in raw else None,
        maximum=read.number(raw["maximum"], f"{place}.maximum") if "maximum" in raw else None,
        min_choices=read.integer(raw.get("min_choices", 0), f"{place}.min_choices"),
        ask_if=_condition(read, raw["ask_if"], f"{place}.ask_if") if "ask_if" in raw else None,
        eurostat=_eurostat(read, raw["eurostat"], f"{place}.eurostat")
        if "eurostat" in raw
        else None,
    )
    _check_question_shape(read, question, place)
    return question


def _options(read: Reader, raw: dict, place: str) -> tuple[Option, ...]:
    if "options" not in raw:
        return ()
    options = read.items(raw["options"], f"{place}.options", lambda d, p: _option(read, d, p))
    read.unique([option.id for option in options], f"{place}.options")
    return options


def _option(read: Reader, data: object, place: str) -> Option:
    option = read.mapping(data, place, {"id", "label"}, {"points", "negative"})
    return Option(
        id=read.id(option["id"], f"{place}.id"),
        label=read.text(option["label"], f"{place}.label"),
        points=read.number(option["points"], f"{place}.points") if "points" in option else None,
        negative=read.boolean(option.get("negative", False), f"{place}.negative"),
    )


def _rows(read: Reader, raw: dict, place: str) -> tuple[Row, ...]:
    if "rows" not in raw:
        return ()
    rows = read.items(raw["rows"], f"{place}.rows", lambda d, p: _row(read, d, p))
    read.unique([row.id for row in rows], f"{place}.rows")
    return rows


def _row(read: Reader, data: object, place: str) -> Row:
    row = read.mapping(data, place, {"id", "label"}, set())
    return Row(
        id=read.id(row["id"], f"{place}.id"), label=read.text(row["label"], f"{place}.label")
    )


def _condition(read: Reader, data: object, place: str) -> Condition:
    if isinstance(data, dict) and ("any" in data or "all" in data):
        key = "any" if "any" in data else "all"
        read.mapping(data, place, {key}, set())
        parts = read.items(data[key], f"{place}.{key}", lambda d, p: _condition(read, d, p))
        return Condition(any_of=parts) if key == "any" else Condition(all_of=parts)
    leaf = read.mapping(data, place, {"question", "equals"}, set())
    if not isinstance(leaf["equals"], bool | str):
        raise read.fail(f"{place}.equals", "must be true, false or an option id")
    return Condition(question=read.id(leaf["question"], f"{place}.question"), equals=leaf["equals"])


def _eurostat(read: Reader, data: object, place: str) -> EurostatCode:
    code = read.mapping(data, place, {"code", "confirmed"}, set())
    if not isinstance(code["code"], str) or not re.match(r"^E_[A-Z0-9_]+$", code["code"]):
        raise read.fail(f"{place}.code", "must be a Eurostat indic_is code such as E_CC")
    return EurostatCode(
        code=code["code"], confirmed=read.boolean(code["confirmed"], f"{place}.confirmed")
    )


def _check_question_shape(read: Reader, question: Question, place: str) -> None:
    kind = question.type
    wants_options = kind in {"single_choice", "multiple_choice", "scale_grid", "tick_grid"}
    if wants_options != bool(question.options) or (wants_options and len(question.options) < 2):
        raise read.fail(
            f"{place}.options",
            f"a {kind} question needs {'2 or more' if wants_options else 'no'} options",
        )
    if kind.endswith("_grid") != bool(question.rows):
        raise read.fail(
            f"{place}.rows",
            f"a {kind} question needs {'rows' if kind.endswith('_grid') else 'no rows'}",
        )
    if (question.minimum is not None or question.maximum is not None) and kind != "number":
        raise read.fail(place, "only number questions have a minimum or maximum")
    if (
        question.minimum is not None
        and question.maximum is not None
        and question.minimum > question.maximum
    ):
        raise read.fail(f"{place}.minimum", "must not exceed the maximum")
    if question.min_choices and not (
        kind == "multiple_choice" and 0 < question.min_choices <= len(question.options)
    ):
        raise read.fail(
            f"{place}.min_choices", "only for multiple_choice, at most the number of options"
        )
    _check_points(read, question, place)


def _check_points(read: Reader, question: Question, place: str) -> None:
    options = question.options
    if any(option.negative for option in options) and question.type != "multiple_choice":
        raise read.fail(f"{place}.options", "only multiple_choice options may be negative")
    if any(option.negative and option.points for option in options):
        raise read.fail(f"{place}.options", "a negative option scores 0 points")
    points = [option.points for option in options if option.points is not None]
    if not points:
        return
    if len(points) < len(options):
        raise read.fail(f"{place}.options", "give points to every option or to none")
    if min(points) < 0 or not any(points):
        raise read.fail(f"{place}.options", "points are 0 or more, and some option scores")
    if question.type == "scale_grid" and any(a >= b for a, b in pairwise(points)):
        raise read.fail(f"{place}.options", "a scale lists its options by increasing points")


def _settings(
    read: Reader, data: object, levels: tuple[Level, ...], max_score: int | None
) -> dict[str, Setting]:
    if not isinstance(data, dict):
        raise read.fail("settings", "must be an object")
    return {name: _setting(read, name, raw, levels, max_score) for name, raw in data.items()}


def _setting(
    read: Reader, name: str, data: object, levels: tuple[Level, ...], max_score: int | None
) -> Setting:
    place = f"settings.{read.id(name, 'settings')}"
    raw = read.mapping(
        data, place, {"kind", "default", "confirmed", "doc"}, {"choices", "choice_docs"}
    )
    if raw["kind"] not in {"choice", "bounds"}:
        raise read.fail(f"{place}.kind", "must be choice or bounds")
    choices = read.optional_items(raw, "choices", read.doc, place)
    choice_docs = raw.get("choice_docs", {})
    if (raw["kind"] == "choice") != bool(choices) or not isinstance(choice_docs, dict):
        raise read.fail(place, "a choice setting lists its choices; a bounds setting has none")
    if set(choice_docs) - set(choices):
        raise read.fail(f"{place}.choice_docs", "documents only the setting's choices")
    setting = Setting(
        name=name,
        kind=raw["kind"],
        value="",
        default="",
        confirmed=read.boolean(raw["confirmed"], f"{place}.confirmed"),
        doc=read.doc(raw["doc"], f"{place}.doc"),
        choices=choices,
        choice_docs=MappingProxyType(
            {
                key: read.doc(value, f"{place}.choice_docs.{key}")
                for key, value in choice_docs.items()
            }
        ),
    )
    default = checked_setting_value(setting, raw["default"], len(levels), max_score)
    if default is None:
        raise read.fail(f"{place}.default", "is not a valid value of this setting")
    return dataclasses.replace(setting, value=default, default=default)


def _assumption(read: Reader, data: object, place: str) -> Assumption:
    raw = read.mapping(data, place, {"id", "doc"}, {"setting"})
    return Assumption(
        id=read.id(raw["id"], f"{place}.id"),
        doc=read.doc(raw["doc"], f"{place}.doc"),
        setting=read.id(raw["setting"], f"{place}.setting") if "setting" in raw else None,
    )


def _sum_limit(read: Reader, data: object, place: str) -> SumLimit:
    raw = read.mapping(data, place, {"questions", "limit"}, set())
    return SumLimit(
        questions=read.items(raw["questions"], f"{place}.questions", read.id),
        limit=read.number(raw["limit"], f"{place}.limit"),
    )


def _check_references(read: Reader, instrument: Instrument) -> None:
    """Conditions look back at earlier questions; limits and assumptions name what exists."""
    seen: dict[str, Question] = {}
    for question in instrument.questions.values():
        if question.ask_if:
            _check_condition(read, question.ask_if, seen, f"{question.id}.ask_if")
        seen[question.id] = question
    numbers = {"number", "percentage"}
    for limit in instrument.sum_limits:
        if any(q not in seen or seen[q].type not in numbers for q in limit.questions):
            raise read.fail("sum_limits", "must name number or percentage questions")
    for assumption in instrument.assumptions:
        if assumption.setting and assumption.setting not in instrument.settings:
            raise read.fail(f"assumptions.{assumption.id}", f"no setting {assumption.setting}")


def _check_condition(
    read: Reader, condition: Condition, earlier: dict[str, Question], place: str
) -> None:
    for part in (*condition.any_of, *condition.all_of):
        _check_condition(read, part, earlier, place)
    if condition.question is None:
        return
    target = earlier.get(condition.question)
    if target is None:
        raise read.fail(place, f"{condition.question} is not an earlier question")
    if target.type == "yes_no" and isinstance(condition.equals, bool):
        return
    if target.type == "single_choice" and condition.equals in target.options_by_id:
        return
    raise read.fail(place, f"cannot compare {condition.question} with {condition.equals!r}")
