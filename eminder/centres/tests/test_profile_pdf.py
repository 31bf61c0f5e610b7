"""The centre profile PDF, end to end: the page queues a job, the real database worker runs it.

The worker commits as it goes, so these tests use a transactional database.
"""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from eminder.jobs.models import Job
from eminder.testing.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def request_profile(client, centre) -> Job:
    response = client.post(reverse("centres:profile_pdf", kwargs={"code": centre.code}))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:status", kwargs={"code": job.code})
    return job


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text by pdftotext when the machine has it, else its raw bytes as text."""
    if shutil.which("pdftotext") is None:
        return content.decode("latin-1")
    path = tmp_path / "profile.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603 - a fixed tool on our own file
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def test_posting_queues_a_job_for_the_requester(client_for, network):
    job = request_profile(client_for("advisor"), network.centre)

    assert (job.owner, job.status, job.title) == (
        network.advisor,
        Job.Status.QUEUED,
        "Profile of Galicia (PDF)",
    )
    task = DBTaskResult.objects.get()
    assert task.task_path == "eminder.centres.tasks.build_centre_profile"
    assert task.args_kwargs["args"] == [job.pk, network.centre.pk, "en"]


def test_task_renders_in_the_requesters_language(client_for, network):
    network.advisor.language = "pl"
    network.advisor.save()

    request_profile(client_for("advisor"), network.centre)

    assert DBTaskResult.objects.get().args_kwargs["args"][2] == "pl"


def test_worker_builds_the_pdf(client_for, network, tmp_path):
    job = request_profile(client_for("manager"), network.centre)

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done_steps, job.total_steps, job.percent) == (3, 3, 100)
    assert job.finished_at is not None
    assert (job.result_name, job.result_content_type) == ("galicia-profile.pdf", "application/pdf")
    content = bytes(job.result)
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    for expected in ("Centre of Galicia", "ES11 Galicia", "University of Galicia", "Santiago"):
        assert expected in text
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_pdf_speaks_the_requesters_language(client_for, network, tmp_path):
    network.manager.language = "es"
    network.manager.save()
    job = request_profile(client_for("manager"), network.centre)

    run_worker()

    job.refresh_from_db()
    with translation.override("es"):
        heading = translation.gettext("Regions covered")
    assert heading in pdf_text(bytes(job.result), tmp_path)


def test_owner_downloads_the_pdf(client_for, network):
    client = client_for("manager")
    job = request_profile(client, network.centre)
    run_worker()

    response = client.get(reverse("jobs:download", kwargs={"code": job.code}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="galicia-profile.pdf"'
    assert response.content.startswith(b"%PDF")
    assert response.content == bytes(Job.objects.get(pk=job.pk).result)


def test_status_page_polls_until_done_then_offers_the_download(client_for, network):
    client = client_for("manager")
    job = request_profile(client, network.centre)
    status_url = reverse("jobs:status", kwargs={"code": job.code})
    download_url = reverse("jobs:download", kwargs={"code": job.code})

    before = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    run_worker()
    after = client.get(status_url, headers={"HX-Request": "true"}).content.decode()

    assert f'hx-get="{status_url}"' in before
    assert "Waiting to start" in before
    assert download_url not in before
    assert "hx-get" not in after
    assert '<progress id="job-bar" max="100" value="100">' in after
    assert f'<a href="{download_url}">Download the result</a>' in after


def test_failing_task_marks_the_job_failed_with_a_message(client_for, network):
    client = client_for("coordinator")
    job = request_profile(client, network.other_centre)
    # The centre goes away before a worker picks the job up.
    network.other_centre.delete()

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "The profile could not be generated. Try again later."
    assert job.finished_at is not None
    assert not job.result
    task = DBTaskResult.objects.get()
    assert (task.status, task.exception_class_path) == (
        "FAILED",
        "eminder.centres.models.Centre.DoesNotExist",
    )
    html = client.get(reverse("jobs:status", kwargs={"code": job.code})).content.decode()
    assert "Failed. The profile could not be generated. Try again later." in html
    assert client.get(reverse("jobs:download", kwargs={"code": job.code})).status_code == 404
