"""The enterprise list: what each persona sees, filters in the URL, search, pages, downloads."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eminder.accounts.models import Membership, Role
from eminder.enterprises.models import Enterprise
from eminder.enterprises.tests.conftest import make_enterprise
from eminder.enterprises.views import PAGE_SIZE
from eminder.testing.personas import make_user

URL = reverse("enterprises:list")


def shown(response) -> list[str]:
    return [enterprise.name for enterprise in response.context["page"]]


@pytest.fixture
def several(network, regions, enterprise, foreign_enterprise):
    """Four enterprises of the home centre besides `enterprise`, and one of the other centre."""
    colleague = make_user("colleague")
    Membership.objects.create(user=colleague, centre=network.centre, role=Role.ADVISOR)
    make_enterprise(
        network.centre,
        "Vigo Software Naval S.L.",
        regions["ES114"],
        nace_code="J6201",
        size_class="10-49",
        status="active",
        advisor=colleague,
        registry_number="B36000007",
    )
    make_enterprise(
        network.centre,
        "Téxtil Atlántica S.A.",
        regions["ES111"],
        nace_code="C1413",
        size_class="50-249",
        maturity_level="average",
    )
    make_enterprise(network.centre, "Algas do Atlántico", regions["ES11"], nace_code="C1089")
    make_enterprise(network.centre, "Zeta Tours", regions["ES114"], nace_code="N7912")


@pytest.mark.parametrize(
    ("persona", "names"),
    [
        ("coordinator", 6),
        ("manager", 5),
        ("advisor", 5),
        ("trainer", 5),
        ("sme_owner", 1),
        ("outsider", 1),
    ],
)
def test_each_persona_sees_what_they_may(client_for, several, persona, names):
    response = client_for(persona).get(URL)

    assert response.status_code == 200
    assert len(shown(response)) == names


def test_outsider_sees_only_their_centres_enterprise(client_for, several):
    response = client_for("outsider").get(URL)

    assert shown(response) == ["Bursztyn Sp. z o.o."]
    assert "Conservas" not in response.text


def test_sme_owner_sees_only_their_enterprise(client_for, several):
    assert shown(client_for("sme_owner").get(URL)) == ["Conservas Rías S.L."]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"region": "ES114"}, ["Vigo Software Naval S.L.", "Zeta Tours"]),
        (
            {"region": "ES11"},  # a NUTS 2 region includes its NUTS 3 regions
            [
                "Algas do Atlántico",
                "Conservas Rías S.L.",
                "Téxtil Atlántica S.A.",
                "Vigo Software Naval S.L.",
                "Zeta Tours",
            ],
        ),
        ({"sector": "C"}, ["Algas do Atlántico", "Téxtil Atlántica S.A."]),
        ({"size": "10-49"}, ["Vigo Software Naval S.L."]),
        ({"maturity": "average"}, ["Téxtil Atlántica S.A."]),
        ({"maturity": "none", "sector": "C"}, ["Algas do Atlántico"]),
        ({"advisor": "colleague"}, ["Vigo Software Naval S.L."]),
        ({"advisor": "advisor"}, ["Conservas Rías S.L."]),
        ({"status": "active"}, ["Vigo Software Naval S.L."]),
        ({"q": "atlántica"}, ["Téxtil Atlántica S.A."]),
        ({"q": "b36000007"}, ["Vigo Software Naval S.L."]),
        ({"q": "rías conservas"}, ["Conservas Rías S.L."]),
        ({"q": "nothing like it"}, []),
    ],
)
def test_filters_and_search(client_for, several, query, names):
    assert shown(client_for("manager").get(URL, query)) == names


def test_filter_choices_come_from_what_the_user_sees(client_for, several):
    form = client_for("manager").get(URL).context["form"]

    assert [code for code, _label in form.fields["region"].choices] == [
        "",
        "ES11",
        "ES111",
        "ES114",
    ]
    assert [name for name, _label in form.fields["advisor"].choices] == [
        "",
        "advisor",
        "colleague",
    ]
    assert "centre" not in form.fields  # a single centre: nothing to choose


def test_coordinator_filters_by_centre(client_for, network, several):
    response = client_for("coordinator").get(URL, {"centre": str(network.other_centre.code)})

    assert shown(response) == ["Bursztyn Sp. z o.o."]


def test_a_filter_value_the_user_may_not_see_is_an_error_not_a_leak(client_for, several):
    response = client_for("outsider").get(URL, {"region": "ES111"})

    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert shown(response) == ["Bursztyn Sp. z o.o."]


def test_htmx_gets_the_results_fragment(client_for, several):
    response = client_for("manager").get(URL, {"sector": "C"}, HTTP_HX_REQUEST="true")

    assert "<h1>" not in response.text
    assert "Téxtil Atlántica S.A." in response.text
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_pages_keep_the_filters(client_for, network, regions):
    for number in range(PAGE_SIZE + 3):
        make_enterprise(network.centre, f"Tienda {number:02}", regions["ES111"])
    client = client_for("manager")

    first = client.get(URL, {"sector": "G"})
    second = client.get(URL, {"sector": "G", "page": "2"})

    assert len(shown(first)) == PAGE_SIZE
    assert shown(second) == ["Tienda 25", "Tienda 26", "Tienda 27"]
    assert 'href="?sector=G&amp;page=2"' in first.text


@pytest.mark.parametrize("count", [2, PAGE_SIZE + 5])
def test_query_count_does_not_grow_with_enterprises(
    client_for, network, regions, django_assert_num_queries, count
):
    for number in range(count):
        make_enterprise(
            network.centre, f"Tienda {number:02}", regions["ES111"], advisor=network.advisor
        )
    client = client_for("manager")

    with django_assert_num_queries(9):
        response = client.get(URL, {"status": "prospect"})

    assert len(shown(response)) == min(count, PAGE_SIZE)


def test_htmx_fragment_query_count(client_for, several, django_assert_num_queries):
    client = client_for("manager")

    with django_assert_num_queries(9):
        client.get(URL, HTTP_HX_REQUEST="true")


def test_csv_download_of_the_filtered_list(client_for, several):
    response = client_for("manager").get(URL, {"sector": "C", "format": "csv"})

    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Name,Registry or VAT number,Region")
    assert lines[1].startswith("Algas do Atlántico,,ES11,C10.89")
    assert lines[2].startswith("Téxtil Atlántica S.A.,,ES111,C14.13")
    assert len(lines) == 5  # header, two rows, blank, source


def test_xlsx_download_has_no_other_centres_enterprises(client_for, several):
    response = client_for("outsider").get(URL, {"format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert names[0] == "Bursztyn Sp. z o.o."
    assert not any("Conservas" in str(name) for name in names)


def test_unknown_download_format_is_404(client_for, several):
    assert client_for("manager").get(URL, {"format": "pdf"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_user_without_membership_sees_an_empty_list(client, db):
    user = make_user("stranger")
    client.force_login(user)

    response = client.get(URL)

    assert shown(response) == []
    assert not Enterprise.objects.exists()
