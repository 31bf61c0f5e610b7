"""A strict reader of instrument-file JSON: each check that fails names the file and the place."""

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .errors import InstrumentError
from .model import ID_PATTERN
from .texts import LANGUAGES, Text


class Reader:
    """Reads one file's JSON; every check failure names the file and the place."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, place: str, problem: str) -> InstrumentError:
        return InstrumentError(self.source, place, problem)

    def mapping(self, data: object, place: str, required: set[str], optional: set[str]) -> dict:
        if not isinstance(data, dict):
            raise self.fail(place, "must be an object")
        missing = sorted(required - data.keys())
        if missing:
            raise self.fail(place, f"missing key(s) {', '.join(missing)}")
        unknown = sorted(data.keys() - required - optional)
        if unknown:
            raise self.fail(place, f"unknown key(s) {', '.join(unknown)}")
        return data

    def sequence(self, data: object, place: str, *, empty: bool = False) -> list:
        if not isinstance(data, list) or (not data and not empty):
            raise self.fail(place, "must be a list" if empty else "must be a non-empty list")
        return data

    def id(self, data: object, place: str) -> str:
        if not isinstance(data, str) or not ID_PATTERN.match(data):
            raise self.fail(place, "must be an id: lower-case letters, digits and _")
        return data

    def text(self, data: object, place: str) -> Text:
        self.mapping(data, place, set(LANGUAGES), set())
        assert isinstance(data, dict)
        for language in LANGUAGES:
            if not isinstance(data[language], str) or not data[language].strip():
                raise self.fail(f"{place}.{language}", "must be a non-empty text")
        return Text(**{language: data[language].strip() for language in LANGUAGES})

    def optional_text(self, data: dict, key: str, place: str) -> Text | None:
        return self.text(data[key], f"{place}.{key}") if key in data else None

    def integer(self, data: object, place: str) -> int:
        if not isinstance(data, int) or isinstance(data, bool):
            raise self.fail(place, "must be a whole number")
        return data

    def number(self, data: object, place: str) -> Fraction:
        if not isinstance(data, int | float) or isinstance(data, bool):
            raise self.fail(place, "must be a number")
        return Fraction(str(data))

    def boolean(self, data: object, place: str) -> bool:
        if not isinstance(data, bool):
            raise self.fail(place, "must be true or false")
        return data

    def doc(self, data: object, place: str) -> str:
        if not isinstance(data, str) or not data.strip():
            raise self.fail(place, "must be a non-empty text")
        return data

    def unique(self, ids: list[str], place: str) -> None:
        repeated = sorted({item for item in ids if ids.count(item) > 1})
        if repeated:
            raise self.fail(place, f"repeated id(s) {', '.join(repeated)}")

    def items(self, data: object, place: str, build: Callable[[Any, str], Any]) -> tuple:
        return tuple(
            build(item, f"{place}[{i}]") for i, item in enumerate(self.sequence(data, place))
        )

    def optional_items(
        self, data: dict, key: str, build: Callable[[Any, str], Any], place: str = ""
    ) -> tuple:
        """The built items of list `key`, or () when the key is absent; a present list has items."""
        if key not in data:
            return ()
        return self.items(data[key], f"{place}.{key}" if place else key, build)
