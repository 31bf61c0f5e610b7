"""Other apps add events to an enterprise's timeline by registering a source."""

from datetime import timedelta

from django.utils import timezone

from eminder.enterprises import services, timeline
from eminder.enterprises.timeline import Event, register_source, timeline_for


def test_a_registered_source_adds_its_events_in_order(network, enterprise, monkeypatch):
    monkeypatch.setattr(timeline, "_sources", list(timeline._sources))
    services.update_enterprise(
        actor=network.advisor, enterprise=enterprise, values={"status": "active"}
    )
    later = timezone.now() + timedelta(days=1)
    earlier = timezone.now() - timedelta(days=1)

    @register_source
    def assessments(enterprise):
        yield Event(when=later, title="Assessed digital maturity", kind="assessment")
        yield Event(when=earlier, title="Started the assessment", kind="assessment")

    assert [event.title for event in timeline_for(enterprise)] == [
        "Assessed digital maturity",
        "Changed an enterprise's details",
        "Started the assessment",
    ]
    register_source(assessments)  # registering twice adds it once
    assert len(timeline_for(enterprise)) == 3


def test_other_enterprises_events_stay_out(network, enterprise, foreign_enterprise):
    services.update_enterprise(
        actor=network.coordinator, enterprise=foreign_enterprise, values={"status": "active"}
    )

    assert timeline_for(enterprise) == []
