"""Questionnaire versions are stored once, by command or on first use, and never changed."""

import pytest
from django.core.management import CommandError, call_command

from eminder.assessments.instruments import available_instruments, load_instrument
from eminder.assessments.models import InstrumentVersion
from eminder.assessments.services import InstrumentConflict, stored_version, sync_instruments
from eminder.audits.models import AuditEntry


def test_every_shipped_version_is_stored_once(db, capsys):
    call_command("sync_instruments")
    call_command("sync_instruments")

    assert InstrumentVersion.objects.count() == len(available_instruments())
    assert "0 stored now" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="instrument.store").count() == 1


def test_the_stored_copy_rebuilds_the_same_instrument(db):
    shipped = load_instrument("dma_sme", 1)
    stored = stored_version(shipped)

    assert stored.content_is_intact
    assert stored.as_instrument().fingerprint == shipped.fingerprint
    assert (stored.instrument, stored.version, stored.checksum) == ("dma_sme", 1, shipped.checksum)


def test_a_shipped_file_that_differs_from_its_stored_copy_is_refused(db):
    shipped = load_instrument("dma_sme", 1)
    InstrumentVersion.objects.create(
        instrument="dma_sme",
        version=1,
        scoring="dma_sme",
        confirmed=True,
        content=shipped.content.replace("Website", "Web site"),
        checksum="0" * 64,
        fingerprint=shipped.fingerprint,
    )

    with pytest.raises(InstrumentConflict):
        sync_instruments()
    with pytest.raises(CommandError, match="new version"):
        call_command("sync_instruments")
    assert InstrumentVersion.objects.count() == 1  # nothing stored, nothing changed
    assert InstrumentVersion.objects.get().checksum == "0" * 64


def test_starting_an_assessment_stores_the_versions_it_uses(network, enterprise):
    from eminder.assessments.tests.conftest import start

    start(enterprise, network.advisor, optional_modules=["dii"])

    assert set(InstrumentVersion.objects.values_list("instrument", "version")) == {
        ("dma_sme", 1),
        ("dii_2023", 1),
    }
