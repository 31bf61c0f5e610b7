"""The cohort page of a centre: levels, means by dimension, sector and size, paired progress,
figures beside Eurostat's, suppression under five SMEs, downloads and the number of queries."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eminder.assessments.cohort import protected
from eminder.assessments.instruments import score
from eminder.assessments.models import ModuleResponse, Status
from eminder.assessments.tests.test_cohort_access import DMA, URLS, assess, dma_answers, make_sme
from eminder.indicators.services import REFERENCE_DIR, import_statistics
from eminder.indicators.tests.statistics_fixtures import add_series, make_dataset

pytestmark = pytest.mark.urls(URLS)
HIDDEN = "fewer than 5"


def url(network) -> str:
    return reverse("cohorts:cohort", kwargs={"code": network.centre.code})


def smes(centre, count: int, prefix: str, *, size="10-49", nace="G4791", **options) -> list:
    """`count` SMEs of one size and sector, each with a submitted assessment (`assess` options)."""
    made = []
    for index in range(count):
        enterprise = make_sme(centre, f"{prefix} {index}", size=size, nace=nace)
        assess(enterprise, **options)
        made.append(enterprise)
    return made


def report_of(client, network, **params):
    response = client.get(url(network), params)
    assert response.status_code == 200
    return response, response.context["report"]


def rows_by_label(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def download(client, network, table: str, file_format: str, **params) -> list[list]:
    response = client.get(url(network), {"table": table, "format": file_format, **params})
    assert response.status_code == 200
    if file_format == "csv":
        text = response.content.decode("utf-8").removeprefix("\ufeff")
        return list(csv.reader(io.StringIO(text)))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# --- Suppression -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([5, 5, 5], set()),
        ([4, 5, 6], {0, 1}),  # one hidden group alone would be a subtraction away
        ([5, 0, 7, 0], {1, 3}),  # two hidden already: nothing more
        ([0, 9, 0, 0], {0, 2, 3}),
        ([4], {0}),
    ],
)
def test_groups_under_five_are_hidden_with_a_second_when_alone(counts, hidden):
    assert protected(counts) == hidden


def test_four_smes_show_no_figure(network, client_for):
    smes(network.centre, 4, "Small", share=0.4)

    response, report = report_of(client_for("manager"), network)

    assert not report.is_shown
    assert "Fewer than 5 SMEs have a submitted digital maturity assessment" in response.text
    assert "cohort-levels-data" not in response.text  # no chart drawn
    assert {str(count) for _level, count in report.charts["levels"].rows} == {HIDDEN}
    assert {str(row[1]) for row in report.charts["dimensions"].rows} == {HIDDEN}
    assert {str(value) for row in report.tables["sizes"].rows for value in row[1:]} == {HIDDEN}


def test_five_smes_show_the_level_count_and_hide_the_smaller_ones(network, client_for):
    smes(network.centre, 5, "Average", share=0.4)
    smes(network.centre, 4, "Advanced", share=0.9)

    response, report = report_of(client_for("manager"), network)

    assert report.is_shown and report.total == 9
    assert "9 SMEs have a submitted digital maturity assessment." in response.text
    levels = {label: str(value) for label, value in report.charts["levels"].rows}
    assert levels == {
        "Basic": HIDDEN,
        "Average": "5",
        "Moderately advanced": HIDDEN,
        "Advanced": HIDDEN,
    }
    plotted = report.charts["levels"].figure.data[0].y
    assert list(plotted) == [None, 5, None, None]  # hidden counts are not drawn either


def test_a_single_hidden_group_hides_the_next_smallest_too(network, client_for):
    # 0-9 has four SMEs: hidden. Alone, its mean could be worked out from the cohort's mean and
    # the other groups', so the smallest other group (10-49, five SMEs) is hidden as well.
    smes(network.centre, 4, "Micro", size="0-9", share=0.1)
    smes(network.centre, 5, "Small", size="10-49", share=0.4)
    smes(network.centre, 6, "Medium", size="50-249", share=0.6)

    _response, report = report_of(client_for("advisor"), network)

    sizes = rows_by_label(report.tables["sizes"])
    micro, small, medium = (sizes[label] for label in sorted(sizes))
    assert {str(v) for v in micro} == {str(v) for v in small} == {HIDDEN}
    assert medium[0] == 6 and isinstance(medium[1], float)


def test_five_smes_in_every_size_class_show_every_mean(network, client_for):
    smes(network.centre, 5, "Micro", size="0-9", share=0.1)
    smes(network.centre, 5, "Small", size="10-49", share=0.4)

    _response, report = report_of(client_for("trainer"), network)

    sizes = report.tables["sizes"].rows
    assert [row[1] for row in sizes] == [5, 5]
    assert HIDDEN not in {str(value) for row in sizes for value in row}
    micro_mean = sizes[0][2]
    assert micro_mean < sizes[1][2]


def test_sectors_are_nace_sections_and_hidden_below_five(network, client_for):
    smes(network.centre, 5, "Shop", nace="G4791", share=0.4)
    smes(network.centre, 5, "Factory", nace="C1020", share=0.6)
    smes(network.centre, 1, "Hotel", nace="I5510", share=0.6)

    _response, report = report_of(client_for("manager"), network)

    sectors = rows_by_label(report.tables["sectors"])
    assert [label[0] for label in sectors] == ["C", "G", "I"]
    c, g, i = sectors.values()
    assert str(i[0]) == HIDDEN and str(c[0]) == HIDDEN  # the smallest other group goes too
    assert g[0] == 5


def test_the_mean_by_dimension_is_the_mean_of_the_latest_results(network, client_for):
    made = smes(network.centre, 5, "Average", share=0.4)
    assess(made[0], "T1", share=0.9)

    _response, report = report_of(client_for("manager"), network)
    _response, baseline = report_of(client_for("manager"), network, stage="T0")

    latest = [
        m.module_result
        for m in ModuleResponse.objects.filter(kind="dma_sme").order_by("assessment__enterprise")
        if not (m.assessment.enterprise_id == made[0].pk and m.assessment.stage == "T0")
    ]
    first = report.charts["dimensions"].rows[0]
    expected = sum(r.dimensions[0].score for r in latest) / 5
    assert first[1] == round(expected, 1) and first[2] == 5
    assert baseline.charts["dimensions"].rows[0][1] < first[1]


# --- Paired progress -------------------------------------------------------------------------


def test_progress_pairs_only_the_smes_with_t0_and_t1(network, client_for):
    twice = smes(network.centre, 5, "Twice", share=0.2)
    for enterprise in twice:
        assess(enterprise, "T1", share=0.6)
    smes(network.centre, 3, "Once", share=0.9)  # T0 only: not in the progress
    only_t1 = make_sme(network.centre, "Late starter")
    assess(only_t1, "T1", share=0.1)
    withdrawn = make_sme(network.centre, "Withdrawn T1")
    assess(withdrawn, "T0", share=0.9)
    assess(withdrawn, "T1", share=0.1, status=Status.WITHDRAWN)

    response, report = report_of(client_for("manager"), network)

    assert report.pairs == 5
    assert "5 SMEs have been assessed at T0 and at T1." in response.text
    overall = report.tables["progress"].rows[0]
    t0, t1 = (score(DMA, dma_answers(share)).score for share in (0.2, 0.6))
    assert overall == ["Overall score", round(t0, 1), round(t1, 1), round(t1 - t0, 1)]


def test_four_pairs_are_not_shown(network, client_for):
    twice = smes(network.centre, 5, "T0 only", share=0.2)
    for enterprise in twice[:4]:
        assess(enterprise, "T1", share=0.6)

    response, report = report_of(client_for("manager"), network)

    assert not report.pairs_shown
    assert "Fewer than 5 SMEs have been assessed at both T0 and T1" in response.text
    assert {str(v) for row in report.tables["progress"].rows for v in row[1:]} == {HIDDEN}
    rows = download(client_for("manager"), network, "progress", "csv")
    assert rows[1][1:] == [HIDDEN, HIDDEN, HIDDEN]


# --- Beside Eurostat -------------------------------------------------------------------------


@pytest.fixture
def shipped_statistics(db):
    """Eurostat's figures as shipped in indicators/data/reference (real values)."""
    for name in ("isoc_ec_esels_E_ESELL_2010_2024.csv", "isoc_e_dii_2021_2025.csv"):
        import_statistics(path=REFERENCE_DIR / name)


def test_ecommerce_is_set_beside_eurostat_for_10_49_and_not_for_0_9(
    network, client_for, shipped_statistics
):
    smes(network.centre, 3, "Seller", size="10-49", sells=True)
    smes(network.centre, 2, "Offline", size="10-49", sells=False)
    smes(network.centre, 5, "Micro", size="0-9", sells=True)

    response, report = report_of(client_for("manager"), network)

    table = report.tables["ecommerce"]
    rows = {row[1]: row for row in table.rows}
    small = rows["10 to 49 persons employed (small)"]
    assert small == ["Spain", "10 to 49 persons employed (small)", 5, 60.0, 27.6, "2024"]
    micro = rows["0 to 9 persons employed (micro)"]
    assert micro[2:] == [5, 100.0, "no official benchmark", ""]
    assert "their share has no official benchmark" in response.text


def test_dii_uses_the_year_of_the_questionnaire_and_says_which_version(
    network, client_for, shipped_statistics
):
    smes(network.centre, 4, "Basic", size="10-49", dii_yes=5)
    smes(network.centre, 1, "Very low", size="10-49", dii_yes=2)
    smes(network.centre, 4, "Micro", size="0-9", dii_yes=8)

    response, report = report_of(client_for("manager"), network)

    table = report.tables["dii"]
    # The DII answered is survey year 2023 (version 3): Spain's 2023 figure, not the 2025 one.
    assert table.rows[0] == [
        "Version 3",
        "Spain",
        "0 to 9 persons employed (micro)",
        HIDDEN,
        HIDDEN,
        "no official benchmark",
        "",
    ]
    assert [str(v) if v == HIDDEN else v for v in table.rows[1]] == [
        "Version 3",
        "Spain",
        "10 to 49 persons employed (small)",
        5,
        80.0,
        57.4,
        "2023",
    ]
    assert "survey year 2023 (version 3)" in response.text
    assert "E_DI3_GELO" in response.text


def test_dii_falls_back_to_the_latest_year_of_the_same_version(network, client_for):
    dataset = make_dataset("isoc_e_dii", ["freq", "size_emp", "nace_r2", "indic_is", "unit"])
    common = {"freq": "A", "nace_r2": "C10-S951_X_K", "unit": "PC_ENT", "size_emp": "10-49"}
    add_series(dataset, {**common, "indic_is": "E_DI3_GELO"}, "ES", {"2021": 57.12, "2025": 72.89})
    add_series(dataset, {**common, "indic_is": "E_DI4_GELO"}, "ES", {"2024": 71.79})
    smes(network.centre, 5, "Small", size="10-49", dii_yes=7)

    _response, report = report_of(client_for("manager"), network)

    assert report.tables["dii"].rows[0][5:] == [72.9, "2025"]  # never version 4's 2024


def test_without_the_datasets_the_page_says_they_are_not_imported(network, client_for):
    smes(network.centre, 5, "Small", size="10-49", sells=True)

    response, report = report_of(client_for("manager"), network)

    assert report.tables["ecommerce"].rows[0][4] == "not imported"
    assert "isoc_ec_esels has not been imported" in response.text


# --- Downloads and queries -------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_downloads_hold_the_tables_rows_with_hidden_cells(network, client_for, file_format):
    smes(network.centre, 5, "Average", share=0.4)
    smes(network.centre, 4, "Advanced", share=0.9)

    header, *body, _blank, source = download(client_for("manager"), network, "levels", file_format)

    assert header == ["Level", "SMEs"]
    five = "5" if file_format == "csv" else 5
    assert body == [
        ["Basic", HIDDEN],
        ["Average", five],
        ["Moderately advanced", HIDDEN],
        [
            "Advanced",
            HIDDEN,
        ],
    ]
    assert "Figures from fewer than 5 SMEs are not shown." in source[0]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_size_download_hides_what_the_page_hides(network, client_for, file_format):
    smes(network.centre, 4, "Micro", size="0-9")
    smes(network.centre, 5, "Small", size="10-49")

    _header, *body, _blank, _source = download(client_for("manager"), network, "sizes", file_format)

    assert {value for row in body for value in row[1:]} == {HIDDEN}


def test_a_download_keeps_the_stage_shown(network, client_for):
    made = smes(network.centre, 5, "Twice", share=0.1)
    for enterprise in made:
        assess(enterprise, "T1", share=0.9)
    client = client_for("manager")

    response, _report = report_of(client, network, stage="T0")
    rows = download(client, network, "levels", "csv", stage="T0")

    assert "?stage=T0&amp;table=levels&amp;format=csv" in response.text
    assert rows[1] == ["Basic", "5"]


def test_unknown_table_stage_or_format_is_404(network, client_for):
    client = client_for("manager")

    assert client.get(url(network), {"table": "nope", "format": "csv"}).status_code == 404
    assert client.get(url(network), {"table": "levels", "format": "pdf"}).status_code == 404
    assert client.get(url(network), {"stage": "T9"}).status_code == 404


def test_the_page_reads_a_fixed_number_of_queries(
    network, client_for, shipped_statistics, django_assert_num_queries
):
    for count, size in ((5, "10-49"), (7, "0-9"), (6, "50-249")):
        for enterprise in smes(network.centre, count, size, size=size, sells=True, dii_yes=6):
            assess(enterprise, "T1", share=0.7, sells=False, dii_yes=9)
    client = client_for("manager")

    # session, user, memberships, centre, modules, questionnaire versions, datasets,
    # E_ESELL observations, DII observations
    with django_assert_num_queries(9):
        response = client.get(url(network))
    assert response.status_code == 200


def test_the_page_is_in_the_viewers_language(network, client_for):
    network.manager.language = "es"
    network.manager.save()
    smes(network.centre, 5, "Average", share=0.4)

    _response, report = report_of(client_for("manager"), network)

    assert [row[0] for row in report.charts["levels"].rows][:2] == ["Básico", "Medio"]
    assert report.charts["dimensions"].rows[0][0] == "Estrategia empresarial digital"
