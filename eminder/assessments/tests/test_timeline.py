"""Submitted assessments appear on their enterprise's timeline; drafts and withdrawn ones not."""

from eminder.assessments import services
from eminder.enterprises.timeline import timeline_for


def test_a_submitted_assessment_is_on_the_enterprise_timeline(client_for, enterprise, t0):
    events = [event for event in timeline_for(enterprise) if event.kind == "assessment"]

    assert [(e.title, e.detail) for e in events] == [
        ("Submitted the T0 digital maturity assessment", "Score 15.7 of 100: Basic.")
    ]
    page = client_for("sme_owner").get(f"/enterprises/{enterprise.code}/")
    assert "Submitted the T0 digital maturity assessment" in page.text


def test_drafts_and_withdrawn_assessments_stay_off_the_timeline(
    network, enterprise, t0, draft=None
):
    services.withdraw_assessment(actor=network.advisor, assessment=t0, reason="Duplicate")

    assert [e for e in timeline_for(enterprise) if e.kind == "assessment"] == []
