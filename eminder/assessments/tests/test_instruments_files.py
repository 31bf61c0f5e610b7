"""The shipped instrument files: each loads, carries every text in five languages, and stays put.

A broken in-memory copy of a real file shows what the loader refuses. The fingerprints pin the
scoring content of each shipped version: a change that can move a score needs a new version.
"""

import copy
import json
import re

import pytest
from django.conf import settings

from eminder.assessments.instruments import (
    LANGUAGES,
    AnswerError,
    InstrumentError,
    available_instruments,
    instrument_from_json,
    load_instrument,
)
from eminder.assessments.instruments.loader import DATA_DIR, instrument_from_data
from eminder.assessments.instruments.model import TEXT_KEYS

SHIPPED = {
    ("dma_sme", 1),
    ("ecommerce", 1),
    ("dii_2022", 1),
    ("dii_2023", 1),
    ("dii_2024", 1),
    ("dii_2025", 1),
}
# sha256 of the scoring content (texts left out) of every shipped version. Never edit an entry:
# a change to what scores means a new file with a new version.
FINGERPRINTS = {
    ("dma_sme", 1): "5b506929e714",
    ("ecommerce", 1): "54d0cc280f12",
    ("dii_2022", 1): "f607c0a84990",
    ("dii_2023", 1): "c35216d9a6f0",
    ("dii_2024", 1): "ff324569e106",
    ("dii_2025", 1): "cc48581e9a99",
}


def raw(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def texts_in(data: object, place: str = "") -> list[tuple[str, dict]]:
    """Every five-language text of a file, with its place."""
    found = []
    if isinstance(data, dict):
        if set(data) == set(LANGUAGES):
            return [(place, data)]
        for key, value in data.items():
            found += texts_in(value, f"{place}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += texts_in(item, f"{place}[{index}]")
    return found


def test_every_shipped_version_loads():
    assert {(i.id, i.version) for i in available_instruments()} == SHIPPED


def test_unconfirmed_versions_are_the_2024_and_2025_dii():
    unconfirmed = {i.id for i in available_instruments() if not i.confirmed}

    assert unconfirmed == {"dii_2024", "dii_2025"}
    assert {i.id for i in available_instruments(include_unconfirmed=False)} == {
        "dma_sme",
        "ecommerce",
        "dii_2022",
        "dii_2023",
    }


def test_files_are_named_after_id_and_version():
    names = {path.name for path in DATA_DIR.glob("*.json")}

    assert names == {f"{i}_v{v}.json" for i, v in SHIPPED}


@pytest.mark.parametrize(("instrument_id", "version"), sorted(SHIPPED))
def test_scoring_content_of_a_shipped_version_never_changes(instrument_id, version):
    instrument = load_instrument(instrument_id, version)

    assert instrument.fingerprint.startswith(FINGERPRINTS[(instrument_id, version)])


def test_fingerprint_ignores_texts_but_not_points():
    data = raw("dma_sme_v1.json")
    original = instrument_from_data(data, source="copy").fingerprint
    reworded = copy.deepcopy(data)
    reworded["sections"][0]["questions"][1]["text"]["en"] = "Reworded, same meaning?"
    repointed = copy.deepcopy(data)
    repointed["sections"][0]["questions"][0]["options"][1]["points"] = 0.25

    assert instrument_from_data(reworded, source="copy").fingerprint == original
    assert instrument_from_data(repointed, source="copy").fingerprint != original


def test_the_platform_languages_are_the_instrument_languages():
    assert {code for code, _name in settings.LANGUAGES} == set(LANGUAGES)


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.json")), ids=lambda path: path.name)
def test_every_text_is_given_in_all_five_languages(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = texts_in(data)

    assert texts
    for place, text in texts:
        assert all(text[language].strip() for language in LANGUAGES), place
    # Every respondent-facing key holds a five-language text, never a bare string.
    bare = re.findall(r'"(title|label|text|help|note|advice)": "', path.read_text())
    assert not bare


@pytest.mark.parametrize(
    "place",
    [
        ("title",),
        ("status", "note"),
        ("levels", 2, "label"),
        ("sections", 3, "label"),
        ("sections", 3, "advice"),
        ("sections", 1, "questions", 1, "text"),
        ("sections", 1, "questions", 1, "help"),
        ("sections", 1, "questions", 1, "options", 0, "label"),
        ("sections", 5, "questions", 1, "rows", 4, "label"),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_translation_is_refused(place, language):
    data = copy.deepcopy(raw("dma_sme_v1.json"))
    text = data
    for key in place:
        text = text[key]
    del text[language]

    with pytest.raises(InstrumentError, match=rf"{re.escape(place[-1])}.*{language}"):
        instrument_from_data(data, source="broken copy")


def test_an_empty_translation_is_refused():
    data = copy.deepcopy(raw("dii_2023_v1.json"))
    data["sections"][0]["questions"][4]["text"]["pl"] = "  "

    with pytest.raises(InstrumentError, match=r"questions\[4\]\.text\.pl"):
        instrument_from_data(data, source="broken copy")


def broken(name: str, change) -> dict:
    data = copy.deepcopy(raw(name))
    change(data)
    return data


def q(data: dict, section: int, question: int) -> dict:
    return data["sections"][section]["questions"][question]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: q(d, 1, 0)["options"].append(q(d, 1, 0)["options"][0]), "repeated id"),
        (lambda d: q(d, 1, 0).update(requried=False), "unknown key"),
        (lambda d: q(d, 1, 0)["options"][2].pop("points"), "every option or to none"),
        (lambda d: q(d, 1, 1)["options"].reverse(), "increasing points"),
        (lambda d: q(d, 1, 0)["options"][2].update(points=-1), "0 or more"),
        (lambda d: q(d, 3, 0)["options"][1].update(points=1), "negative option scores 0"),
        (lambda d: q(d, 1, 0).update(type="ranking"), "must be one of"),
        (lambda d: q(d, 1, 0).update(rows=[]), "non-empty list"),
        (lambda d: q(d, 2, 0).update(id="q5 "), "must be an id"),
        (lambda d: d["sections"][2]["questions"].append(q(d, 1, 0)), "repeated id"),
        (lambda d: d["sections"][4].pop("advice"), "has no advice"),
        (lambda d: d["settings"]["d1_variant"].update(default="D"), "not a valid value"),
        (lambda d: d["settings"]["level_bounds"].update(default=[50, 25, 75]), "valid value"),
        (lambda d: d["settings"].pop("rounding"), "no setting rounding"),
        (
            lambda d: (d["settings"].pop("rounding"), d["assumptions"].pop(3)),
            "missing setting rounding",
        ),
        (lambda d: d.update(schema=2), "must be 1"),
        (lambda d: d.update(version=0), "1 or more"),
    ],
)
def test_a_broken_dma_file_is_refused(change, message):
    with pytest.raises(InstrumentError, match=message):
        instrument_from_data(broken("dma_sme_v1.json", change), source="broken copy")


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("dii_2023_v1.json", lambda d: q(d, 0, 0).update(type="percentage"), "yes_no"),
        ("dii_2023_v1.json", lambda d: d["sections"][0]["questions"].pop(), "exactly 12"),
        ("dii_2023_v1.json", lambda d: d.update(dii_version=4), "alternation"),
        ("ecommerce_v1.json", lambda d: q(d, 2, 0).update(id="b2c"), "web_sales_b2c_share"),
        (
            "ecommerce_v1.json",
            lambda d: q(d, 1, 0).update(ask_if={"question": "web_sales_b2c_share", "equals": True}),
            "earlier question",
        ),
        (
            "ecommerce_v1.json",
            lambda d: q(d, 1, 0).update(ask_if={"question": "edi_sales", "equals": "yes"}),
            "cannot compare",
        ),
        (
            "ecommerce_v1.json",
            lambda d: d["sum_limits"][0].update(questions=["edi_sales"]),
            "number or percentage",
        ),
    ],
)
def test_other_broken_files_are_refused(name, change, message):
    with pytest.raises(InstrumentError, match=message):
        instrument_from_data(broken(name, change), source="broken copy")


def test_a_stored_copy_rebuilds_the_same_instrument():
    shipped = load_instrument("dma_sme", 1)
    rebuilt = instrument_from_json(shipped.content, source="database copy")

    assert rebuilt.fingerprint == shipped.fingerprint
    assert rebuilt.checksum == shipped.checksum
    assert list(rebuilt.questions) == list(shipped.questions)


def test_a_file_that_is_not_json_is_refused():
    with pytest.raises(InstrumentError, match="not valid JSON"):
        instrument_from_json("{", source="half a file")


def test_without_a_version_the_highest_is_loaded():
    assert load_instrument("dma_sme").version == 1


def test_an_unknown_instrument_or_version_is_an_answer_error():
    with pytest.raises(AnswerError) as unknown:
        load_instrument("dma_sme", 7)

    assert unknown.value.problems[0].code == "unknown_instrument"
    with pytest.raises(AnswerError):
        load_instrument("no_such_thing")


def test_dma_has_six_dimensions_and_eleven_questions_with_official_labels():
    dma = load_instrument("dma_sme", 1)

    assert [section.export_label for section in dma.sections] == [
        "Digital Business Strategy",
        "Digital Readiness",
        "Human-Centric Digitalisation",
        "Data Governance",
        "Automation & Artificial Intelligence",
        "Green Digitalisation",
    ]
    assert list(dma.questions) == [f"q{n}" for n in range(1, 12)]
    assert [len(section.questions) for section in dma.sections] == [2, 2, 2, 2, 1, 2]


def test_dma_item_counts_follow_the_methodology():
    questions = load_instrument("dma_sme", 1).questions
    counts = {
        qid: len(question.rows) if question.rows else len(question.options)
        for qid, question in questions.items()
    }

    assert counts == {
        "q1": 10,
        "q2": 10,
        "q3": 10,
        "q4": 7,
        "q5": 7,
        "q6": 8,
        "q7": 8,
        "q8": 6,
        "q9": 5,
        "q10": 10,
        "q11": 5,
    }
    assert "inbound_logistics" in questions["q1"].row_ids  # the S5 row list, see assumptions
    assert [o.points for o in questions["q11"].options] == [0, 0.5, 1]


def test_every_unconfirmed_dma_setting_is_documented_as_an_assumption():
    dma = load_instrument("dma_sme", 1)
    documented = {assumption.setting for assumption in dma.assumptions}

    assert {name for name, s in dma.settings.items() if not s.confirmed} <= documented
    assert dma.settings_values() == {
        "d1_variant": "A",
        "negative_option_rule": "exclusive_zero",
        "level_bounds": [25, 50, 75],
        "rounding": "none",
    }
    for setting in dma.settings.values():
        assert setting.doc
        assert set(setting.choice_docs) == set(setting.choices)


def test_text_keys_cover_every_text_in_the_files():
    for path in DATA_DIR.glob("*.json"):
        for place, _text in texts_in(json.loads(path.read_text(encoding="utf-8"))):
            assert place.rsplit(".", 1)[-1] in TEXT_KEYS, place
