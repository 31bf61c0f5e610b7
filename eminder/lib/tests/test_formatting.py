"""The number, percent and points filters: rounding, decimal marks and signs per language."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import pgettext
from hypothesis import given
from hypothesis import strategies as st

from eminder.lib.formatting import format_number, format_percent, format_points

SPACES = str.maketrans({"\xa0": " ", "\u202f": " "})


def in_language(language: str, function, *args) -> str:
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize(
    ("language", "mark"), [("en", "."), ("es", ","), ("gl", ","), ("el", ","), ("pl", ",")]
)
def test_percent_uses_the_languages_decimal_mark(language, mark):
    text = in_language(language, format_percent, 14.7)

    assert text.startswith(f"14{mark}7")
    assert text.endswith("%")
    assert text.count("%") == 1


def test_english_percent_is_written_close():
    assert in_language("en", format_percent, 14.7) == "14.7%"


def test_spanish_percent_has_a_space_before_the_sign_once_translated():
    with translation.override("es"):
        translated = pgettext("percentage", "%(value)s%%") != "%(value)s%%"
        text = format_percent(14.7)

    # The catalogue may still be in translation; its absence must not fail the build.
    assert text.translate(SPACES) == ("14,7 %" if translated else "14,7%")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.96, 1, "3.0"),
        (2.95, 1, "3.0"),
        (2.94, 1, "2.9"),
        (0.05, 1, "0.1"),
        (-0.04, 1, "0.0"),
        (-0.06, 1, "-0.1"),
        (1234567.25, 1, "1,234,567.3"),
        (7, 0, "7"),
        (Decimal("0.125"), 2, "0.13"),
    ],
)
def test_number_rounds_half_up(value, decimals, expected):
    assert in_language("en", format_number, value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.46, "+3.5 pp"), (-3.46, "−3.5 pp"), (0, "±0.0 pp"), (0.04, "±0.0 pp"), (-0.04, "±0.0 pp")],
)
def test_points_are_always_signed(value, expected):
    assert in_language("en", format_points, value) == expected


@pytest.mark.parametrize("function", [format_number, format_percent, format_points])
def test_missing_value_is_a_dash(function):
    assert function(None) == "–"


def test_filters_work_in_every_template():
    template = Template("{{ share|percent }} {{ change|points:2 }} {{ count|number:0 }}")

    with translation.override("en"):
        text = template.render(Context({"share": 14.7, "change": -1.234, "count": 1500}))

    assert text == "14.7% −1.23 pp 1,500"


values = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4)


@given(values, st.integers(min_value=0, max_value=3))
def test_number_reads_back_as_the_rounded_value(value, decimals):
    expected = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)

    english = in_language("en", format_number, value, decimals)
    spanish = in_language("es", format_number, value, decimals)

    assert Decimal(english.replace(",", "")) == expected
    assert Decimal(spanish.translate(SPACES).replace(" ", "").replace(",", ".")) == expected
    assert english.count(".") == (1 if decimals else 0)
    assert english.startswith("-") is (expected < 0)


@given(values)
def test_points_sign_matches_the_shown_number(value):
    text = in_language("en", format_points, value)
    number = Decimal(text[1:].removesuffix(" pp").replace(",", ""))

    assert text[0] == ("±" if number == 0 else ("+" if value > 0 else "−"))
