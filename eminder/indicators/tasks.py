import tempfile
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from eminder.indicators.models import PendingUpload
from eminder.indicators.records import StatisticsFileError
from eminder.indicators.services import import_statistics
from eminder.jobs import services as jobs


@task()
def import_uploaded_statistics(job_id: int, language: str) -> None:
    """Import an uploaded file in the background; the job shows progress and the outcome."""
    upload = PendingUpload.objects.select_related("job__owner").get(job_id=job_id)
    with translation.override(language), tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / Path(upload.file_name).name
        path.write_bytes(bytes(upload.content))

        def progress(done: int, total: int) -> None:
            jobs.report_progress(job_id=job_id, done=done, total=total)

        try:
            run = import_statistics(
                path=path,
                dataset=upload.dataset or None,
                name=upload.file_name,
                actor=upload.job.owner,
                progress=progress,
            )
        except StatisticsFileError as error:
            jobs.fail_job(job_id=job_id, message=str(error))
        else:
            summary = _("Dataset %(dataset)s: observations read: %(count)d; new: %(new)d.") % {
                "count": run.observations,
                "dataset": run.dataset.code,
                "new": run.created,
            }
            jobs.finish_job(job_id=job_id, message=summary)
        finally:
            upload.delete()
