"""The build_centre_profile task, called in-process: the file it stores and how it fails."""

import pytest
from django.utils import translation

from eminder.centres.models import Centre
from eminder.centres.tasks import build_centre_profile
from eminder.jobs.models import Job


@pytest.fixture
def job(network):
    return Job.objects.create(owner=network.manager, title="Profile")


def test_stores_a_pdf_named_after_the_centre(network, job):
    build_centre_profile.call(job.pk, network.centre.pk, "en")

    job.refresh_from_db()
    assert (job.status, job.result_name, job.percent) == ("done", "galicia-profile.pdf", 100)
    assert bytes(job.result).startswith(b"%PDF")


def test_short_name_outside_latin_script_still_gives_a_file_name(network, job):
    network.centre.short_name = "Κύπρος"
    network.centre.save()

    build_centre_profile.call(job.pk, network.centre.pk, "el")

    job.refresh_from_db()
    assert job.result_name == "centre-profile.pdf"


def test_failure_message_is_in_the_requesters_language(network, job):
    centre_id = network.centre.pk
    network.centre.delete()

    with pytest.raises(Centre.DoesNotExist):
        build_centre_profile.call(job.pk, centre_id, "es")

    job.refresh_from_db()
    with translation.override("es"):
        expected = translation.gettext("The profile could not be generated. Try again later.")
    assert (job.status, job.message) == ("failed", expected)
    assert job.finished_at is not None
