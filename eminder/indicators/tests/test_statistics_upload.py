"""Uploading a statistics file: the coordinator's page queues a job, the real worker imports.

The worker commits as it goes, so these tests use a transactional database.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from eminder.indicators.models import Dataset, ImportRun, Observation, PendingUpload
from eminder.jobs.models import Job
from eminder.testing.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/statistics/imports/"
HEADER = "freq,indic_is,unit,size_emp,geo\\TIME_PERIOD\t2023 \t2024 \n"
VALID = (
    HEADER
    + "A,E_ESELL,PC_ENT,GE10,PL\t14.83 \t14.71 \nA,E_ESELL,PC_ENT,GE10,EU27_2020\t19.71 \t20.75 b\n"
)
INVALID = HEADER + "A,E_ESELL,PC_ENT,GE10,PL\t14.83 \t14.71 \nA,E_ESELL,PC_ENT,GE10,CY\tabc \t1 \n"


def tsv(text: str, name: str = "estat_isoc_ec_esels.tsv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/tab-separated-values")


def upload(client, text: str, **data):
    return client.post(reverse("indicators:imports"), {"file": tsv(text), **data})


def test_upload_queues_a_job_that_imports_the_file(client_for, network):
    client = client_for("coordinator")

    response = upload(client, VALID)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:status", kwargs={"code": job.code})
    assert (job.owner, job.title, job.status) == (
        network.coordinator,
        "Import of estat_isoc_ec_esels.tsv",
        Job.Status.QUEUED,
    )
    assert bytes(PendingUpload.objects.get(job=job).content) == VALID.encode()
    assert DBTaskResult.objects.get().args_kwargs["args"] == [job.pk, "en"]

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.message == "Dataset isoc_ec_esels: observations read: 4; new: 4."
    assert not PendingUpload.objects.exists()
    eu_2024 = Observation.objects.get(series__geo="EU27_2020", period="2024")
    assert (eu_2024.value, eu_2024.flags) == (20.75, "b")
    run = ImportRun.objects.get()
    assert (run.dataset.code, run.file_name, run.imported_by) == (
        "isoc_ec_esels",
        "estat_isoc_ec_esels.tsv",
        network.coordinator,
    )
    history = client.get(URL).content.decode()
    assert '<th scope="row">isoc_ec_esels</th><td>estat_isoc_ec_esels.tsv</td>' in history


def test_dataset_code_named_on_the_form(client_for, network):
    client = client_for("coordinator")
    upload_file = tsv(VALID, name="download.tsv")

    client.post(URL, {"file": upload_file, "dataset": "ISOC_EC_ESELS"})
    run_worker()

    assert PendingUpload.objects.count() == 0
    assert Dataset.objects.get().code == "isoc_ec_esels"
    assert Job.objects.get().status == Job.Status.DONE


def test_invalid_file_fails_the_job_with_file_and_line_and_imports_nothing(client_for, network):
    client = client_for("coordinator")
    upload(client, INVALID)

    run_worker()

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("estat_isoc_ec_esels.tsv, line 3: ")
    assert "abc" in job.message
    assert not Observation.objects.exists()
    assert not Dataset.objects.exists()
    assert not ImportRun.objects.exists()
    assert not PendingUpload.objects.exists()
    status = client.get(reverse("jobs:status", kwargs={"code": job.code})).content.decode()
    assert "Failed. estat_isoc_ec_esels.tsv, line 3:" in status


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": ""}, "The submitted file is empty."),
        ({"dataset": "isoc ec esels"}, "A dataset code has only letters, digits and underscores."),
    ],
)
def test_bad_uploads_get_a_clear_error(client_for, network, data, message):
    client = client_for("coordinator")

    response = upload(client, data.pop("file", VALID), **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_files_above_the_limit_are_refused(client_for, network, settings):
    settings.STATISTICS_UPLOAD_MAX_BYTES = 20

    response = upload(client_for("coordinator"), VALID)

    assert response.status_code == 400
    size = len(VALID.encode())
    assert f"The file is {size}\xa0bytes; the largest file accepted is 20\xa0bytes." in (
        response.content.decode()
    )
    assert not Job.objects.exists()


@pytest.mark.parametrize("persona", ["manager", "advisor", "trainer", "sme_owner", "outsider"])
def test_only_the_coordinator_may_upload(client_for, network, persona):
    response = upload(client_for(persona), VALID)

    assert response.status_code == 403
    assert not Job.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, network):
    response = upload(client, VALID)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not Job.objects.exists()
