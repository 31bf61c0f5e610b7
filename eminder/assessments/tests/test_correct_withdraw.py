"""A submitted assessment can be reopened for correction or withdrawn, the reason kept in the
audit log; the enterprise's maturity level follows its latest submitted assessment."""

import pytest
from django.urls import reverse

from eminder.assessments import services
from eminder.assessments.models import Assessment
from eminder.assessments.tests.conftest import put_answers, strong_dma_answers
from eminder.audits.models import AuditEntry
from eminder.enterprises.models import Enterprise


def url(name: str, assessment: Assessment) -> str:
    return reverse(f"assessments:{name}", kwargs={"code": assessment.code})


def maturity() -> str:
    return Enterprise.objects.get(name="Conservas Rías S.L.").maturity_level


def test_a_correction_reopens_the_assessment_with_the_reason_in_the_audit_log(
    client_for, network, t0
):
    assert maturity() == "basic"

    response = client_for("advisor").post(url("correct", t0), {"reason": "Q3 was misread."})

    assert response.status_code == 302
    assert response["Location"] == url("detail", t0)
    t0.refresh_from_db()
    assert (t0.status, t0.correction_count) == ("draft", 1)
    entry = AuditEntry.objects.get(action="assessment.correct")
    assert entry.actor == network.advisor
    assert entry.details["reason"] == "Q3 was misread."
    assert entry.details["previous_scores"]["dma_sme"]["level"] == "basic"
    assert maturity() == ""  # no submitted assessment counts meanwhile


def test_a_corrected_assessment_is_scored_again_when_submitted_again(network, t0):
    services.correct_assessment(actor=network.manager, assessment=t0, reason="Wrong answers")
    put_answers(t0, dma_sme=strong_dma_answers())

    services.submit_assessment(assessment=t0, actor=network.manager)

    t0.refresh_from_db()
    module = t0.modules.get(kind="dma_sme")
    assert (t0.status, module.level) == ("submitted", "advanced")
    assert maturity() == "advanced"
    submissions = AuditEntry.objects.filter(action="assessment.submit").order_by("id")
    assert [entry.details["correction"] for entry in submissions] == [0, 1]


def test_a_withdrawal_keeps_the_reason_and_the_assessment_stops_counting(client_for, network, t0):
    response = client_for("manager").post(url("withdraw", t0), {"reason": "Duplicate of another"})

    assert response.status_code == 302
    t0.refresh_from_db()
    assert t0.status == "withdrawn"
    entry = AuditEntry.objects.get(action="assessment.withdraw")
    assert entry.details == {"reason": "Duplicate of another", "previous_status": "submitted"}
    assert maturity() == ""
    assert client_for("sme_owner").get(url("detail", t0)).status_code == 404
    assert "withdrawn" in client_for("advisor").get(url("detail", t0)).text


def test_a_draft_can_be_withdrawn_too(client_for, draft):
    client_for("advisor").post(url("withdraw", draft), {"reason": "Started twice"})

    draft.refresh_from_db()
    assert draft.status == "withdrawn"


@pytest.mark.parametrize("name", ["correct", "withdraw"])
def test_a_reason_is_required(client_for, t0, name):
    response = client_for("advisor").post(url(name, t0), {"reason": "   "})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    t0.refresh_from_db()
    assert t0.status == "submitted"
    assert not AuditEntry.objects.filter(action=f"assessment.{name}").exists()


def test_only_a_submitted_assessment_can_be_corrected(client_for, draft):
    response = client_for("advisor").post(url("correct", draft), {"reason": "Why not"})

    assert response.status_code == 400
    assert "Only a submitted assessment can be corrected." in response.text


def test_a_withdrawn_assessment_cannot_be_withdrawn_again(client_for, network, t0):
    services.withdraw_assessment(actor=network.advisor, assessment=t0, reason="Duplicate")

    response = client_for("advisor").post(url("withdraw", t0), {"reason": "Again"})

    assert response.status_code == 400
    assert AuditEntry.objects.filter(action="assessment.withdraw").count() == 1


@pytest.mark.parametrize(
    ("persona", "status"), [("trainer", 403), ("sme_owner", 403), ("outsider", 404)]
)
@pytest.mark.parametrize("name", ["correct", "withdraw"])
def test_readers_may_not_correct_or_withdraw(client_for, t0, persona, status, name):
    assert client_for(persona).post(url(name, t0), {"reason": "No"}).status_code == status
    t0.refresh_from_db()
    assert t0.status == "submitted"
