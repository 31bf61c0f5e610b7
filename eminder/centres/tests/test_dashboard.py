"""The centre dashboard: the centre's real figures, for its staff and the coordinator."""

import re

import pytest
from django.urls import reverse

from eminder.accounts.models import Membership, Role
from eminder.centres.models import Partner
from eminder.testing.personas import make_region, make_user

# Session, user, the user's memberships, the centre, staff by role, partners by type,
# regions, partners: the same whatever the size of the centre.
DASHBOARD_QUERIES = 8


@pytest.fixture
def url(network):
    return reverse("centres:dashboard", kwargs={"code": network.centre.code})


def table_rows(html: str) -> dict[str, str]:
    """The dashboard's staff table as {role label: count}."""
    return dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', html))


def grow_centre(centre, *, staff: int, partners: int) -> None:
    for index in range(staff):
        user = make_user(f"advisor{index}")
        Membership.objects.create(user=user, centre=centre, role=Role.ADVISOR)
    for index in range(partners):
        Partner.objects.create(
            centre=centre, name=f"Cluster {index}", kind=Partner.Kind.CLUSTER, role="member"
        )
    centre.regions.add(
        make_region("ES12", "Principado de Asturias"), make_region("ES", "España", 0)
    )


def test_shows_staff_by_role(client_for, url):
    response = client_for("advisor").get(url)

    assert table_rows(response.content.decode()) == {
        "Centre manager": "1",
        "Advisor": "1",
        "Trainer": "1",
    }
    figures = response.context["figures"]
    assert (figures["staff_total"], figures["sme_owner_total"]) == (3, 1)


def test_counts_only_active_memberships_of_this_centre(client_for, network, url):
    Membership.objects.filter(user=network.trainer).update(is_active=False)
    Membership.objects.create(
        user=make_user("pl.advisor"), centre=network.other_centre, role="advisor"
    )
    Membership.objects.create(user=make_user("second"), centre=network.centre, role="advisor")

    response = client_for("manager").get(url)

    assert table_rows(response.content.decode()) == {
        "Centre manager": "1",
        "Advisor": "2",
        "Trainer": "0",
    }
    assert response.context["figures"]["staff_total"] == 3


def test_shows_partners_by_type_and_in_the_table(client_for, network, url):
    Partner.objects.create(
        centre=network.centre, name="Vigo Chamber", kind="chamber", role="member"
    )
    Partner.objects.create(
        centre=network.centre, name="Lugo Chamber", kind="chamber", role="member"
    )
    Partner.objects.create(
        centre=network.other_centre, name="Gdańsk Tech", kind="university", role="lead"
    )

    response = client_for("manager").get(url)

    figures = response.context["figures"]
    assert figures["partner_total"] == 3
    assert [(str(label), n) for label, n in figures["partners_by_kind"]] == [
        ("University", 1),
        ("Chamber of commerce", 2),
    ]
    html = response.content.decode()
    assert "Vigo Chamber" in html
    assert "Gdańsk Tech" not in html


def test_shows_the_figures_on_the_cards(client_for, network, url):
    grow_centre(network.centre, staff=2, partners=4)

    html = client_for("manager").get(url).content.decode()

    cards = {
        label.strip(): int(n)
        for n, label in re.findall(r'<span class="figure">(\d+)</span>([^<]+)</div>', html)
    }
    assert cards == {
        "staff members": 5,
        "partner organisations": 5,
        "regions covered": 3,
        "SME-owner account": 1,
    }


def test_lists_the_regions_in_code_order(client_for, network, url):
    grow_centre(network.centre, staff=0, partners=0)

    response = client_for("manager").get(url)

    assert [r.code for r in response.context["regions"]] == ["ES", "ES11", "ES12"]
    assert "<li>ES11 Galicia (NUTS 2)</li>" in response.content.decode()


@pytest.mark.parametrize(("persona", "can_manage"), [("manager", True), ("advisor", False)])
def test_management_links_only_for_managers(client_for, network, url, persona, can_manage):
    html = client_for(persona).get(url).content.decode()

    assert (reverse("centres:edit", kwargs={"code": network.centre.code}) in html) is can_manage
    partner_edit = reverse(
        "centres:partner_edit",
        kwargs={"code": network.centre.code, "partner_code": network.partner.code},
    )
    assert (partner_edit in html) is can_manage
    assert reverse("centres:profile_pdf", kwargs={"code": network.centre.code}) in html


def test_coordinator_sees_any_centre(client_for, network):
    url = reverse("centres:dashboard", kwargs={"code": network.other_centre.code})

    response = client_for("coordinator").get(url)

    assert response.context["centre"] == network.other_centre
    assert response.context["can_manage"] is True
    assert table_rows(response.content.decode())["Centre manager"] == "1"


@pytest.mark.parametrize(("staff", "partners"), [(0, 0), (6, 8)])
def test_query_count_does_not_grow_with_the_centre(
    client_for, network, url, django_assert_num_queries, staff, partners
):
    grow_centre(network.centre, staff=staff, partners=partners)
    client = client_for("manager")

    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
