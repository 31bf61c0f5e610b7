"""The EDIH DMA export: the reporting export's exact headers in English, one row per submitted
DMA of the centre's own SMEs, as CSV and XLSX; the coordinator's covers every centre."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eminder.assessments.models import Status
from eminder.assessments.tests.test_cohort_access import URLS, assess, make_sme

pytestmark = pytest.mark.urls(URLS)
HEADERS = [
    "SME ID",
    "SME name",
    "DMA Timing",
    "DMA Score",
    "Digital Business Strategy",
    "Digital Readiness",
    "Human-Centric Digitalisation",
    "Data Governance",
    "Automation & Artificial Intelligence",
    "Green Digitalisation",
    "EDIH Name",
]
# The DMA's dimension ids, in the order of the reporting columns they go to.
DIMENSIONS = [
    "digital_business_strategy",
    "digital_readiness",
    "human_centric_digitalisation",
    "data_management",
    "automation_ai",
    "green_digitalisation",
]


def centre_url(network) -> str:
    return reverse("cohorts:edih_export", kwargs={"code": network.centre.code})


def parsed(response, file_format: str) -> list[list]:
    assert response.status_code == 200
    if file_format == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def expected_row(assessment, centre_name: str, as_text: bool) -> list:
    dma = assessment.modules.get(kind="dma_sme").module_result
    scores = [round(dma.score, 2), *(round(dma.dimension(d), 2) for d in DIMENSIONS)]
    values = [str(assessment.enterprise.code), assessment.enterprise.name, assessment.stage]
    values += [str(score) for score in scores] if as_text else scores
    return [*values, centre_name]


@pytest.fixture
def results(network):
    """Two SMEs of the manager's centre (one assessed twice), a draft, a withdrawn sitting and
    an SME of another centre."""
    ana = make_sme(network.centre, "Ana Conservas S.L.")
    bodega = make_sme(network.centre, "Bodega Ría Baixas")
    submitted = [
        assess(ana, "T0", share=0.2, sells=True, dii_yes=5),
        assess(ana, "T1", share=0.6),
        assess(bodega, "T0", share=0.9),
    ]
    assess(make_sme(network.centre, "Draft S.L."), status=Status.DRAFT)
    assess(make_sme(network.centre, "Withdrawn S.L."), status=Status.WITHDRAWN)
    other = assess(make_sme(network.other_centre, "Gdańsk Sp. z o.o."), share=0.5)
    return submitted, other


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_headers_are_exactly_the_reporting_exports(network, client_for, results, file_format):
    rows = parsed(
        client_for("manager").get(centre_url(network), {"format": file_format}), file_format
    )

    assert rows[0] == HEADERS


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_one_row_per_submitted_dma_of_the_centres_smes(network, client_for, results, file_format):
    submitted, _other = results

    rows = parsed(
        client_for("advisor").get(centre_url(network), {"format": file_format}), file_format
    )

    as_text = file_format == "csv"
    assert rows[1:] == [expected_row(a, "Centre of Galicia", as_text) for a in submitted]


def test_values_are_the_stored_scores(network, client_for, results):
    submitted, _other = results
    dma = submitted[0].modules.get(kind="dma_sme")

    rows = parsed(client_for("manager").get(centre_url(network), {"format": "xlsx"}), "xlsx")

    first = dict(zip(HEADERS, rows[1], strict=True))
    assert first["SME ID"] == str(submitted[0].enterprise.code)
    assert (first["SME name"], first["DMA Timing"]) == ("Ana Conservas S.L.", "T0")
    assert first["DMA Score"] == round(dma.score, 2)
    assert first["Data Governance"] == round(dma.module_result.dimension("data_management"), 2)
    assert first["EDIH Name"] == "Centre of Galicia"


def test_headers_stay_english_in_another_language(network, client_for, results):
    network.manager.language = "es"
    network.manager.save()

    rows = parsed(client_for("manager").get(centre_url(network)), "csv")

    assert rows[0] == HEADERS
    assert rows[1][2] == "T0"


def test_the_file_ends_with_the_last_sme(network, client_for, results):
    rows = parsed(client_for("manager").get(centre_url(network), {"format": "csv"}), "csv")

    assert len(rows) == 1 + 3  # headers and the three submitted DMAs: no source line


def test_the_coordinator_exports_every_centre(network, client_for, results):
    submitted, other = results

    response = client_for("coordinator").get(reverse("cohorts:network_edih_export"))
    rows = parsed(response, "csv")

    assert rows[1:] == [
        *(expected_row(a, "Centre of Galicia", True) for a in submitted),
        expected_row(other, "Centre of Pomerania", True),
    ]
    assert response["Content-Disposition"].startswith('attachment; filename="edih-dma-network-')


def test_the_coordinator_exports_one_centre(network, client_for, results):
    rows = parsed(client_for("coordinator").get(centre_url(network)), "csv")

    assert {row[-1] for row in rows[1:]} == {"Centre of Galicia"}


def test_a_name_that_looks_like_a_formula_stays_text(network, client_for):
    assess(make_sme(network.centre, "=HYPERLINK(1)"))

    csv_rows = parsed(client_for("manager").get(centre_url(network)), "csv")
    xlsx = client_for("manager").get(centre_url(network), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active

    assert csv_rows[1][1] == "'=HYPERLINK(1)"
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("=HYPERLINK(1)", "s")


def test_file_names_and_unknown_formats(network, client_for, results):
    client = client_for("manager")

    xlsx = client.get(centre_url(network), {"format": "xlsx"})

    assert xlsx["Content-Disposition"].startswith('attachment; filename="edih-dma-galicia-')
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    assert client.get(centre_url(network), {"format": "pdf"}).status_code == 404


def test_the_export_reads_a_fixed_number_of_queries(
    network, client_for, results, django_assert_num_queries
):
    for index in range(10):
        assess(make_sme(network.centre, f"More {index}"), share=0.1 * index)
    client = client_for("manager")

    # session, user, memberships, centre, DMA modules, questionnaire versions
    with django_assert_num_queries(6):
        response = client.get(centre_url(network), {"format": "xlsx"})
    assert len(parsed(response, "xlsx")) == 1 + 13
