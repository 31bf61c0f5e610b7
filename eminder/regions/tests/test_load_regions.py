"""load_regions: the shipped NUTS code lists into the database, safe to run again."""

import pytest

from eminder.regions.models import Region
from eminder.regions.services import load_regions


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """The real code lists, loaded once for the module; each test's changes are rolled back."""
    with django_db_blocker.unblock():
        count = load_regions()
    yield count
    with django_db_blocker.unblock():
        Region.objects.all().delete()


@pytest.fixture
def loaded(loaded_once, db):
    return loaded_once


def test_running_twice_keeps_one_row_per_code_and_version(loaded):
    first = set(Region.objects.values_list("id", "code", "nuts_version", "successor__code"))

    again = load_regions()

    assert again == loaded == len(first)
    assert set(Region.objects.values_list("id", "code", "nuts_version", "successor__code")) == first


def test_reloading_repairs_edited_rows(loaded):
    Region.objects.filter(code="ES11", nuts_version=2021).update(name="Edited", successor=None)

    load_regions()

    region = Region.objects.get(code="ES11", nuts_version=2021)
    assert (region.name, region.successor) == ("Galicia", region)


@pytest.mark.parametrize(
    ("code", "name", "latin"),
    [("CY00", "Κύπρος", "Kýpros"), ("ES11", "Galicia", ""), ("PL63", "Pomorskie", "")],
)
def test_demo_regions_are_there_for_2021(loaded, code, name, latin):
    region = Region.objects.current().get(code=code)

    assert (region.level, region.country_code, region.name, region.name_latin) == (
        2,
        code[:2],
        name,
        latin,
    )
    assert region.successor == region


def test_old_greek_code_maps_to_its_2021_code(loaded):
    attiki = Region.objects.get(code="GR30", nuts_version=2006)

    assert attiki.successor.code == "EL30"
    assert attiki.successor.nuts_version == 2021
    assert attiki.successor.display_name == "Aττική (Attiki)"
    assert set(attiki.successor.predecessors.values_list("code", "nuts_version")) >= {
        ("GR30", 2003),
        ("GR30", 2006),
        ("EL30", 2010),
        ("EL30", 2021),
    }


def test_a_code_continued_unchanged_keeps_its_successor(loaded):
    assert Region.objects.get(code="ITC", nuts_version=2003).successor.code == "ITC"
    assert Region.objects.get(code="SE", nuts_version=1999).successor.code == "SE"


def test_a_code_split_up_has_no_successor(loaded):
    assert Region.objects.get(code="UKH13", nuts_version=2010).successor is None
    assert Region.objects.get(code="EL300", nuts_version=2010).successor is None


def test_every_successor_is_a_2021_region(loaded):
    assert not Region.objects.exclude(successor=None).exclude(successor__nuts_version=2021).exists()
    assert Region.objects.current().filter(successor=None).count() == 0


def test_counts_per_version_and_level(loaded):
    assert Region.objects.current().filter(level=0).count() == 37
    assert Region.objects.current().filter(level=2).count() == 371
    assert Region.objects.filter(nuts_version=1999, level=0).count() >= 15


def test_progress_is_reported_up_to_the_end(loaded):
    calls = []

    load_regions(progress=lambda done, steps: calls.append((done, steps)))

    done, steps = zip(*calls, strict=True)
    assert set(steps) == {steps[-1]}
    assert done[-1] == steps[-1]
    assert list(done) == sorted(done)
