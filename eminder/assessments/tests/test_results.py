"""Results: scores, level, a radar chart with its table and downloads, progress between
stages over the dimensions the questionnaire versions share, and advice."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eminder.assessments.instruments import load_instrument
from eminder.assessments.instruments.loader import DATA_DIR, instrument_from_data
from eminder.assessments.models import ModuleResponse
from eminder.assessments.services import stored_version
from eminder.assessments.tests.conftest import (
    DMA,
    dma_answers,
    start,
    strong_dma_answers,
    submitted,
)


def url(assessment, **query) -> str:
    base = reverse("assessments:detail", kwargs={"code": assessment.code})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def chart_data(response, chart_id: str) -> dict:
    html = response.text
    start_tag = f'<script id="{chart_id}-data" type="application/json">'
    return json.loads(html.split(start_tag)[1].split("</script>")[0])


def test_results_show_the_overall_score_level_and_every_dimension(client_for, t0):
    response = client_for("advisor").get(url(t0))

    assert response.status_code == 200
    [dma, ecommerce, dii] = response.context["modules"]
    assert (round(dma.result.score, 1), dma.level) == (15.7, "Basic")
    assert [label for label, _score in dma.dimensions] == [s.label.en for s in DMA.sections]
    assert "Digital maturity level" in response.text
    assert (dii.result.score, dii.level) == (9.0, "High")
    assert ecommerce.values[0][1] == 12.5


def test_results_have_a_radar_chart_with_its_table(client_for, t0):
    response = client_for("advisor").get(url(t0))

    figure = chart_data(response, "dma-radar")
    [trace] = figure["data"]
    assert trace["type"] == "scatterpolar"
    assert trace["theta"][0] == trace["theta"][-1] == "Digital business strategy"
    assert trace["r"][:6] == [16.7, 25.0, 7.1, 15.5, 0.0, 30.0]
    assert "Table of the figures" in response.text
    assert 'src="/static/plotly/plotly.min.js"' in response.text


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_radar_table_downloads(client_for, t0, file_format):
    response = client_for("advisor").get(url(t0, format=file_format))

    assert response.status_code == 200
    if file_format == "csv":
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[:2] == ["Dimension,Score (0 to 100)", "Digital business strategy,16.7"]
        assert "version 1" in lines[-1]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [cell.value for cell in sheet[2]] == ["Digital business strategy", 16.7]


def test_an_unknown_download_is_refused(client_for, t0):
    assert client_for("advisor").get(url(t0, format="pdf")).status_code == 404
    assert client_for("advisor").get(url(t0, format="csv", chart="progress")).status_code == 404


def test_every_dimension_at_or_below_50_gets_advice_lowest_first(client_for, t0):
    response = client_for("advisor").get(url(t0))

    advice = response.context["modules"][0].advice
    assert [item.dimension for item in advice] == [
        "automation_ai",
        "human_centric_digitalisation",
        "data_management",
        "digital_business_strategy",
        "digital_readiness",
        "green_digitalisation",
    ]
    assert DMA.sections[4].advice.en in response.text


def test_when_no_dimension_is_that_low_the_two_lowest_get_advice(client_for, network, enterprise):
    assessment = submitted(enterprise, network.advisor, answers=strong_dma_answers())

    advice = client_for("advisor").get(url(assessment)).context["modules"][0].advice

    assert [item.dimension for item in advice] == ["automation_ai", "digital_readiness"]


def test_advice_is_in_the_viewers_language(client_for, network, t0):
    network.advisor.language = "gl"
    network.advisor.save()

    response = client_for("advisor").get(url(t0))

    assert DMA.sections[4].advice.gl in response.text
    assert DMA.sections[4].label.gl in response.text


def test_progress_between_t0_and_t1_per_dimension(client_for, network, enterprise, t0):
    t1 = submitted(enterprise, network.advisor, stage="T1", answers=strong_dma_answers())

    response = client_for("advisor").get(url(t1))

    progress = response.context["progress"]
    assert progress.stages == ["T0", "T1"]
    assert progress.notes == []
    first = progress.rows[0]
    assert (first.label, first.shown_changes) == ("Digital business strategy", ["+83.3"])
    assert progress.shown_overall_changes == ["+79.3"]
    figure = chart_data(response, "dma-progress")
    assert [trace["name"] for trace in figure["data"]] == ["T0", "T1"]
    csv = client_for("advisor").get(url(t1, chart="progress", format="csv"))
    assert csv.content.decode("utf-8-sig").splitlines()[:2] == [
        "Dimension,T0,T1,T1 − T0",
        "Digital business strategy,16.7,100.0,83.3",
    ]


def test_no_progress_before_a_second_stage(client_for, t0):
    assert client_for("advisor").get(url(t0)).context["progress"] is None


def dma_version_2_without(section_id: str):
    """A second DMA version: the first without one dimension."""
    data = json.loads((DATA_DIR / "dma_sme_v1.json").read_text(encoding="utf-8"))
    data["version"] = 2
    data["sections"] = [s for s in data["sections"] if s["id"] != section_id]
    return instrument_from_data(data, source="dma_sme_v2 (test)")


def test_a_version_change_compares_the_shared_dimensions_only_and_says_so(
    client_for, network, enterprise, t0
):
    version_2 = dma_version_2_without("green_digitalisation")
    t1 = start(enterprise, network.advisor, stage="T1", assessed_on=date(2026, 3, 1))
    answers = {k: v for k, v in strong_dma_answers().items() if k not in {"q10", "q11"}}
    ModuleResponse.objects.filter(assessment=t1).update(
        instrument_version=stored_version(version_2), answers=answers
    )
    from eminder.assessments.services import submit_assessment

    submit_assessment(assessment=t1, actor=network.advisor)

    progress = client_for("advisor").get(url(t1)).context["progress"]
    assert [row.label for row in progress.rows] == [s.label.en for s in DMA.sections[:5]]
    assert progress.notes == [
        "The questionnaire changed: T0 was answered in version 1, T1 in version 2. "
        "Their overall scores are not compared.",
        "Not compared, as not every version has them: Green digitalisation.",
    ]
    assert progress.shown_overall_changes == ["–"]
    assert progress.rows[0].shown_changes == ["+83.3"]


def test_other_settings_of_the_same_version_are_said_too(client_for, network, enterprise, t0):
    t1 = start(enterprise, network.advisor, stage="T1", assessed_on=date(2026, 3, 1))
    variant = load_instrument("dma_sme", 1).with_settings(d1_variant="B")
    ModuleResponse.objects.filter(assessment=t1).update(
        settings=variant.settings_values(), answers=dma_answers()
    )
    from eminder.assessments.services import submit_assessment

    submit_assessment(assessment=t1, actor=network.advisor)

    progress = client_for("advisor").get(url(t1)).context["progress"]
    assert progress.notes == [
        "T0 and T1 were scored with different settings. Their overall scores are not compared."
    ]
    assert len(progress.rows) == 6


def test_the_sme_owner_reads_the_results_without_actions(client_for, t0):
    response = client_for("sme_owner").get(url(t0))

    assert response.status_code == 200
    assert "Correct the answers" not in response.text
    assert "Correct the answers" in client_for("advisor").get(url(t0)).text


def test_the_enterprises_list_shows_each_assessment_and_its_scores(
    client_for, network, enterprise, t0
):
    start(enterprise, network.advisor, stage="T1")

    staff = client_for("trainer").get(f"/enterprises/{enterprise.code}/assessments/")
    owner = client_for("sme_owner").get(f"/enterprises/{enterprise.code}/assessments/")

    assert [a.stage for a in staff.context["assessments"]] == ["T0", "T1"]
    assert "15.7 · Basic" in staff.text and "9/12 · High" in staff.text
    assert [a.stage for a in owner.context["assessments"]] == ["T0"]  # drafts are staff's
    assert "Start an assessment" not in staff.text
    assert (
        "Start an assessment"
        in client_for("advisor").get(f"/enterprises/{enterprise.code}/assessments/").text
    )


def test_results_query_count_is_fixed(
    client_for, network, enterprise, t0, django_assert_num_queries
):
    t1 = submitted(enterprise, network.advisor, stage="T1", answers=strong_dma_answers())
    client = client_for("advisor")
    client.get(url(t1))  # session and stored questionnaires warmed up

    # session, user, memberships, assessment, its modules, the stages' DMA modules
    with django_assert_num_queries(6):
        client.get(url(t1))


def test_list_query_count_does_not_grow_with_assessments(
    client_for, network, enterprise, t0, django_assert_num_queries
):
    submitted(enterprise, network.advisor, stage="T1", answers=strong_dma_answers())
    start(enterprise, network.advisor, stage="T2")
    client = client_for("advisor")

    # session, user, memberships, enterprise, assessments, their modules
    with django_assert_num_queries(6):
        response = client.get(f"/enterprises/{enterprise.code}/assessments/")
    assert len(response.context["assessments"]) == 3


def test_a_draft_shows_its_steps_not_results(client_for, draft):
    response = client_for("trainer").get(url(draft))

    assert response.status_code == 200
    assert response.context["steps"][0]["title"] == "Digital business strategy"
    assert "Continue the questionnaire" not in response.text  # trainers read


def test_levels_are_in_the_viewers_language(client_for, network, t0):
    network.trainer.language = "pl"
    network.trainer.save()

    response = client_for("trainer").get(url(t0))

    assert DMA.levels[0].label.pl in response.text
    assert '<html lang="pl">' in response.text
