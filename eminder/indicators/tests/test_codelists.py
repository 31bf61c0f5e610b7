"""Eurostat code lists: labels of codes, and codes of labels."""

from pathlib import Path

import pytest

from eminder.indicators.codelists import CodeLists

MESSAGE = """<?xml version='1.0' encoding='UTF-8'?>
<m:Structure xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message"
 xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure"
 xmlns:c="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common"><m:Structures><s:Codelists>
<s:Codelist agencyID="ESTAT" id="SEX" version="{version}">
<c:Name xml:lang="en">Sex</c:Name>
<s:Code id="F"><c:Annotations><c:Annotation><c:AnnotationText xml:lang="en">Standard code
</c:AnnotationText></c:Annotation></c:Annotations>
<c:Name xml:lang="en">{female}</c:Name><c:Name xml:lang="de">Weiblich</c:Name></s:Code>
<s:Code id="M"><c:Name xml:lang="en">Males</c:Name></s:Code>
</s:Codelist></s:Codelists></m:Structures></m:Structure>
"""


def write_list(directory: Path, version: str, female: str) -> None:
    path = directory / f"ESTAT_SEX_{version}.xml"
    path.write_text(MESSAGE.format(version=version, female=female), encoding="utf-8")


def test_shipped_lists_cover_every_dimension_we_import():
    lists = CodeLists.default()
    assert lists.dimensions == [
        "freq",
        "geo",
        "ind_type",
        "indic_is",
        "nace_r2",
        "size_emp",
        "unit",
    ]
    assert CodeLists.default() is lists  # parsed once per process


def test_codes_stay_and_english_labels_become_codes():
    lists = CodeLists.default()
    assert lists.code_for("geo", "DE") == "DE"
    assert lists.code_for("geo", "Germany") == "DE"
    assert lists.code_for("geo", "  Germany ") == "DE"
    assert lists.code_for("geo", "Deutschland") is None  # only English labels map
    assert lists.code_for("geo", "germany") is None  # exports match exactly
    assert lists.code_for("size_emp", "From 1 to 9 persons employed") == "1-9"
    assert lists.code_for("indic_is", "Enterprises with e-commerce sales") == "E_AESELL"
    assert (
        lists.code_for("indic_is", "Enterprises with e-commerce sales of at least 1% turnover")
        == "E_ESELL"
    )
    assert lists.code_for("unit", "Percentage of enterprises") == "PC_ENT"
    assert lists.code_for("freq", "Annual") == "A"
    assert lists.code_for("ind_type", "All individuals") == "IND_TOTAL"
    assert lists.code_for("sex", "Females") is None  # no such list
    assert lists.code_for("geo", "Atlantis") is None


def test_a_shared_label_means_the_shortest_code():
    lists = CodeLists.default()
    assert lists.code_for("geo", "Ireland") == "IE"  # not the NUTS 1 region IE0
    assert lists.code_for("geo", "Luxembourg") == "LU"
    assert lists.codes_for_label("geo", "Ireland") == ("IE", "IE0")
    assert lists.code_for("nace_r2", "Logging") == "A022"


def test_a_label_shared_by_codes_of_equal_length_is_ambiguous():
    lists = CodeLists.default()
    assert lists.code_for("geo", "Jura") is None
    assert lists.codes_for_label("geo", "Jura") == ("FRC22", "CH025")
    assert lists.codes_for_label("geo", "Germany") == ()


def test_former_euro_area_labels_still_map():
    lists = CodeLists.default()
    old = (
        "Euro area (EA11-1999, EA12-2001, EA13-2007, EA15-2008, EA16-2009, EA17-2011, "
        "EA18-2014, EA19-2015, EA20-2023)"
    )
    assert lists.code_for("geo", old) == "EA"
    assert lists.label("geo", "EA").endswith("EA20-2023, EA21-2026)")


def test_labels_in_each_language_fall_back_to_english():
    lists = CodeLists.default()
    assert lists.label("geo", "DE") == "Germany"
    assert lists.label("geo", "DE", "de") == "Deutschland"
    assert lists.label("geo", "DE", "fr") == "Allemagne"
    assert lists.label("geo", "DE", "pl") == "Germany"
    assert lists.label("geo", "XX") is None
    assert lists.label("sex", "F") is None


def test_iter_labels_yields_every_code_once():
    rows = list(CodeLists.default().iter_labels())
    assert len(rows) == 8135
    assert len({(dimension, code) for dimension, code, _labels in rows}) == 8135
    assert ("freq", "A", {"en": "Annual", "de": "Jährlich", "fr": "Annuel"}) in rows


def test_the_higher_version_of_a_list_wins(tmp_path):
    write_list(tmp_path, "2.10", "Women")
    write_list(tmp_path, "2.9", "Females")
    lists = CodeLists.load(tmp_path)
    assert lists.dimensions == ["sex"]
    assert lists.code_for("sex", "Women") == "F"
    assert lists.code_for("sex", "Females") is None
    assert lists.label("sex", "F", "de") == "Weiblich"  # annotations are not labels
    assert list(lists.iter_labels()) == [
        ("sex", "F", {"en": "Women", "de": "Weiblich"}),
        ("sex", "M", {"en": "Males"}),
    ]


def test_a_directory_without_code_lists_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError):
        CodeLists.load(tmp_path)
