from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from eminder.jobs.models import Job

if TYPE_CHECKING:
    from eminder.accounts.models import User


def start_job(*, owner: User, title: str, enqueue: Callable[[int], object]) -> Job:
    """Create the progress record and enqueue its task once the record is committed."""
    with transaction.atomic():
        job = Job.objects.create(owner=owner, title=title)
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def report_progress(*, job_id: int, done: int, total: int) -> None:
    """Record how far a running job is; the page polling it shows the bar."""
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, done_steps=done, total_steps=total
    )


def finish_job(
    *,
    job_id: int,
    name: str = "",
    content_type: str = "",
    content: bytes | None = None,
    message: str = "",
) -> None:
    """Mark the job done, with its result file (if it makes one) and a summary to show."""
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE,
        result_name=name,
        result_content_type=content_type,
        result=content,
        message=message,
        finished_at=timezone.now(),
    )


def fail_job(*, job_id: int, message: str) -> None:
    """Mark the job failed with a message the user can read."""
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, message=message, finished_at=timezone.now()
    )
