"""The instrument files shipped in `data/`: found, checked and cached on first use.

A file is named `<id>_v<version>.json` and never changes once results exist: a new version is
a new file. `instrument_from_json` rebuilds an instrument from a stored copy of its text.
"""

import json
from functools import cache
from pathlib import Path

from .errors import AnswerError, InstrumentError, Problem
from .model import Instrument
from .schema import instrument_from_dict
from .scoring import scoring_problems

DATA_DIR = Path(__file__).resolve().parent / "data"


def instrument_from_json(text: str, *, source: str = "<text>") -> Instrument:
    """The instrument an instrument file's text describes; InstrumentError if it is broken."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentError(source, "", f"not valid JSON: {error}") from None
    return instrument_from_data(data, source=source, content=text)


def instrument_from_data(data: object, *, source: str, content: str | None = None) -> Instrument:
    """The instrument of already parsed file data (tests use broken in-memory copies)."""
    if content is None:
        content = json.dumps(data, ensure_ascii=False, indent=2)
    instrument = instrument_from_dict(data, source=source, content=content)
    problems = scoring_problems(instrument)
    if problems:
        raise InstrumentError(source, "scoring", "; ".join(problems))
    return instrument


@cache
def _shipped() -> dict[tuple[str, int], Instrument]:
    instruments = {}
    for path in sorted(DATA_DIR.glob("*.json")):
        instrument = instrument_from_json(path.read_text(encoding="utf-8"), source=path.name)
        expected = f"{instrument.id}_v{instrument.version}.json"
        if path.name != expected:
            raise InstrumentError(path.name, "", f"the file must be named {expected}")
        instruments[(instrument.id, instrument.version)] = instrument
    return instruments


def available_instruments(*, include_unconfirmed: bool = True) -> tuple[Instrument, ...]:
    """Every shipped instrument version, by id then version."""
    return tuple(
        instrument
        for _key, instrument in sorted(_shipped().items())
        if include_unconfirmed or instrument.confirmed
    )


def load_instrument(instrument_id: str, version: int | None = None) -> Instrument:
    """One shipped instrument version; the highest version when `version` is None."""
    versions = sorted(v for (i, v) in _shipped() if i == instrument_id)
    chosen = version if version is not None else (versions[-1] if versions else None)
    if chosen not in versions:
        params = {"instrument": instrument_id, "version": version if version else "—"}
        raise AnswerError([Problem("unknown_instrument", params, instrument=instrument_id)])
    return _shipped()[(instrument_id, chosen)]
