"""Writing official statistics: imports (all or nothing, safe to repeat) and code labels."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eminder.audits.services import record_action
from eminder.indicators.codelists import CodeLists
from eminder.indicators.models import (
    CodeLabel,
    Dataset,
    ImportRun,
    Observation,
    PendingUpload,
    Series,
)
from eminder.indicators.parsers import open_statistics_file
from eminder.indicators.records import FileHeader, ObservationRecord, StatisticsFileError
from eminder.jobs.services import start_job

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from eminder.accounts.models import User
    from eminder.jobs.models import Job

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_DIR = DATA_DIR / "reference"
BATCH_SIZE = 5000
# Series ids kept in memory while importing; older ones are looked up again when needed, so
# memory stays flat however many series a file holds.
SERIES_CACHE_SIZE = 20_000

Progress = Callable[[int, int], None]
# Eurostat's titles of the shipped datasets, for files (tidy CSV, TSV) that do not carry one.
KNOWN_TITLES = {
    "isoc_ec_esels": "E-commerce sales of enterprises by size class of enterprise",
    "isoc_ec_ibuy": "Internet purchases by individuals (until 2019)",
    "isoc_ec_ib20": "Internet purchases by individuals (2020 onwards)",
    "isoc_e_dii": "Digital intensity by size class of enterprise",
    "isoc_r_iuse_i": "Individuals who used the internet, frequency of use and activities",
    "isoc_cicce_use": "Cloud computing services by size class of enterprise",
    "isoc_eb_ics": "Integration with customers and suppliers",
    "nama_10r_2gdp": "Gross domestic product (GDP) at current market prices by NUTS 2 regions",
}


@cache
def shipped_codelists() -> CodeLists:
    return CodeLists.load(DATA_DIR / "codelists")


def series_key(record: ObservationRecord) -> str:
    """The canonical key: every breakdown dimension by name, then the geo."""
    parts = [f"{dimension}={code}" for dimension, code in record.dimensions]
    return ",".join([*parts, f"geo={record.geo}"])


def import_statistics(
    *,
    path: Path,
    dataset: str | None = None,
    name: str | None = None,
    actor: User | None = None,
    progress: Progress | None = None,
) -> ImportRun:
    """Import one statistics file: every observation or, on any error, nothing at all.

    Re-importing a file updates the values and flags in place and never duplicates a row. A key
    repeated within one file is an error naming both lines' key and the second line.
    """
    started = timezone.now()
    file_name = name or path.name
    with (
        open_statistics_file(
            path, dataset=dataset, codelists=shipped_codelists(), name=file_name
        ) as source,
        transaction.atomic(),
    ):
        header = source.header
        target = _dataset_for(header)
        before = Observation.objects.filter(series__dataset=target).count()
        run = ImportRun.objects.create(
            dataset=target,
            file_name=file_name[:255],
            file_format=header.file_format,
            started_at=started,
            imported_by=actor if actor and actor.pk else None,
        )
        writer = _ObservationWriter(target, run.pk, file_name)
        for record in source.records():
            writer.add(record)
            if progress and writer.count % BATCH_SIZE == 0:
                progress(source.bytes_read, source.total_bytes)
        writer.flush()
        if progress:
            progress(source.total_bytes, source.total_bytes)
        run.observations = writer.count
        _refresh_planner_statistics()
        run.created = Observation.objects.filter(series__dataset=target).count() - before
        run.save(update_fields=["observations", "created"])
        record_action(
            actor=actor,
            action="statistics.import",
            target=run,
            details={"dataset": target.code, "observations": writer.count},
        )
    return run


def _refresh_planner_statistics() -> None:
    """Let PostgreSQL's planner see the rows just written.

    Until autovacuum analyses them, it plans as if the tables were still small, and a count or
    a page over hundreds of thousands of new rows can take minutes instead of milliseconds.
    ANALYZE samples the tables (fast) and may run inside the import's transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Series._meta.db_table}, {Observation._meta.db_table}")


def _dataset_for(header: FileHeader) -> Dataset:
    dataset, _created = Dataset.objects.get_or_create(code=header.dataset)
    known = list(dataset.dimensions)
    dataset.dimensions = known + [d for d in header.dimensions if d not in known]
    dataset.title = header.title or dataset.title
    dataset.last_update = header.last_update or dataset.last_update
    dataset.display_scale = header.display_scale
    dataset.unit_display_scales = header.unit_display_scales
    dataset.title = dataset.title or KNOWN_TITLES.get(header.dataset, "")
    if header.dataset == "desi":
        dataset.source = "European Commission, DESI"
    dataset.save()
    return dataset


class _ObservationWriter:
    """Writes records in batches: series first (created when new), then observations."""

    def __init__(self, dataset: Dataset, run_id: int, file_name: str) -> None:
        self.dataset = dataset
        self.run_id = run_id
        self.file_name = file_name
        self.batch: list[ObservationRecord] = []
        self.series_ids: OrderedDict[str, int] = OrderedDict()
        self.count = 0

    def add(self, record: ObservationRecord) -> None:
        self.batch.append(record)
        self.count += 1
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        keys = [series_key(record) for record in self.batch]
        ids = self._series_ids(keys)
        rows: dict[tuple[int, str], Observation] = {}
        records: dict[tuple[int, str], ObservationRecord] = {}
        for key, record in zip(keys, self.batch, strict=True):
            row_key = (ids[key], record.period)
            if row_key in rows:
                self._duplicate(record, key)
            records[row_key] = record
            rows[row_key] = Observation(
                series_id=ids[key],
                period=record.period,
                value=record.value,
                flags=record.flags,
                confidentiality=record.confidentiality,
                import_run=self.run_id,
            )
        self._check_earlier_batches(records)
        Observation.objects.bulk_create(
            rows.values(),
            update_conflicts=True,
            unique_fields=["series", "period"],
            update_fields=["value", "flags", "confidentiality", "import_run"],
        )
        self.batch = []

    def _series_ids(self, keys: Iterable[str]) -> dict[str, int]:
        wanted = set(keys)
        missing = [key for key in wanted if key not in self.series_ids]
        if missing:
            self._load_series(missing)
        found = {key: self.series_ids[key] for key in wanted}
        for key in wanted:
            self.series_ids.move_to_end(key)
        while len(self.series_ids) > SERIES_CACHE_SIZE:
            self.series_ids.popitem(last=False)
        return found

    def _load_series(self, keys: list[str]) -> None:
        records = {series_key(record): record for record in self.batch}
        Series.objects.bulk_create(
            [
                Series(
                    dataset=self.dataset,
                    key=key,
                    dimensions=dict(records[key].dimensions),
                    geo=records[key].geo,
                )
                for key in keys
            ],
            ignore_conflicts=True,
        )
        self.series_ids.update(
            Series.objects.filter(dataset=self.dataset, key__in=keys).values_list("key", "id")
        )

    def _check_earlier_batches(self, records: dict[tuple[int, str], ObservationRecord]) -> None:
        """A key already written by this import, in an earlier batch, is repeated in the file."""
        written = Observation.objects.filter(
            series_id__in={series_id for series_id, _period in records}, import_run=self.run_id
        ).values_list("series_id", "period")
        for row_key in written:
            if row_key in records:
                self._duplicate(records[row_key], series_key(records[row_key]))

    def _duplicate(self, record: ObservationRecord, key: str) -> None:
        raise StatisticsFileError(
            self.file_name,
            record.line,
            _("the observation %(key)s, %(period)s appears a second time.")
            % {"key": key, "period": record.period},
        )


def load_code_labels(*, codelists: CodeLists | None = None) -> int:
    """Store the labels of every code of the shipped code lists; safe to run again."""
    lists = codelists or shipped_codelists()
    rows = [
        CodeLabel(dimension=dimension, code=code, labels=labels)
        for dimension, code, labels in lists.iter_labels()
    ]
    with transaction.atomic():
        CodeLabel.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["dimension", "code"],
            update_fields=["labels"],
        )
    return len(rows)


def load_reference_statistics(*, progress: Progress | None = None) -> list[ImportRun]:
    """The code labels and every shipped reference file (the demo's and a new site's start)."""
    load_code_labels()
    return [
        import_statistics(path=path, progress=progress)
        for path in sorted(REFERENCE_DIR.iterdir())
        if path.is_file()
    ]


def queue_upload(*, owner: User, upload: UploadedFile, dataset: str) -> Job:
    """Keep the uploaded bytes and start the job that imports them (both or neither)."""
    # The task module imports this one: import it when needed, not at load time.
    from eminder.indicators.tasks import import_uploaded_statistics

    name = (upload.name or "statistics")[-255:]
    language = get_language()
    with transaction.atomic():
        # The task is enqueued when this outer transaction commits, after the upload is saved.
        job = start_job(
            owner=owner,
            title=_("Import of %(file)s") % {"file": name},
            enqueue=lambda job_id: import_uploaded_statistics.enqueue(job_id, language),
        )
        content = b"".join(upload.chunks())
        PendingUpload.objects.create(job=job, file_name=name, dataset=dataset, content=content)
    return job
