"""The statistics API: Eurostat's figures exactly as shipped, filters that refuse what they do
not know with a 400 and its reason, pages whose cost does not grow with their length.

The shipped reference files are imported once for the module with the import service, so the
figures checked are the real published ones (e-commerce sales, isoc_ec_esels, E_ESELL).
"""

import csv
import io
from pathlib import Path

import pytest

from eminder.audits.models import AuditEntry
from eminder.indicators.models import Dataset, ImportRun
from eminder.indicators.services import REFERENCE_DIR, import_statistics

ESELS_FILE = REFERENCE_DIR / "isoc_ec_esels_E_ESELL_2010_2024.csv"
DESI_FILE = REFERENCE_DIR / "DESI_2015_2020.csv.gz"
URL = "/api/v1/statistics/observations"
ESELL = {"dataset": "isoc_ec_esels", "indic_is": "E_ESELL", "size_emp": "GE10"}
ESELL_DIMENSIONS = {
    "freq": "A",
    "indic_is": "E_ESELL",
    "unit": "PC_ENT",
    "nace_r2": "C10-S951_X_K",
    "size_emp": "GE10",
}


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """The e-commerce sales and DESI files, imported once; removed again after the module."""
    with django_db_blocker.unblock():
        runs = [import_statistics(path=path) for path in (ESELS_FILE, DESI_FILE)]
        yield runs
        Dataset.objects.filter(pk__in=[run.dataset_id for run in runs]).delete()
        AuditEntry.objects.filter(action="statistics.import").delete()
        assert not ImportRun.objects.exists()


@pytest.fixture
def api(client, db, reference):
    """GET the observations with these parameters; the JSON answer."""

    def get(params: dict, status: int = 200) -> dict:
        response = client.get(URL, params)
        assert response.status_code == status, response.content
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return response.json()

    return get


def published(path: Path, **where: str) -> dict[tuple[str, str], tuple[float | None, str]]:
    """(geo, year) -> (value, flag) of the tidy CSV's rows matching `where`, read with csv."""
    with path.open(encoding="utf-8") as file:
        return {
            (row["geo"], row["year"]): (float(row["value"]) if row["value"] else None, row["flag"])
            for row in csv.DictReader(file)
            if all(row[name] == code for name, code in where.items())
        }


def test_poland_2024_is_the_published_figure(api):
    answer = api({**ESELL, "geo": "PL", "time": "2024"})

    assert answer == {
        "items": [
            {
                "dataset": "isoc_ec_esels",
                "dimensions": ESELL_DIMENSIONS,
                "geo": "PL",
                "time": "2024",
                "value": 14.71,
                "flags": "",
                "confidentiality": "",
            }
        ],
        "count": 1,
    }


def test_eu_2024_is_the_published_figure(api):
    (item,) = api({**ESELL, "geo": "EU27_2020", "time": "2024"})["items"]
    assert (item["value"], item["flags"]) == (20.75, "")


def test_every_figure_and_flag_equals_the_file(api):
    answer = api({**ESELL, "limit": 1000})

    expected = published(ESELS_FILE, indic_is="E_ESELL", size_emp="GE10")
    assert answer["count"] == len(expected) == 511
    found = {(i["geo"], i["time"]): (i["value"], i["flags"]) for i in answer["items"]}
    assert found == expected
    assert found[("FR", "2022")] == (13.25, "b")  # a break in series
    assert found[("FR", "2024")] == (None, "u")  # ':' with low reliability


def test_values_are_as_stored_and_the_dataset_says_how_to_scale_them(api, client):
    answer = api(
        {
            "dataset": "desi",
            "indicator": "desi_5a2_prefform",
            "unit_measure": "egov_score",
            "geo": "AT",
            "time": "2015",
        }
    )
    assert [item["value"] for item in answer["items"]] == [52.1429]
    datasets = {d["code"]: d for d in client.get("/api/v1/statistics/datasets").json()["items"]}
    assert datasets["desi"]["display_scale"] == 100.0
    assert datasets["desi"]["unit_display_scales"]["egov_score"] == 1.0
    assert datasets["isoc_ec_esels"]["display_scale"] == 1.0


@pytest.mark.parametrize(
    "geo_params",
    [{"geo": "PL,EU27_2020"}, {"geo": ["PL", "EU27_2020"]}, {"geo": " PL , EU27_2020,"}],
)
def test_several_codes_by_commas_or_repeated_parameters(api, geo_params):
    answer = api({**ESELL, **geo_params, "time": "2023,2024"})

    found = sorted((i["geo"], i["time"], i["value"]) for i in answer["items"])
    assert found == [
        ("EU27_2020", "2023", 19.71),
        ("EU27_2020", "2024", 20.75),
        ("PL", "2023", 14.83),
        ("PL", "2024", 14.71),
    ]


def test_pages_follow_each_other_without_overlap(api):
    whole = api({**ESELL, "limit": 1000})["items"]
    pages = [api({**ESELL, "limit": 200, "offset": offset}) for offset in (0, 200, 400)]

    assert [page["count"] for page in pages] == [511, 511, 511]
    assert [item for page in pages for item in page["items"]] == whole


def test_default_page_is_100_observations(api):
    answer = api({"dataset": "isoc_ec_esels"})
    assert len(answer["items"]) == 100
    assert answer["count"] == 2075


@pytest.mark.parametrize("limit", [1, 1000])
def test_queries_do_not_grow_with_the_page(client, reference, db, django_assert_num_queries, limit):
    # The dataset, the check of the codes asked for, the count and the page.
    with django_assert_num_queries(4):
        response = client.get(URL, {"dataset": "desi", "geo": "AT,PL,EU", "limit": limit})
    assert len(response.json()["items"]) == limit


def test_dimensions_and_their_codes_in_use(client, reference, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # dataset, a query per dimension, labels, periods
        response = client.get("/api/v1/statistics/datasets/isoc_ec_esels/dimensions")

    listed = {d["dimension"]: [c["code"] for c in d["codes"]] for d in response.json()}
    assert list(listed) == ["freq", "indic_is", "unit", "nace_r2", "size_emp", "geo", "time"]
    assert listed["size_emp"] == ["1-9", "10-49", "50-249", "GE10", "GE250"]
    assert {"PL", "EU27_2020"} <= set(listed["geo"])
    assert listed["time"] == [str(year) for year in range(2010, 2025)]


def test_datasets_are_listed_with_their_dimensions(client, reference, db):
    answer = client.get("/api/v1/statistics/datasets").json()

    assert answer["count"] == 2
    esels = answer["items"][1]
    assert esels["code"] == "isoc_ec_esels"
    assert esels["dimensions"] == ["freq", "indic_is", "unit", "nace_r2", "size_emp"]
    assert esels["last_update"] == "12/12/24 11:00:00"


# Refusals: always JSON with the reason, never a 500 and never a silently ignored filter.


def reasons(answer: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for error in answer["errors"]:
        found.setdefault(error["location"][-1], []).append(error["reason"])
    return found


def test_unknown_dimension_is_named_with_the_dataset_s_dimensions(api):
    answer = api({**ESELL, "indic_iss": "E_ESELL"}, status=400)

    assert reasons(answer) == {
        "indic_iss": [
            "isoc_ec_esels has no dimension indic_iss. "
            "Its dimensions: freq, indic_is, unit, nace_r2, size_emp, geo, time."
        ]
    }


@pytest.mark.parametrize(
    ("name", "code"),
    [("indic_is", "E_NOPE"), ("geo", "XX"), ("time", "1850"), ("size_emp", "ge10")],
)
def test_unknown_code_is_refused_with_its_reason(api, name, code):
    answer = api({**ESELL, name: code}, status=400)

    assert reasons(answer) == {
        name: [
            f"isoc_ec_esels has no figures for {name}={code}. The codes in use are listed at "
            "/api/v1/statistics/datasets/isoc_ec_esels/dimensions."
        ]
    }


def test_every_unknown_code_is_reported_at_once(api):
    answer = api({**ESELL, "geo": "PL,XX,YY", "time": "2024,1850"}, status=400)

    refused = {location: len(found) for location, found in reasons(answer).items()}
    assert refused == {"geo": 2, "time": 1}


def test_code_of_another_dataset_is_unknown_here(api):
    # desi's indicator code exists in the database, but not in isoc_ec_esels.
    answer = api({"dataset": "isoc_ec_esels", "geo": "EU"}, status=400)
    assert "geo=EU" in reasons(answer)["geo"][0]


def test_known_codes_without_figures_together_give_an_empty_page(api):
    # 1-9 is published for a few countries only, not for Poland.
    answer = api({**ESELL, "size_emp": "1-9", "geo": "PL"})
    assert answer == {"items": [], "count": 0}


def test_empty_filter_is_refused(api):
    answer = api({**ESELL, "geo": " , "}, status=400)
    assert reasons(answer) == {
        "geo": ["Give at least one code for geo, or leave the parameter out."]
    }


def test_too_many_codes_are_refused(api):
    answer = api({**ESELL, "geo": ",".join(f"G{i}" for i in range(301))}, status=400)
    assert "At most 300 codes" in reasons(answer)["geo"][0]


def test_missing_dataset_is_refused(api):
    answer = api({"geo": "PL"}, status=400)
    assert answer["errors"] == [
        {"location": ["query", "dataset"], "reason": "This field is required."}
    ]


def test_unknown_dataset_is_a_json_404(api):
    answer = api({"dataset": "isoc_nope"}, status=404)
    assert answer == {"detail": "No dataset isoc_nope has been imported."}


def test_unknown_dataset_s_dimensions_are_a_json_404(client, reference, db):
    response = client.get("/api/v1/statistics/datasets/isoc_nope/dimensions")
    assert response.status_code == 404
    assert response.json() == {"detail": "No dataset isoc_nope has been imported."}


@pytest.mark.parametrize(
    "page",
    [{"limit": 1001}, {"limit": 0}, {"offset": -1}, {"offset": 10**20}, {"limit": "ten"}],
)
def test_impossible_pages_are_refused(api, page):
    answer = api({**ESELL, **page}, status=400)
    assert [error["location"][0] for error in answer["errors"]] == ["query"]


def test_dataset_listing_refuses_an_impossible_offset(client, reference, db):
    response = client.get("/api/v1/statistics/datasets", {"offset": 10**20})
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == ["query", "offset"]


# The explorer's download of the same figures holds the same numbers.


def test_figures_equal_the_explorer_s_csv_download(api, client):
    filters = {**ESELL_DIMENSIONS, "dataset": "isoc_ec_esels", "geo": "PL,EU27_2020,FR"}
    response = client.get("/statistics/", {**filters, "format": "csv", "chart": "timeseries"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *body = rows[:-2]
    assert header[1:] == ["Code", "Period", "Value", "Flags"], header
    from_explorer = {
        (geo, period): (number(value), flags) for _n, geo, period, value, flags in body
    }

    answer = api({**filters, "limit": 1000})
    from_api = {(i["geo"], i["time"]): (i["value"], i["flags"]) for i in answer["items"]}
    assert from_explorer == from_api
    assert from_explorer[("PL", "2024")] == (14.71, "")
    assert from_explorer[("EU27_2020", "2024")] == (20.75, "")
    assert from_explorer[("FR", "2024")] == (None, "u")


def number(cell: str) -> float | None:
    """A downloaded cell as a number; None for the explorer's words for a missing value."""
    try:
        return float(cell)
    except ValueError:
        return None
