"""The enterprises API: read-only, exactly what each persona sees on the pages.

Mounted here on a test API built like the real one, so the tests hold before and after the
router is added to eminder/api.py.
"""

import pytest
from django.urls import path

from eminder import urls as site_urls
from eminder.api import EminderAPI
from eminder.enterprises.api import router
from eminder.enterprises.tests.conftest import make_enterprise

test_api = EminderAPI(title="Test API", urls_namespace="enterprises_test_api")
test_api.add_router("/enterprises/", router)
urlpatterns = [*site_urls.urlpatterns, path("test-api/", test_api.urls)]
pytestmark = pytest.mark.urls(__name__)
LIST = "/test-api/enterprises/"


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_list_shows_the_fields(client_for, network, enterprise):
    response = client_for("manager").get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == 1
    item = response.json()["items"][0]
    assert item["code"] == str(enterprise.code)
    assert item["centre"] == str(network.centre.code)
    assert (item["region"], item["nace_code"], item["size_class"], item["advisor"]) == (
        "ES111",
        "G4791",
        "0-9",
        "advisor",
    )
    assert item["sales_channels"] == ["own_web_shop"]
    assert "contacts" not in item and "owners" not in item


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator", ["Bursztyn Sp. z o.o.", "Conservas Rías S.L."]),
        ("trainer", ["Conservas Rías S.L."]),
        ("sme_owner", ["Conservas Rías S.L."]),
        ("outsider", ["Bursztyn Sp. z o.o."]),
    ],
)
def test_list_is_what_the_persona_may_see(
    client_for, enterprise, foreign_enterprise, persona, expected
):
    assert names(client_for(persona).get(LIST)) == expected


def test_detail(client_for, enterprise, contact):
    response = client_for("sme_owner").get(f"{LIST}{enterprise.code}")

    assert response.status_code == 200
    body = response.json()
    assert body["nace_label"] == "Retail sale via mail order houses or via Internet"
    assert body["owners"] == ["sme_owner"]
    assert "Lucía" not in response.text


def test_outsider_gets_a_json_404(client_for, enterprise):
    response = client_for("outsider").get(f"{LIST}{enterprise.code}")

    assert response.status_code == 404
    assert response.json() == {"detail": "No such enterprise."}


def test_anonymous_gets_401(client, enterprise):
    assert client.get(LIST).status_code == 401


def test_pages_and_query_count(client_for, network, regions, django_assert_num_queries):
    for number in range(12):
        make_enterprise(network.centre, f"Tienda {number:02}", regions["ES111"])
    client = client_for("manager")

    with django_assert_num_queries(5):
        response = client.get(LIST, {"limit": 5, "offset": 10})

    assert names(response) == ["Tienda 10", "Tienda 11"]
    assert response.json()["count"] == 12


def test_unknown_parameters_are_refused(client_for, enterprise):
    response = client_for("manager").get(LIST, {"sector": "C"})

    assert response.status_code == 400
