from collections.abc import Callable, Sequence
from pathlib import Path

from django.db import transaction

from eminder.regions.models import CURRENT_NUTS_VERSION, Region
from eminder.regions.nuts import RegionRecord, build_records

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 1000

Progress = Callable[[int, int], None]


def load_regions(*, directory: Path = DATA_DIR, progress: Progress | None = None) -> int:
    """Create or update every NUTS region from the code lists; safe to run again."""
    records = build_records(directory)
    current = [r for r in records if r.nuts_version == CURRENT_NUTS_VERSION]
    steps = len(current) + len(records)
    with transaction.atomic():
        # The 2021 regions first: every successor is one of them, so the second pass can link
        # each code to its successor in the same statement that writes it.
        _upsert(current, {}, done=0, steps=steps, progress=progress)
        successor_ids = dict(Region.objects.current().values_list("code", "id"))
        _upsert(records, successor_ids, done=len(current), steps=steps, progress=progress)
    return len(records)


def _upsert(
    records: Sequence[RegionRecord],
    successor_ids: dict[str, int],
    *,
    done: int,
    steps: int,
    progress: Progress | None,
) -> None:
    for start in range(0, len(records), BATCH_SIZE):
        batch = records[start : start + BATCH_SIZE]
        Region.objects.bulk_create(
            [
                Region(
                    code=r.code,
                    nuts_version=r.nuts_version,
                    level=r.level,
                    country_code=r.country_code,
                    name=r.name,
                    name_latin=r.name_latin,
                    successor_id=successor_ids.get(r.successor_code),
                )
                for r in batch
            ],
            update_conflicts=True,
            unique_fields=["code", "nuts_version"],
            update_fields=["level", "country_code", "name", "name_latin", "successor"],
        )
        if progress:
            progress(done + start + len(batch), steps)
