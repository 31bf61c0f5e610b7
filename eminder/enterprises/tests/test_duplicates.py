"""Duplicate detection: name normalisation, the similarity, and which enterprises match."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eminder.enterprises.duplicates import (
    LEGAL_FORMS,
    THRESHOLD,
    Candidate,
    Index,
    find_duplicates,
    normalise_name,
    normalise_registry_number,
    similarity,
)

# Letters of the network's languages, upper and lower case, digits and punctuation.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "áéíóúñüçÁÉÍÓÚÑÜÇàèìòùâêîôû"
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
    "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊϋΐΰΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ"
    " .,-&'()/"
)
names = st.text(alphabet=ALPHABET, max_size=60)
LEGAL_WORDS = {normalise_name(form).replace(" ", "") for form in LEGAL_FORMS} | {
    word for form in LEGAL_FORMS for word in normalise_name(form).split()
}
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéłśπρ", min_size=3, max_size=12).filter(
    lambda word: normalise_name(word) not in LEGAL_WORDS
)
plain_names = st.lists(words, min_size=1, max_size=5).map(" ".join)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Conservas Rías S.L.", "conservas rias"),
        ("CONSERVAS RIAS, SL", "conservas rias"),
        ("Conservas Rías S. L. U.", "conservas rias"),
        ("Conservas Rías Sociedad Limitada", "conservas rias"),
        ("Bursztyn Bałtycki Sp. z o.o.", "bursztyn baltycki"),
        ("BURSZTYN BAŁTYCKI SPÓŁKA Z O.O.", "bursztyn baltycki"),
        ("Bursztyn Bałtycki sp.z o.o.", "bursztyn baltycki"),
        ("Χαλλούμι Κύπρου ΕΠΕ", "χαλλουμι κυπρου"),
        ("ΧΑΛΛΟΥΜΙ ΚΥΠΡΟΥ Ε.Π.Ε.", "χαλλουμι κυπρου"),
        ("Halloumi Heritage Ltd.", "halloumi heritage"),
        ("Halloumi Heritage Limited", "halloumi heritage"),
        ("Viños S.Coop. Galega", "vinos"),
        ("Foo S.A. S.L.", "foo"),  # stacked forms all go
        ("S.L.", "s l"),  # a name made only of a legal form keeps it
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalise_name(name, key):
    assert normalise_name(name) == key


def test_legal_form_only_at_the_end():
    assert normalise_name("SA Nostrum Foods") == "sa nostrum foods"


@pytest.mark.parametrize(
    ("number", "key"),
    [("B-1234 5678", "B12345678"), ("es b.12345678", "ESB12345678"), (" ", ""), ("", "")],
)
def test_normalise_registry_number(number, key):
    assert normalise_registry_number(number) == key


@given(names)
def test_normalising_twice_changes_nothing(name):
    assert normalise_name(normalise_name(name)) == normalise_name(name)


@given(names)
def test_case_does_not_matter(name):
    assert normalise_name(name.upper()) == normalise_name(name.lower()) == normalise_name(name)


@given(plain_names, st.sampled_from(LEGAL_FORMS), st.sampled_from(["", " ", ", "]))
def test_a_legal_form_does_not_matter(name, form, separator):
    assert normalise_name(f"{name}{separator} {form}") == normalise_name(name)


@given(names)
def test_normalised_names_hold_only_lower_case_letters_digits_and_single_spaces(name):
    key = normalise_name(name)
    assert key == key.strip()
    assert "  " not in key
    assert all(char.isalnum() or char == " " for char in key)
    assert key == key.lower()


@given(names, names)
def test_similarity_is_symmetric_and_between_0_and_1(first, second):
    assert similarity(first, second) == similarity(second, first)
    assert 0 <= similarity(first, second) <= 1


@given(names)
def test_a_name_is_fully_similar_to_itself(name):
    assert similarity(name, name) == 1


def test_similarity_is_sequence_matchers_ratio():
    # 2 * 13 matching characters / (14 + 13) characters
    assert similarity("conservas rias", "conservas ria") == pytest.approx(26 / 27)


def candidate(key, name, number="", nuts2="ES11"):
    return Candidate(key=key, name=name, registry_number=number, nuts2=nuts2)


def test_same_registry_number_anywhere_is_a_duplicate():
    matches = find_duplicates(
        candidate("new", "Something Else", "B-15000001", "PL63"),
        [candidate("a", "Conservas Rías S.L.", "b15000001")],
    )
    assert [(m.candidate.key, m.reason, m.score) for m in matches] == [
        ("a", "registry_number", 1.0)
    ]


def test_similar_name_in_the_same_nuts2_region_is_a_duplicate():
    existing = [
        candidate("a", "Conservas Rías S.L."),
        candidate("b", "Conservas Ría S.A."),
        candidate("c", "Conservas Rías S.L.", nuts2="ES12"),
        candidate("d", "Panadería Rías"),
    ]
    matches = find_duplicates(candidate("new", "CONSERVAS RIAS SL"), existing)
    assert [(m.candidate.key, m.reason) for m in matches] == [("a", "name"), ("b", "name")]
    assert matches[0].score == 1
    assert THRESHOLD <= matches[1].score < 1


def test_below_the_threshold_is_not_a_duplicate():
    # "conservas do mar" / "conservas do sur": 2 * 14 / 32 = 0.875
    assert similarity("conservas do mar", "conservas do sur") < THRESHOLD
    assert (
        find_duplicates(candidate("new", "Conservas do Mar"), [candidate("a", "Conservas do Sur")])
        == []
    )


def test_registry_matches_come_first_and_nothing_twice():
    existing = [candidate("a", "Conservas Rías", "B1"), candidate("b", "Conservas Rías S.A.")]
    matches = find_duplicates(candidate("new", "Conservas Rías", "B1"), existing)
    assert [(m.candidate.key, m.reason) for m in matches] == [
        ("a", "registry_number"),
        ("b", "name"),
    ]


def test_a_candidate_never_matches_itself():
    index = Index([candidate("a", "Conservas Rías", "B1")])
    assert index.matches(candidate("a", "Conservas Rías", "B1")) == []


def test_without_a_region_only_the_registry_number_counts():
    assert (
        find_duplicates(
            candidate("new", "Conservas", nuts2=""), [candidate("a", "Conservas", nuts2="")]
        )
        == []
    )


@given(names, names)
def test_the_index_agrees_with_the_similarity(first, second):
    matches = find_duplicates(candidate("new", first), [candidate("a", second)])
    keys = normalise_name(first), normalise_name(second)
    # A name with no letter or digit left (punctuation only) is never anyone's duplicate.
    expected = all(keys) and similarity(*keys) >= THRESHOLD
    assert bool(matches) == expected


@st.composite
def edited(draw):
    """A name and a copy with a few characters inserted, deleted or replaced: near the
    threshold, where the index's shortcuts could go wrong."""
    name = draw(st.text(alphabet="abcdeflmnoprstuáł ", min_size=1, max_size=40))
    copy = list(name)
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(copy)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        letter = draw(st.sampled_from("aeiouxyz"))
        if action == "insert":
            copy.insert(position, letter)
        elif copy and position < len(copy):
            if action == "delete":
                del copy[position]
            else:
                copy[position] = letter
    return name, "".join(copy)


@settings(max_examples=500)
@given(edited())
def test_the_index_never_misses_a_near_duplicate(pair):
    first, second = pair
    matches = find_duplicates(candidate("new", first), [candidate("a", second)])
    keys = normalise_name(first), normalise_name(second)
    assert bool(matches) == (all(keys) and similarity(*keys) >= THRESHOLD)
