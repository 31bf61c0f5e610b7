"""The SME's PDF report: a PDF in the assessment's language with the scores, the level, the
radar, the advice, the DII and the progress between stages; demo data say so."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from eminder.assessments.instruments import advice
from eminder.assessments.tests.test_cohort_access import DMA, URLS, assess, make_sme
from eminder.lib.svgcharts import PALETTE, radar_chart_svg

pytestmark = pytest.mark.urls(URLS)
SVG = "{http://www.w3.org/2000/svg}"


def pdf_text(content: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603 - a fixed tool on our own file
        ["pdftotext", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    # Lines are wrapped in the PDF: compare words, not line breaks.
    return " ".join(result.stdout.decode("utf-8").split())


def words(text: str) -> str:
    return " ".join(text.split())


def get_report(client, assessment):
    return client.get(reverse("cohorts:report_pdf", kwargs={"code": assessment.code}))


@pytest.fixture
def spanish(network):
    enterprise = make_sme(network.centre, "Conservas Rías S.L.")
    enterprise.owners.add(network.sme_owner)
    return assess(enterprise, share=0.4, sells=True, dii_yes=5, language="es")


def test_the_report_is_a_pdf_download(network, client_for, spanish):
    response = get_report(client_for("sme_owner"), spanish)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        'attachment; filename="conservas-rias-sl-t0-report.pdf"'
    )
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_report_speaks_the_assessments_language(network, client_for, spanish, tmp_path):
    result = spanish.modules.get(kind="dma_sme").module_result
    tips = advice(result, DMA, "es")

    text = pdf_text(get_report(client_for("manager"), spanish).content, tmp_path)

    assert "Conservas Rías S.L." in text
    assert "Medio" in text  # the level "average", in Spanish
    assert words(tips[0].text) in text
    assert "Estrategia empresarial digital" in text
    assert words(advice(result, DMA, "en")[0].text) not in text


def test_the_report_holds_the_scores_and_the_dii(network, client_for, spanish, tmp_path):
    dma = spanish.modules.get(kind="dma_sme")

    text = pdf_text(get_report(client_for("advisor"), spanish).content, tmp_path)

    overall = f"{dma.score:.1f}".replace(".", ",")  # as Spanish writes it
    assert overall in text
    assert "12" in text and "Bajo" in text  # DII: 5 of 12 is "low"


def test_the_report_shows_progress_up_to_its_stage(network, client_for, tmp_path):
    enterprise = make_sme(network.centre, "Twice S.L.")
    t0 = assess(enterprise, "T0", share=0.2)
    t1 = assess(enterprise, "T1", share=0.6)

    t1_text = pdf_text(get_report(client_for("manager"), t1).content, tmp_path)
    t0_text = pdf_text(get_report(client_for("manager"), t0).content, tmp_path)

    assert "Progress between stages" in t1_text and "T1 − T0" in t1_text
    assert "Progress between stages" not in t0_text  # T1 came later: not part of T0's report


def test_a_demo_assessment_says_so(network, client_for, tmp_path):
    demo = assess(make_sme(network.centre, "Demo S.L.", is_demo=True), is_demo=True)

    text = pdf_text(get_report(client_for("manager"), demo).content, tmp_path)

    assert "Demo data" in text


def test_real_data_carries_no_demo_notice(network, client_for, spanish, tmp_path):
    text = pdf_text(get_report(client_for("manager"), spanish).content, tmp_path)

    assert "Demo" not in text


def test_the_report_reads_a_fixed_number_of_queries(
    network, client_for, spanish, django_assert_num_queries
):
    assess(spanish.enterprise, "T1", share=0.7, language="es")
    client = client_for("sme_owner")

    # session, user, memberships, assessment, its modules, the enterprise's submitted DMAs
    with django_assert_num_queries(6):
        response = get_report(client, spanish)
    assert response.status_code == 200


# --- The radar, drawn on the server ----------------------------------------------------------


def test_radar_svg_is_well_formed_with_an_outline_per_series():
    svg = radar_chart_svg(
        labels=["Strategy & <plans>", "Readiness", "People", "Data", "AI", "Green"],
        series={"T0": [10, 20, 30, 40, 50, 60], "T1": [20, 30, 40, 50, 60, 150]},
    )

    root = ET.fromstring(svg)  # noqa: S314 - our own output, the thing under test
    polygons = list(root.iter(f"{SVG}polygon"))
    outlines = [p for p in polygons if p.get("fill") in PALETTE]
    assert root.tag == f"{SVG}svg"
    assert len(polygons) == 4 + 2  # four rings, two stages
    assert [p.get("stroke") for p in outlines] == PALETTE[:2]
    texts = "".join(root.itertext())
    assert "Strategy & <plans>" in texts and "T0" in texts and "T1" in texts


def test_radar_values_are_clamped_to_the_outer_ring():
    svg = radar_chart_svg(labels=["A", "B", "C"], series={"": [100, 100, 100]})
    over = radar_chart_svg(labels=["A", "B", "C"], series={"": [250, 100, 100]})

    assert svg == over
    assert "<rect" not in svg  # an unnamed series has no legend
