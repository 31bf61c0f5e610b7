"""The network overview: every centre's figures and the partner chart, for the coordinator."""

import json
import re

import pytest
from django.urls import reverse

from eminder.accounts.models import Membership, Role
from eminder.centres.models import Partner
from eminder.testing.personas import make_centre, make_region, make_user

URL = reverse("centres:overview")
# Session, user, memberships, the centres with their counts, their regions, the chart's counts.
OVERVIEW_QUERIES = 6


def add_centres(count: int) -> None:
    """More centres, each with staff, an SME owner, partners of two types and two regions."""
    for index in range(count):
        centre = make_centre(
            f"Extra centre {index}", f"Extra {index}", make_region(f"PT1{index}", "x")
        )
        centre.regions.add(make_region(f"PT2{index}", "y"))
        for role in (Role.MANAGER, Role.ADVISOR, Role.SME_OWNER):
            Membership.objects.create(user=make_user(f"{role}{index}"), centre=centre, role=role)
        for kind in (Partner.Kind.UNIVERSITY, Partner.Kind.CLUSTER):
            Partner.objects.create(centre=centre, name=kind, kind=kind, role="member")


def centre_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def test_lists_every_centre_with_its_figures(client_for, network):
    Partner.objects.create(
        centre=network.centre, name="Vigo Chamber", kind="chamber", role="member"
    )
    Membership.objects.filter(user=network.trainer).update(is_active=False)

    response = client_for("coordinator").get(URL)

    assert centre_rows(response.content.decode()) == [
        ["Centre of Galicia", "ES11 Galicia", "2", "1", "2"],
        ["Centre of Pomerania", "PL63 Pomorskie", "1", "0", "0"],
    ]
    assert "The network has 2 coordination centres." in response.content.decode()


def test_chart_table_and_figure_hold_the_partner_counts(client_for, network):
    Partner.objects.create(
        centre=network.centre, name="Vigo Chamber", kind="chamber", role="member"
    )
    Partner.objects.create(
        centre=network.other_centre, name="Gdańsk Tech", kind="university", role="lead"
    )

    response = client_for("coordinator").get(URL)

    chart = response.context["chart"]
    assert list(chart.columns) == ["Centre", "University", "Chamber of commerce"]
    assert chart.rows == [["Galicia", 1, 1], ["Pomorskie", 1, 0]]
    html = response.content.decode()
    data = re.search(
        r'<script id="partners-by-type-data" type="application/json">(.*?)</script>', html
    )
    traces = json.loads(data.group(1))["data"]
    assert [(t["name"], t["x"], t["y"]) for t in traces] == [
        ("University", ["Galicia", "Pomorskie"], [1, 1]),
        ("Chamber of commerce", ["Galicia", "Pomorskie"], [1, 0]),
    ]
    assert "Source: e-MINDER centre records" in html


def test_page_loads_plotly_from_our_own_static_files(client_for, network):
    html = client_for("coordinator").get(URL).content.decode()

    assert '<script src="/static/plotly/plotly.min.js" defer></script>' in html
    assert "<script>" not in html  # the CSP forbids inline scripts


def test_empty_network(client_for, network):
    network.centre.delete()
    network.other_centre.delete()

    response = client_for("coordinator").get(URL)

    assert "No centre has been set up yet." in response.content.decode()
    assert response.context["chart"].rows == []


@pytest.mark.parametrize("extra_centres", [0, 3])
def test_query_count_does_not_grow_with_the_number_of_centres(
    client_for, network, django_assert_num_queries, extra_centres
):
    add_centres(extra_centres)
    client = client_for("coordinator")

    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(URL)

    assert len(response.context["centres"]) == 2 + extra_centres
    assert len(centre_rows(response.content.decode())) == 2 + extra_centres
