from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from eminder.regions.models import CURRENT_NUTS_VERSION, Region
from eminder.regions.nuts import build_records

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 1000


def load_regions(
    *, directory: Path = DATA_DIR, progress: Callable[[int, int], None] | None = None
) -> int:
    """Create or update every NUTS region from the code lists; safe to run again."""
    records = build_records(directory)
    total = len(records)
    with transaction.atomic():
        for start in range(0, total, BATCH_SIZE):
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
                    )
                    for r in batch
                ],
                update_conflicts=True,
                unique_fields=["code", "nuts_version"],
                update_fields=["level", "country_code", "name", "name_latin"],
            )
            if progress:
                progress(min(start + BATCH_SIZE, total), total * 2)
        _link_successors(records, total, progress)
    return total


def _link_successors(records, total, progress) -> None:
    current_ids = dict(
        Region.objects.filter(nuts_version=CURRENT_NUTS_VERSION).values_list("code", "id")
    )
    all_ids = {
        (code, v): pk for pk, code, v in Region.objects.values_list("id", "code", "nuts_version")
    }
    updates = []
    for r in records:
        region = Region(id=all_ids[(r.code, r.nuts_version)])
        region.successor_id = current_ids.get(r.successor_code)
        updates.append(region)
    for start in range(0, len(updates), BATCH_SIZE):
        Region.objects.bulk_update(updates[start : start + BATCH_SIZE], ["successor"])
        if progress:
            progress(total + min(start + BATCH_SIZE, total), total * 2)
