"""The JSON answer document (docs/ANSWER-FORMAT.md): parse and check it, and score it.

`parse_answers_document` accepts the JSON text (str or bytes) or the already parsed object and
reports every problem it finds in one AnswerError; `score_document` returns plain JSON-able
data, used as it is by `manage.py score_answers` and the scoring API endpoint.
"""

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .advice import advice
from .answers import Answers, validate_answers
from .errors import AnswerError, Problem
from .loader import load_instrument
from .model import Instrument
from .scoring import score
from .texts import normalise_language

FORMAT = "eminder-answers"
FORMAT_VERSION = 1
RESULT_FORMAT = "eminder-scores"
DOCUMENT_KEYS = ({"format", "format_version", "modules"}, {"language", "meta"})
MODULE_KEYS = ({"instrument", "version", "answers"}, {"settings"})


@dataclass(frozen=True)
class ModuleAnswers:
    instrument: Instrument  # the version named, with the document's settings applied
    answers: Answers


@dataclass(frozen=True)
class AnswerDocument:
    modules: tuple[ModuleAnswers, ...]
    language: str | None = None  # the language the respondent answered in, if given


class _DuplicateKey(ValueError):
    pass


def parse_answers_document(source: str | bytes | Mapping[str, Any]) -> AnswerDocument:
    """The checked document, or AnswerError naming every problem (translated when shown)."""
    data = _loaded(source) if isinstance(source, str | bytes) else source
    problems = _keys_problems(data, "document", DOCUMENT_KEYS)
    if problems:
        raise AnswerError(problems)
    assert isinstance(data, Mapping)
    version = data["format_version"]
    if data["format"] != FORMAT or version != FORMAT_VERSION or isinstance(version, bool):
        raise _fail("wrong_format", "format", format=f"{FORMAT} {FORMAT_VERSION}")
    modules = data["modules"]
    if not isinstance(modules, list) or not modules:
        raise _fail("not_list", "modules")
    language = data.get("language")
    if language is not None and not isinstance(language, str):
        raise _fail("not_text", "language")
    parsed, problems = _modules(modules)
    if problems:
        raise AnswerError(problems)
    return AnswerDocument(modules=tuple(parsed), language=language)


def score_document(
    source: str | bytes | Mapping[str, Any], *, language: str | None = None
) -> dict[str, Any]:
    """Every module's result as JSON-able data; with `language`, DMA results carry advice."""
    document = parse_answers_document(source)
    results = []
    for module in document.modules:
        result = score(module.instrument, module.answers)
        data = result.to_dict()
        if language is not None and result.dimensions:
            data["advice"] = [
                {"dimension": item.dimension, "label": item.label, "text": item.text}
                for item in advice(result, module.instrument, language)
            ]
            data["advice_language"] = normalise_language(language)
        results.append(data)
    return {"format": RESULT_FORMAT, "format_version": FORMAT_VERSION, "modules": results}


def _loaded(source: str | bytes) -> object:
    try:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source
        return json.loads(
            text, object_pairs_hook=_object_without_duplicates, parse_constant=_no_constant
        )
    except _DuplicateKey as error:
        raise _fail("duplicate_key", "", key=str(error)) from None
    except json.JSONDecodeError as error:
        raise _fail("not_json", "", line=error.lineno, column=error.colno) from None
    except (UnicodeDecodeError, ValueError, RecursionError):  # not UTF-8, NaN, absurdly deep
        raise _fail("not_json", "", line=1, column=1) from None


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _value in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _DuplicateKey(key)
    return dict(pairs)


def _no_constant(name: str) -> None:
    raise ValueError(name)  # JSON has no NaN or Infinity; Python's parser would accept them


def _keys_problems(data: object, location: str, keys: tuple[set[str], set[str]]) -> list[Problem]:
    if not isinstance(data, Mapping):
        return [Problem("not_object", {"location": location}, location=location)]
    required, optional = keys
    missing = [
        Problem("missing_key", {"key": key, "location": location}, location=location)
        for key in sorted(required - data.keys())
    ]
    unknown = [
        Problem("unknown_key", {"key": key, "location": location}, location=f"{location}.{key}")
        for key in sorted(data.keys() - required - optional)
    ]
    return missing + unknown


def _modules(modules: list[object]) -> tuple[list[ModuleAnswers], list[Problem]]:
    parsed: list[ModuleAnswers] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, module in enumerate(modules):
        location = f"modules[{index}]"
        try:
            parsed.append(_module(module, location, seen))
        except AnswerError as error:
            problems += error.problems
    return parsed, problems


def _module(module: object, location: str, seen: set[str]) -> ModuleAnswers:
    problems = _keys_problems(module, location, MODULE_KEYS)
    if problems:
        raise AnswerError(problems)
    assert isinstance(module, Mapping)
    instrument = _instrument(module, location)
    if instrument.id in seen:
        raise _fail("repeated_instrument", f"{location}.instrument", instrument=instrument.id)
    seen.add(instrument.id)
    settings = module.get("settings", {})
    if not isinstance(settings, Mapping):
        raise _fail("not_object", f"{location}.settings")
    try:
        instrument = instrument.with_settings(**settings)
    except AnswerError as error:
        raise AnswerError(
            [
                dataclasses.replace(p, location=f"{location}.settings.{p.params['setting']}")
                for p in error.problems
            ]
        ) from None
    answers = validate_answers(instrument, module["answers"], location=f"{location}.answers")
    return ModuleAnswers(instrument=instrument, answers=answers)


def _instrument(module: Mapping[str, Any], location: str) -> Instrument:
    instrument_id, version = module["instrument"], module["version"]
    if not isinstance(instrument_id, str):
        raise _fail("not_text", f"{location}.instrument")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail("not_integer", f"{location}.version")
    try:
        return load_instrument(instrument_id, version)
    except AnswerError as error:
        raise AnswerError(
            [dataclasses.replace(p, location=f"{location}.instrument") for p in error.problems]
        ) from None


def _fail(code: str, location: str, **params: Any) -> AnswerError:
    """One problem at `location`; messages that show the location get it as `location`."""
    return AnswerError([Problem(code, {"location": location, **params}, location=location)])
