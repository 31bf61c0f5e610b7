"""NACE Rev. 2 codes: what people type, read against Eurostat's code list."""

import pytest

from eminder.enterprises.nace import (
    is_activity,
    nace_label,
    normalise_nace,
    official_notation,
    sections,
)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("G4791", "G4791"),
        ("G47.91", "G4791"),
        ("47.91", "G4791"),
        ("4791", "G4791"),
        (" g 47.91 ", "G4791"),
        ("C10.1", "C101"),
        ("10.1", "C101"),
        ("C10", "C10"),
        ("10", "C10"),
        ("C", "C"),
        ("j62.01", "J6201"),
    ],
)
def test_accepted_forms(typed, code):
    assert normalise_nace(typed) == code


@pytest.mark.parametrize(
    "typed",
    ["", "  ", "X10", "C99", "G47.98", "B-E", "TOTAL", "ICT", "4", "G4791x", "99.99", "C1011.1"],
)
def test_refused(typed):
    assert normalise_nace(typed) is None


def test_a_division_of_another_section_is_refused():
    assert normalise_nace("A47.91") is None


def test_aggregates_of_the_code_list_are_not_activities():
    assert not is_activity("B-E")
    assert not is_activity("C10-C12")
    assert is_activity("C1011")


def test_labels_and_notation():
    assert official_notation("G4791") == "G47.91"
    assert official_notation("C101") == "C10.1"
    assert official_notation("C10") == "C10"
    assert nace_label("G4791") == "Retail sale via mail order houses or via Internet"
    assert nace_label("G4791", "pl") == nace_label("G4791")  # no Polish label: English
    assert nace_label("C10", "de") == "Herstellung von Nahrungs- und Futtermitteln"


def test_twenty_one_sections():
    codes = [code for code, _label in sections()]
    assert codes == list("ABCDEFGHIJKLMNOPQRSTU")
    assert dict(sections())["G"].startswith("Wholesale and retail trade")
