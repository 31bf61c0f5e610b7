"""The job status page and the progress fragment htmx polls."""

import pytest
from django.urls import reverse

from eminder.jobs.models import Job

HTMX = {"HX-Request": "true"}


@pytest.fixture
def job(network):
    return Job.objects.create(owner=network.manager, title="Profile of Galicia (PDF)")


def status_url(job):
    return reverse("jobs:status", kwargs={"code": job.code})


def test_full_page_has_the_layout_title_and_bar(client_for, job):
    html = client_for("manager").get(status_url(job)).content.decode()

    assert "<html" in html
    assert "<h1>Profile of Galicia (PDF)</h1>" in html
    assert '<progress id="job-bar" max="100" value="0">' in html


def test_htmx_request_gets_only_the_progress_fragment(client_for, job):
    response = client_for("manager").get(status_url(job), headers=HTMX)

    html = response.content.decode().strip()
    assert html.startswith('<div id="job-progress"')
    assert html.endswith("</div>")
    assert "<progress" in html
    assert "<html" not in html
    assert "<h1>" not in html


@pytest.mark.parametrize(
    ("changes", "percent", "text", "polls"),
    [
        ({}, 0, "Waiting to start…", True),
        ({"status": "running", "done_steps": 1, "total_steps": 3}, 33, "Working: 33% done.", True),
        (
            {"status": "done", "done_steps": 3, "total_steps": 3, "result_name": "p.pdf"},
            100,
            "Done.",
            False,
        ),
        (
            {"status": "failed", "message": "The disk is full."},
            0,
            "Failed. The disk is full.",
            False,
        ),
    ],
)
def test_fragment_follows_the_jobs_state(client_for, job, changes, percent, text, polls):
    Job.objects.filter(pk=job.pk).update(**changes)

    html = client_for("manager").get(status_url(job), headers=HTMX).content.decode()

    assert f'<progress id="job-bar" max="100" value="{percent}">' in html
    assert text in " ".join(html.split())
    assert ('hx-trigger="every 1s"' in html) is polls
    download = reverse("jobs:download", kwargs={"code": job.code})
    assert (download in html) is (changes.get("status") == "done")


def test_done_job_without_a_file_shows_its_summary_and_no_download(client_for, job):
    Job.objects.filter(pk=job.pk).update(status="done", message="1,234 observations imported.")

    html = client_for("manager").get(status_url(job), headers=HTMX).content.decode()

    assert "Done. 1,234 observations imported." in " ".join(html.split())
    assert reverse("jobs:download", kwargs={"code": job.code}) not in html


def test_message_is_escaped(client_for, job):
    Job.objects.filter(pk=job.pk).update(status="failed", message="<script>alert(1)</script>")

    html = client_for("manager").get(status_url(job), headers=HTMX).content.decode()

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_someone_elses_job_is_404_even_for_the_coordinator(client_for, job):
    assert client_for("coordinator").get(status_url(job), headers=HTMX).status_code == 404
