"""Likely duplicate enterprises: the same registry number, or nearly the same name in a region.

Pure functions, no Django. Two enterprises are likely the same when

* both have a registry or VAT number and the numbers are equal once upper-cased with every
  character but letters and digits removed (`B-1234 5678` = `b12345678`), wherever they are; or
* they are in the same NUTS 2 region and their normalised names have a similarity of at least
  `THRESHOLD` (0.9).

Normalising a name: fold the case (`str.casefold`, so `ß` is `ss` and a Greek final sigma is
`σ`), remove accents (Unicode NFKD, then drop the combining marks; letters that do not decompose,
such as Polish `ł`, are mapped by `_LETTERS`), turn every other character that is not a letter or
a digit into a space, and remove legal forms (`S.L.`, `S.A.`, `Sp. z o.o.`, `Ltd`, `ΕΠΕ`, ... in
`LEGAL_FORMS`) from the end of the name, repeatedly. Legal forms are compared as words, so
`S.L.`, `S. L.` and `SL` are the same form. The first word is never removed, so that a name
made only of legal forms still has a key.

Similarity: `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()` of the two normalised
names, i.e. 2·M / (len(a) + len(b)) where M is the number of characters in the matching blocks.
SequenceMatcher's result can depend on the order of its arguments, so the pair is sorted first:
the similarity is symmetric by construction. Equal normalised names have similarity 1.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

THRESHOLD = 0.9

# Legal forms of the network's countries (Cyprus, Greece, Spain/Galicia, Poland) and common
# international ones, written as people write them; they are normalised like names.
LEGAL_FORMS = (
    # English, Cyprus, international
    "Ltd",
    "Limited",
    "LLC",
    "PLC",
    "Inc",
    "Co",
    "Corp",
    "GmbH",
    "AG",
    "BV",
    "NV",
    "SRL",
    "SARL",
    "SAS",
    # Spain, Galicia
    "S.L.",
    "S.L.U.",
    "S.L.L.",
    "S.L.N.E.",
    "S.A.",
    "S.A.U.",
    "S.A.L.",
    "S.C.",
    "S.Coop.",
    "S.Coop.Galega",
    "Sociedad Limitada",
    "Sociedade Limitada",
    "Sociedad Anónima",
    "C.B.",
    # Poland
    "Sp. z o.o.",
    "Spółka z o.o.",
    "Spółka z ograniczoną odpowiedzialnością",
    "Sp.j.",
    "Sp.k.",
    "Sp.p.",
    "S.K.A.",
    "Spółka jawna",
    "Spółka komandytowa",
    "Spółka akcyjna",
    "S.A.",
    "s.c.",
    # Greece, Cyprus (Greek)
    "ΕΠΕ",
    "Ε.Π.Ε.",
    "ΑΕ",
    "Α.Ε.",
    "ΙΚΕ",
    "Ι.Κ.Ε.",
    "ΟΕ",
    "Ο.Ε.",
    "ΕΕ",
    "Ε.Ε.",
    "ΑΒΕΕ",
    "Α.Β.Ε.Ε.",
    "ΛΤΔ",
    "Λτδ",
    "Μονοπρόσωπη ΕΠΕ",
    "Μονοπρόσωπη ΙΚΕ",
)

# Letters NFKD leaves whole: mapped to their unaccented Latin look-alike.
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)
_NOT_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    # Compatibility decomposition can produce letters that casefold again (e.g. `ǈ` → `Lj`).
    plain = plain.casefold().translate(_LETTERS)
    return _NOT_WORD.sub(" ", plain).split()


def _legal_forms_by_length() -> list[tuple[int, frozenset[tuple[str, ...]]]]:
    """The legal forms as word tuples, grouped by their number of words, longest first."""
    forms: dict[int, set[tuple[str, ...]]] = {}
    for form in LEGAL_FORMS:
        words = tuple(_words(form))
        forms.setdefault(len(words), set()).add(words)
        forms.setdefault(1, set()).add(("".join(words),))  # "S.L." typed as "SL"
    # Longest first, so that "Sp. z o.o." is removed whole, not as a trailing "o".
    return [(length, frozenset(forms[length])) for length in sorted(forms, reverse=True)]


_LEGAL_FORMS_BY_LENGTH = _legal_forms_by_length()


@functools.lru_cache(maxsize=8192)
def normalise_name(name: str) -> str:
    """The name as compared: case, accents, punctuation and trailing legal forms removed."""
    kept = _words(name)
    stripped = True
    while stripped:
        stripped = False
        for length, forms in _LEGAL_FORMS_BY_LENGTH:
            if length < len(kept) and tuple(kept[-length:]) in forms:
                kept = kept[:-length]
                stripped = True
                break
    return " ".join(kept)


def normalise_registry_number(number: str) -> str:
    """Upper case, letters and digits only: `es-b 1234.5678` → `ESB12345678`."""
    return "".join(char for char in (number or "").upper() if char.isalnum())


def similarity(first: str, second: str) -> float:
    """SequenceMatcher's ratio of two normalised names, symmetric (the pair is sorted)."""
    low, high = sorted((first, second))
    if low == high:
        return 1.0
    return SequenceMatcher(None, low, high, autojunk=False).ratio()


def _length_range(length: int, threshold: float) -> tuple[int, int]:
    """Lengths another name may have and still reach the threshold: 2·min / sum ≥ threshold.

    Widened by one on each side, so that rounding never leaves a true match out.
    """
    return (
        max(1, math.floor(length * threshold / (2 - threshold)) - 1),
        math.ceil(length * (2 - threshold) / threshold) + 1,
    )


def _pieces(name_key: str, longest_other: int, threshold: float) -> list[str]:
    """Pieces of the name, one of which any name similar enough contains unchanged.

    A ratio of at least t leaves at most U = (1 - t)(la + lb) characters unmatched, and the
    matching blocks are a common subsequence, so turning one name into the other takes at most U
    single-character insertions or deletions. Each touches at most one piece: cut into U + 1
    pieces, at least one survives whole in the other name. An empty list means "no filter".
    """
    allowed = math.floor((1 - threshold) * (len(name_key) + longest_other))
    count = allowed + 1
    if count >= len(name_key):
        return []
    size, extra = divmod(len(name_key), count)
    pieces, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        pieces.append(name_key[start:end])
        start = end
    return pieces


@dataclass(frozen=True)
class Candidate:
    """One enterprise, saved or about to be: what duplicate detection compares."""

    key: str  # the enterprise's code, or the row number of an import
    name: str
    registry_number: str = ""
    nuts2: str = ""

    @property
    def name_key(self) -> str:
        return normalise_name(self.name)

    @property
    def number_key(self) -> str:
        return normalise_registry_number(self.registry_number)


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    reason: str  # "registry_number" or "name"
    score: float


class Index:
    """Enterprises to compare against, normalised once; `matches` for each newcomer.

    Comparing names pair by pair is the slow part, so filters that never leave out a true
    match come first: the lengths must allow the threshold (names are kept by length), a piece
    of the name must appear unchanged in the other (`_pieces`), and SequenceMatcher's own upper
    bounds must reach it; only the names left get the full ratio.
    """

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self._by_number: dict[str, list[Candidate]] = {}
        # NUTS 2 region -> length of the normalised name -> (name key, candidate)
        self._by_region: dict[str, dict[int, list[tuple[str, Candidate]]]] = {}
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        if candidate.number_key:
            self._by_number.setdefault(candidate.number_key, []).append(candidate)
        name_key = candidate.name_key
        lengths = self._by_region.setdefault(candidate.nuts2, {})
        lengths.setdefault(len(name_key), []).append((name_key, candidate))

    def matches(self, new: Candidate, threshold: float = THRESHOLD) -> list[Match]:
        """Likely duplicates of `new`, best first: registry number matches, then by name."""
        found: dict[str, Match] = {}
        if new.number_key:
            for other in self._by_number.get(new.number_key, []):
                if other.key != new.key:
                    found[other.key] = Match(other, "registry_number", 1.0)
        for other, score in self._similar_names(new, threshold):
            if other.key not in found:
                found[other.key] = Match(other, "name", score)
        return sorted(found.values(), key=_best_first)

    def _similar_names(self, new: Candidate, threshold: float) -> Iterator[tuple[Candidate, float]]:
        name_key = new.name_key
        lengths = self._by_region.get(new.nuts2, {}) if new.nuts2 and name_key else {}
        shortest, longest = _length_range(len(name_key), threshold)
        pieces = _pieces(name_key, longest, threshold)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(name_key)  # analysed once; its upper bounds are symmetric
        for length in range(shortest, longest + 1):
            for other_key, other in lengths.get(length, ()):
                if other.key == new.key:
                    continue
                if pieces:
                    for piece in pieces:
                        if piece in other_key:
                            break
                    else:
                        continue  # no piece of the name is in the other: too different
                matcher.set_seq1(other_key)
                if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                    continue
                score = similarity(name_key, other_key)
                if score >= threshold:
                    yield other, score


def _best_first(match: Match) -> tuple[bool, float, str, str]:
    return (
        match.reason != "registry_number",
        -match.score,
        match.candidate.name,
        match.candidate.key,
    )


def find_duplicates(
    new: Candidate, existing: Iterable[Candidate], threshold: float = THRESHOLD
) -> list[Match]:
    """Likely duplicates of `new` among `existing`, best first."""
    return Index(existing).matches(new, threshold)
