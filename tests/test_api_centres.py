"""The centres API shows a user their own centres only, and never another centre's data."""

import pytest

from eminder.accounts.services import create_api_token
from eminder.centres.models import Partner
from eminder.testing.personas import make_centre, make_region


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


@pytest.fixture
def more_centres(network):
    """Ten more centres, each with three regions and two partners, to show queries don't grow."""
    for number in range(10):
        centre = make_centre(
            f"Centre {number:02}", f"C{number:02}", make_region(f"DE{number}1", "A")
        )
        centre.regions.add(make_region(f"DE{number}2", "B"), make_region(f"DE{number}3", "C"))
        for kind in ("a", "b"):
            Partner.objects.create(
                centre=centre, name=f"Partner {kind}", kind="other", role="member"
            )


def test_manager_lists_their_centre_with_its_regions(client_for, network):
    response = client_for("manager").get("/api/v1/centres/")
    assert response.json() == {
        "items": [
            {
                "code": str(network.centre.code),
                "name": "Centre of Galicia",
                "short_name": "Galicia",
                "email": "galicia@example.org",
                "website": "",
                "working_languages": ["en"],
                "regions": ["ES11"],
                "is_demo": False,
            }
        ],
        "count": 1,
    }


def test_outsider_lists_only_their_own_centre(client_for, network, more_centres):
    response = client_for("outsider").get("/api/v1/centres/")
    assert codes(response) == [str(network.other_centre.code)]
    assert response.json()["count"] == 1


def test_outsider_with_a_token_lists_only_their_own_centre(client, network, more_centres):
    secret = create_api_token(user=network.outsider, name="script")[1]
    response = client.get("/api/v1/centres/", headers={"authorization": f"Bearer {secret}"})
    assert codes(response) == [str(network.other_centre.code)]


def test_outsider_gets_json_404_for_another_centre(client_for, network):
    response = client_for("outsider").get(f"/api/v1/centres/{network.centre.code}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such centre."}


def test_outsider_cannot_tell_a_hidden_centre_from_a_missing_one(client_for, network):
    hidden = client_for("outsider").get(f"/api/v1/centres/{network.centre.code}")
    missing = client_for("outsider").get("/api/v1/centres/00000000-0000-4000-8000-000000000000")
    assert hidden.content == missing.content


def test_sme_owner_sees_their_centre_listed_but_gets_json_403_for_its_details(client_for, network):
    client = client_for("sme_owner")
    assert codes(client.get("/api/v1/centres/")) == [str(network.centre.code)]
    response = client.get(f"/api/v1/centres/{network.centre.code}")
    assert response.status_code == 403
    assert response.json() == {"detail": "This page is for the centre's staff."}


def test_detail_shows_the_centres_own_partners_only(client_for, network, more_centres):
    response = client_for("advisor").get(f"/api/v1/centres/{network.centre.code}")
    body = response.json()
    assert body["code"] == str(network.centre.code)
    assert body["partners"] == [
        {
            "code": str(network.partner.code),
            "name": "University of Galicia",
            "kind": "university",
            "role": "lead",
            "city": "Santiago",
            "website": "",
        }
    ]


def test_coordinator_lists_every_centre_by_name(client_for, network, more_centres):
    response = client_for("coordinator").get("/api/v1/centres/")
    names = [item["name"] for item in response.json()["items"]]
    assert names == sorted(names)
    assert response.json()["count"] == 12


def test_limit_and_offset_choose_the_page(client_for, network, more_centres):
    everything = codes(client_for("coordinator").get("/api/v1/centres/"))
    response = client_for("coordinator").get("/api/v1/centres/?limit=3&offset=4")
    assert codes(response) == everything[4:7]
    assert response.json()["count"] == 12


def test_offset_past_the_end_gives_an_empty_page(client_for, network):
    response = client_for("coordinator").get("/api/v1/centres/?offset=50")
    assert response.json() == {"items": [], "count": 2}


def test_limit_above_the_maximum_is_a_400(client_for, network):
    assert client_for("coordinator").get("/api/v1/centres/?limit=1000").status_code == 200
    response = client_for("coordinator").get("/api/v1/centres/?limit=1001")
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == ["query", "limit"]


def test_list_queries_do_not_grow_with_centres_or_regions(
    client_for, network, more_centres, django_assert_num_queries
):
    client = client_for("coordinator")
    # Session, user, memberships; count; page of centres; their regions.
    with django_assert_num_queries(6):
        response = client.get("/api/v1/centres/")
    assert len(response.json()["items"]) == 12


def test_list_queries_with_a_token(client, network, more_centres, django_assert_num_queries):
    secret = create_api_token(user=network.coordinator, name="script")[1]
    # Token and user, last use; memberships; count; page of centres; their regions.
    with django_assert_num_queries(6):
        client.get("/api/v1/centres/", headers={"authorization": f"Bearer {secret}"})


def test_detail_queries(client_for, network, more_centres, django_assert_num_queries):
    client = client_for("coordinator")
    # Session, user, memberships; the centre; its regions; its partners.
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/centres/{network.centre.code}")
    assert response.status_code == 200


def test_centres_of_equal_name_are_ordered_by_code_so_pages_are_stable(client_for, network):
    for number in range(6):
        make_centre("Twin centre", f"T{number}", make_region(f"IT{number}", "Twin"))
    client = client_for("coordinator")
    pages = [codes(client.get(f"/api/v1/centres/?limit=1&offset={n}")) for n in range(8)]
    # The two persona centres' names sort first.
    twins = [code for page in pages[2:] for code in page]
    assert twins == sorted(twins)
    assert len(set(twins)) == 6
