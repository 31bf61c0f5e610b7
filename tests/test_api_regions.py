"""The public list of NUTS regions: filters, pagination and a fixed number of queries."""

import pytest

from eminder.regions.models import Region


def add(code: str, level: int, *, version: int = 2021, successor: Region | None = None) -> Region:
    return Region.objects.create(
        code=code,
        nuts_version=version,
        level=level,
        country_code=code[:2],
        name=f"Region {code}",
        successor=successor,
    )


@pytest.fixture
def regions(db):
    """Greece and Spain at every level, and a 2016 Greek code replaced in 2021."""
    for code in ("EL", "EL3", "EL30", "EL301", "ES", "ES1", "ES11", "ES111"):
        add(code, len(code) - 2)
    add("EL21", 2, version=2016, successor=Region.objects.get(code="EL30"))


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_anyone_lists_the_current_regions_in_code_order(client, regions):
    response = client.get("/api/v1/regions/")
    assert codes(response) == ["EL", "EL3", "EL30", "EL301", "ES", "ES1", "ES11", "ES111"]
    assert response.json()["count"] == 8
    assert response.json()["items"][2] == {
        "code": "EL30",
        "nuts_version": 2021,
        "level": 2,
        "country_code": "EL",
        "name": "Region EL30",
        "name_latin": "",
        "successor": None,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=2", ["EL30", "ES11"]),
        ("level=0", ["EL", "ES"]),
        ("country=ES", ["ES", "ES1", "ES11", "ES111"]),
        ("country=es&level=3", ["ES111"]),
        ("code=el3", ["EL3", "EL30", "EL301"]),
        ("code=EL30&level=3", ["EL301"]),
        ("nuts_version=2016", ["EL21"]),
        ("nuts_version=2013", []),
        ("country=PT", []),
    ],
)
def test_filters(client, regions, query, expected):
    assert codes(client.get(f"/api/v1/regions/?{query}")) == expected


def test_older_code_names_its_2021_successor(client, regions):
    response = client.get("/api/v1/regions/?nuts_version=2016")
    assert response.json()["items"][0]["successor"] == "EL30"


def test_default_page_is_100_regions(client, db):
    Region.objects.bulk_create(
        Region(code=f"PT{number:03}", nuts_version=2021, level=3, country_code="PT")
        for number in range(101)
    )
    response = client.get("/api/v1/regions/")
    assert len(response.json()["items"]) == 100
    assert response.json()["count"] == 101


def test_limit_and_offset_choose_the_page(client, regions):
    response = client.get("/api/v1/regions/?limit=2&offset=3")
    assert codes(response) == ["EL301", "ES"]
    assert response.json()["count"] == 8


def test_count_follows_the_filters_not_the_page(client, regions):
    response = client.get("/api/v1/regions/?country=EL&limit=1")
    assert codes(response) == ["EL"]
    assert response.json()["count"] == 4


def test_limit_above_the_maximum_is_a_400(client, regions):
    assert client.get("/api/v1/regions/?limit=1000").status_code == 200
    response = client.get("/api/v1/regions/?limit=1001")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "location": ["query", "limit"],
            "reason": "Ensure this value is less than or equal to 1000.",
        }
    ]


def test_list_takes_two_queries_however_many_successors(client, db, django_assert_num_queries):
    successors = [add(f"FR{number}", 1) for number in range(20)]
    for number, successor in enumerate(successors):
        add(f"FX{number}", 1, version=2016, successor=successor)
    # The count, then the page with each successor joined in.
    with django_assert_num_queries(2):
        response = client.get("/api/v1/regions/?nuts_version=2016")
    assert len(response.json()["items"]) == 20


def test_logged_in_list_adds_only_the_session_queries(client_for, django_assert_num_queries):
    client = client_for("manager")
    # Session and user (for the language), then the count and the page.
    with django_assert_num_queries(4):
        client.get("/api/v1/regions/")
