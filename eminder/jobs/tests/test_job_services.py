"""start_job, report_progress, finish_job and fail_job: the life of a job record."""

import pytest

from eminder.jobs.models import Job
from eminder.jobs.services import fail_job, finish_job, report_progress, start_job


def test_start_job_enqueues_only_once_the_record_is_committed(
    network, django_capture_on_commit_callbacks
):
    enqueued = []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_job(owner=network.manager, title="Report", enqueue=enqueued.append)

    assert enqueued == []
    assert (job.status, job.owner, job.percent) == (Job.Status.QUEUED, network.manager, 0)
    for callback in callbacks:
        callback()
    assert enqueued == [job.pk]


def test_progress_marks_the_job_running(network):
    job = Job.objects.create(owner=network.manager, title="Report")

    report_progress(job_id=job.pk, done=2, total=8)

    job.refresh_from_db()
    assert (job.status, job.done_steps, job.total_steps, job.percent) == ("running", 2, 8, 25)
    assert not job.is_finished


def test_finish_stores_the_result(network):
    job = Job.objects.create(owner=network.manager, title="Report")

    finish_job(job_id=job.pk, name="r.pdf", content_type="application/pdf", content=b"%PDF")

    job.refresh_from_db()
    assert (job.status, job.result_name, job.result_content_type) == (
        "done",
        "r.pdf",
        "application/pdf",
    )
    assert bytes(job.result) == b"%PDF"
    assert job.percent == 100
    assert job.is_finished
    assert job.finished_at is not None


def test_fail_keeps_the_message(network):
    job = Job.objects.create(owner=network.manager, title="Report")

    fail_job(job_id=job.pk, message="Try again later.")

    job.refresh_from_db()
    assert (job.status, job.message, job.is_finished) == ("failed", "Try again later.", True)
    assert job.finished_at is not None


@pytest.mark.parametrize(
    ("done", "total", "percent"), [(0, 0, 0), (0, 3, 0), (1, 3, 33), (2, 3, 67), (5, 3, 100)]
)
def test_percent_is_bounded_and_rounded(done, total, percent):
    assert Job(status="running", done_steps=done, total_steps=total).percent == percent
