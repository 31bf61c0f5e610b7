"""Benchmark of the statistics import and of the pages and API reading it: `make bench`.

Every figure is a ratio to a floor measured in the same run, on the same data and database, so
that it means the same on a laptop and on a server:

* import: `import_statistics` against the csv module reading the same file plus a plain bulk
  insert of the same rows, in batches of the same size, into a bare table (no index, key or
  conflict handling): executemany on SQLite, COPY on PostgreSQL;
* memory: the peak resident size of a process importing a small and the full generated file;
  it must not grow with the file;
* queries: explorer and API requests through the test client, against a bare COUNT(*) of the
  rows each one has to read.

Runs on a throwaway SQLite file under a temporary folder, or, when DATABASE_URL names a
PostgreSQL server, in a throwaway database created there (eminder_bench_<pid>) and dropped
afterwards; any other DATABASE_URL is ignored, so a development database is never touched:

    make bench
    EMINDER_BENCH_OBSERVATIONS=5000000 make bench
    bash scripts/with-postgres.sh make bench

Environment: EMINDER_BENCH_OBSERVATIONS (generated file, default 1000000),
EMINDER_BENCH_SMALL_OBSERVATIONS (the smaller file of the memory check, default 200000),
EMINDER_BENCH_PROFILE=1 (also profile the import of the smaller file and print where time goes),
EMINDER_BENCH_TRACEMALLOC=1 (also import both files again under tracemalloc, about five times
slower, for the peak of Python's own allocations), EMINDER_BENCH_KEEP=1 (keep the temporary
folder and its SQLite database).
"""

from __future__ import annotations

import cProfile
import csv
import gc
import gzip
import io
import json
import logging
import math
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATASET = "isoc_bench"
PERIODS = [str(year) for year in range(2010, 2025)]
COUNTRIES = "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"
# The EU, 27 countries and 12 regions each: 352 geos, about as many as NUTS 2 has.
GEOS = ["EU27_2020"] + [
    code
    for country in COUNTRIES.split()
    for code in [country, *(f"{country}{r:02}" for r in range(12))]
]
UNITS = ["PC_ENT", "PC_TURN"]
SIZES = ["0-9", "10-49", "50-249", "GE10", "GE250"]
FLOOR_TABLE = "bench_floor"
TIMED_RUNS = 5
TIMED_SECONDS = 8.0


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").replace("_", "") or default)


OBSERVATIONS = env_int("EMINDER_BENCH_OBSERVATIONS", 1_000_000)
SMALL_OBSERVATIONS = min(env_int("EMINDER_BENCH_SMALL_OBSERVATIONS", 200_000), OBSERVATIONS // 5)


# --- Django, on a throwaway database ------------------------------------------------------


def setup_django(database_url: str) -> None:
    """Configure Django for this process; the database is chosen before django.setup()."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "eminder.settings"
    # The explorer's pages render with plain static files over plain HTTP, as in the tests.
    os.environ["EMINDER_STATIC_MANIFEST"] = "0"
    os.environ["DJANGO_HTTPS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # The refused requests timed on purpose would each log a warning.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    name = os.environ.get("EMINDER_BENCH_DATABASE_NAME")
    if name:  # a child process: the parent's throwaway PostgreSQL database
        from django.conf import settings
        from django.db import connection

        settings.DATABASES["default"]["NAME"] = name
        connection.settings_dict["NAME"] = name


def create_database(folder: Path) -> Callable[[], None]:
    """Migrate a throwaway database; returns what drops it again."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
        return lambda: None
    old_name = connection.settings_dict["NAME"]
    # Django's test database machinery, under a name of our own: never a test run's database.
    connection.settings_dict["TEST"]["NAME"] = f"eminder_bench_{os.getpid()}"
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    os.environ["EMINDER_BENCH_DATABASE_NAME"] = name
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def database_description() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]} (file {connection.settings_dict['NAME']})"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0]} (database {connection.settings_dict['NAME']})"


# --- The generated Eurostat TSV -----------------------------------------------------------


def indicators() -> Iterator[str]:
    yield "E_ESELL"
    for number in range(1, 100_000):
        yield f"E_BENCH{number:03}"


def tsv_cell(rng: random.Random) -> str:
    """A cell as Eurostat writes them: "12.34 ", "12.34 e", ": ", ": u", ": c"."""
    draw = rng.random()
    if draw < 0.04:
        return ": "
    if draw < 0.05:
        return rng.choice([": u", ": c", ": z"])
    flags = rng.choice(["b", "e", "p", "u"]) if draw > 0.95 else ""
    return f"{rng.uniform(0, 100):.2f} {flags}"


def write_tsv(path: Path, observations: int, seed: int = 2024) -> int:
    """A current-format Eurostat TSV of about this many observations; the number written."""
    rng = random.Random(seed)  # noqa: S311 (reproducible figures, not secrets)
    series_wanted = math.ceil(observations / len(PERIODS))
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as file:
        file.write("freq,indic_is,unit,size_emp,geo\\TIME_PERIOD\t")
        file.write("\t".join(f"{period} " for period in PERIODS) + "\n")
        for indicator in indicators():
            for unit in UNITS:
                for size in SIZES:
                    for geo in GEOS:
                        if written == series_wanted:
                            return written * len(PERIODS)
                        cells = "\t".join(tsv_cell(rng) for _period in PERIODS)
                        file.write(f"A,{indicator},{unit},{size},{geo}\t{cells}\n")
                        written += 1
    raise AssertionError("not reached")


# --- The floor: the csv module and a plain bulk insert into a bare table ------------------


@dataclass
class Floor:
    rows: int
    parse_seconds: float
    insert_seconds: float

    @property
    def seconds(self) -> float:
        return self.parse_seconds + self.insert_seconds


def tsv_rows(path: Path) -> Iterator[tuple[str, str, float | None, str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file, delimiter="\t")
        periods = [cell.strip() for cell in next(reader)[1:]]
        for row in reader:
            key = row[0]
            for period, cell in zip(periods, row[1:], strict=True):
                number, _space, flags = cell.strip().partition(" ")
                value = None if number == ":" else float(number)
                yield key, period, value, flags, ""


def tidy_rows(path: Path) -> Iterator[tuple[str, str, float | None, str, str]]:
    """The rows of a shipped CSV (plain or gzipped): key cells, period, value and flag."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header = [cell.strip().lower() for cell in next(reader)]
        period = header.index("year") if "year" in header else header.index("time_period")
        value = header.index("value")
        flag = header.index("flag") if "flag" in header else None
        keys = [i for i in range(len(header)) if i not in {period, value, flag}]
        for row in reader:
            number = row[value].strip()
            yield (
                ",".join(row[i] for i in keys),
                row[period],
                float(number) if number and number != ":" else None,
                row[flag] if flag is not None else "",
                "",
            )


def measure_floor(rows: Iterator[tuple[str, str, float | None, str, str]]) -> Floor:
    """Read the rows and insert them in batches, as the import does, into a bare table."""
    from django.db import connection, transaction

    from eminder.indicators.services import BATCH_SIZE

    with connection.cursor() as cursor:
        cursor.execute(f"drop table if exists {FLOOR_TABLE}")
        cursor.execute(
            f"create table {FLOOR_TABLE} (series_key varchar(400), period varchar(10), "
            "value double precision, flags varchar(12), confidentiality varchar(2))"
        )
    count, inserting = 0, 0.0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        batch: list[tuple[str, str, float | None, str, str]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                inserting += insert_batch(connection.vendor, cursor, batch)
                count += len(batch)
                batch = []
        inserting += insert_batch(connection.vendor, cursor, batch)
        count += len(batch)
    total = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"drop table {FLOOR_TABLE}")
    return Floor(rows=count, parse_seconds=total - inserting, insert_seconds=inserting)


def insert_batch(vendor: str, cursor: Any, batch: list[tuple[Any, ...]]) -> float:
    """Seconds to insert the rows the fastest plain way: executemany (SQLite), COPY (PostgreSQL).

    psycopg's executemany runs one INSERT per row, slower than the import's own bulk INSERT:
    it would be no floor.
    """
    if not batch:
        return 0.0
    columns = "series_key, period, value, flags, confidentiality"
    started = time.perf_counter()
    if vendor == "postgresql":
        with cursor.cursor.copy(f"copy {FLOOR_TABLE} ({columns}) from stdin") as copy:
            for row in batch:
                copy.write_row(row)
    else:
        insert = f"insert into {FLOOR_TABLE} ({columns}) values (%s, %s, %s, %s, %s)"  # noqa: S608
        cursor.executemany(insert, batch)
    return time.perf_counter() - started


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


# --- Imports ------------------------------------------------------------------------------


def import_reference() -> list[tuple[str, int, float, Floor]]:
    """Each shipped reference file: (name, observations, import seconds, floor)."""
    from eminder.indicators.services import REFERENCE_DIR, import_statistics

    results = []
    for path in sorted(p for p in REFERENCE_DIR.iterdir() if p.is_file()):
        started = time.perf_counter()
        run = import_statistics(path=path)
        seconds = time.perf_counter() - started
        results.append((path.name, run.observations, seconds, measure_floor(tidy_rows(path))))
    return results


def child_import(path: str, dataset: str, mode: str) -> None:
    """In a fresh process: import one file and print its time and memory as JSON.

    mode "keep" commits, "rollback" leaves the database as it was, "tracemalloc" rolls back
    and also traces Python's allocations (slower), "profile" rolls back and prints the profile.
    """
    from django.db import transaction

    from eminder.indicators.services import import_statistics

    gc.collect()
    before = resident_kib("VmRSS")
    exact_peak = reset_peak()
    profiler = cProfile.Profile() if mode == "profile" else None
    if mode == "tracemalloc":
        tracemalloc.start()
    with transaction.atomic():
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        run = import_statistics(path=Path(path), dataset=dataset)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
        transaction.set_rollback(mode != "keep")
    traced = tracemalloc.get_traced_memory()[1] // 1024 if tracemalloc.is_tracing() else None
    peak = resident_kib("VmHWM") if exact_peak else None
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(40)
        print(stream.getvalue(), file=sys.stderr)
    result = {
        "observations": run.observations,
        "seconds": seconds,
        "rss_before_kib": before,
        # Linux: the peak since just before the import; elsewhere the process's peak (KiB).
        "rss_peak_kib": peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "traced_peak_kib": traced,
    }
    print(json.dumps(result))


def resident_kib(field: str) -> int | None:
    """VmRSS (now) or VmHWM (peak) of this process, where Linux tells them."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in lines if line.startswith(f"{field}:")), None)


def reset_peak() -> bool:
    """Start VmHWM afresh (Linux), so that it is the import's peak and not Django's start."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run_child(path: Path, dataset: str, mode: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(path), dataset, mode]
    result = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"The import of {path.name} failed:\n{result.stderr}")
    if mode == "profile":
        print(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Queries with the large set loaded ---------------------------------------------------


@dataclass
class Request:
    label: str
    path: str
    params: dict[str, Any]
    status: int
    floor: Callable[[], int]  # a bare COUNT(*) of the observations the request matches


def bench_counts() -> dict[str, Callable[[], int]]:
    from eminder.indicators.models import Observation

    observations = Observation.objects.filter(series__dataset__code=BENCH_DATASET)
    one = {"series__dimensions__indic_is": "E_ESELL", "series__dimensions__unit": "PC_ENT"}
    breakdown = {**one, "series__dimensions__size_emp": "GE10"}
    return {
        "one": lambda: observations.filter(**breakdown, series__geo="PL", period="2024").count(),
        "breakdown": lambda: observations.filter(**breakdown).count(),
        "indicator": lambda: observations.filter(**one).count(),
        "all": lambda: observations.count(),
        "period": lambda: observations.filter(period="1850").count(),
    }


def requests(total: int) -> list[Request]:
    count = bench_counts()
    api = "/api/v1/statistics/observations"
    one = {"dataset": BENCH_DATASET, "indic_is": "E_ESELL", "unit": "PC_ENT", "size_emp": "GE10"}
    page = {"freq": "A", "geo": "EU27_2020,PL,ES,CY", **one}
    return [
        Request("API: one figure", api, {**one, "geo": "PL", "time": "2024"}, 200, count["one"]),
        Request(
            "API: one breakdown, every geo", api, {**one, "limit": 1000}, 200, count["breakdown"]
        ),
        Request(
            "API: one indicator and unit",
            api,
            {"dataset": BENCH_DATASET, "indic_is": "E_ESELL", "unit": "PC_ENT"},
            200,
            count["indicator"],
        ),
        Request("API: whole dataset, page 1", api, {"dataset": BENCH_DATASET}, 200, count["all"]),
        Request(
            "API: whole dataset, last page",
            api,
            {"dataset": BENCH_DATASET, "offset": max(total - 100, 0)},
            200,
            count["all"],
        ),
        Request(
            "API: unknown period (400)",
            api,
            {"dataset": BENCH_DATASET, "time": "1850"},
            400,
            count["period"],
        ),
        Request(
            "API: dimensions and codes",
            f"/api/v1/statistics/datasets/{BENCH_DATASET}/dimensions",
            {},
            200,
            count["all"],
        ),
        Request("Explorer: page", "/statistics/", page, 200, count["breakdown"]),
        Request(
            "Explorer: CSV download",
            "/statistics/",
            {**page, "format": "csv", "chart": "timeseries"},
            200,
            count["breakdown"],
        ),
    ]


def time_request(client: Any, request: Request) -> tuple[float, int]:
    """Median seconds of a few runs after a warm-up, and the queries of one run."""
    from django.db import connection

    queries: list[str] = []

    def count(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    # A wrapper, not the debug query log: every request start empties that log.
    with connection.execute_wrapper(count):
        response = client.get(request.path, request.params)
    if response.status_code != request.status:
        sys.exit(f"{request.label}: {response.status_code} {response.content[:500]!r}")
    return median_seconds(lambda: client.get(request.path, request.params)), len(queries)


def median_seconds(work: Callable[[], Any]) -> float:
    runs: list[float] = []
    deadline = time.perf_counter() + TIMED_SECONDS
    while len(runs) < TIMED_RUNS and (len(runs) < 1 or time.perf_counter() < deadline):
        runs.append(timed(work))
    return statistics.median(runs)


# --- The report ---------------------------------------------------------------------------


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    line = "  ".join(("{:<%d}" if i == 0 else "{:>%d}") % w for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def rate(observations: int, seconds: float) -> str:
    return f"{observations / seconds:,.0f}/s" if seconds else "-"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def report_reference(results: list[tuple[str, int, float, Floor]]) -> None:
    rows = [
        [
            name,
            f"{count:,}",
            f"{seconds:.2f}",
            rate(count, seconds),
            f"{floor.seconds:.2f}",
            f"{seconds / floor.seconds:.1f}x",
        ]
        for name, count, seconds, floor in results
    ]
    count = sum(r[1] for r in results)
    seconds = sum(r[2] for r in results)
    floor = sum(r[3].seconds for r in results)
    rows.append(
        [
            "all reference files",
            f"{count:,}",
            f"{seconds:.2f}",
            rate(count, seconds),
            f"{floor:.2f}",
            f"{seconds / floor:.1f}x",
        ]
    )
    table(
        "(a) Import of the shipped reference files (import_statistics, fresh database)",
        ["file", "observations", "import s", "rate", "floor s", "ratio"],
        rows,
    )


def report_generated(runs: dict[str, dict[str, Any]], floors: dict[str, Floor]) -> None:
    rows = []
    for label, run in runs.items():
        floor = floors[label]
        before, peak = run["rss_before_kib"] / 1024, run["rss_peak_kib"] / 1024
        traced = run.get("traced_peak_kib")
        rows.append(
            [
                label,
                f"{run['observations']:,}",
                f"{run['seconds']:.1f}",
                rate(run["observations"], run["seconds"]),
                f"{floor.parse_seconds:.1f} + {floor.insert_seconds:.1f}",
                f"{run['seconds'] / floor.seconds:.1f}x",
                f"{before:.0f}",
                f"{peak:.0f}",
                f"{peak - before:.0f}",
                "-" if traced is None else f"{traced / 1024:.1f}",
            ]
        )
    table(
        "(b, c) Import of a generated Eurostat TSV, each in a fresh process",
        [
            *["file", "observations", "import s", "rate", "floor s (csv + insert)", "ratio"],
            *["RSS before MiB", "peak MiB", "growth MiB", "traced peak MiB"],
        ],
        rows,
    )


def report_queries(results: list[tuple[Request, float, int, float, int]]) -> None:
    rows = [
        [
            r.label,
            f"{rows:,}",
            str(queries),
            ms(seconds),
            ms(floor),
            f"{seconds / floor:.1f}x" if floor else "-",
        ]
        for r, seconds, queries, floor, rows in results
    ]
    table(
        f"(d) Requests with {BENCH_DATASET} loaded (median of up to {TIMED_RUNS} runs)",
        ["request", "matching rows", "queries", "ms", "floor ms", "ratio"],
        rows,
    )


# --- The run ------------------------------------------------------------------------------


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="eminder-bench-"))
    try:
        run(folder)
    finally:
        if os.environ.get("EMINDER_BENCH_KEEP"):
            print(f"\nKept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    setup_django(url)
    drop = create_database(folder)
    try:
        started = time.perf_counter()
        print(f"e-MINDER statistics benchmark: {database_description()}")
        print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
        report_reference(import_reference())
        measure_generated(folder)
        print(f"\nTotal {time.perf_counter() - started:.0f} s")
    finally:
        drop()


def measure_generated(folder: Path) -> None:
    files = {
        "small": folder / "estat_isoc_bench_small.tsv",
        "full": folder / "estat_isoc_bench.tsv",
    }
    sizes = {"small": SMALL_OBSERVATIONS, "full": OBSERVATIONS}
    written = {label: write_tsv(files[label], sizes[label]) for label in files}
    megabytes = {label: files[label].stat().st_size / 2**20 for label in files}
    labels = {label: f"{written[label]:,} ({megabytes[label]:.0f} MB)" for label in files}
    print(f"\nGenerated {' and '.join(labels.values())} observations in {folder}")
    if os.environ.get("EMINDER_BENCH_PROFILE"):
        run_child(files["small"], "isoc_bench_small", "profile")
    # The smaller import is rolled back; the full one stays for the queries.
    runs = {
        labels["small"]: run_child(files["small"], "isoc_bench_small", "rollback"),
        labels["full"]: run_child(files["full"], BENCH_DATASET, "keep"),
    }
    floors = {labels[label]: measure_floor(tsv_rows(files[label])) for label in files}
    if os.environ.get("EMINDER_BENCH_TRACEMALLOC"):
        for label in files:
            traced = run_child(files[label], "isoc_bench_traced", "tracemalloc")
            runs[f"{labels[label]}, traced"] = traced
            floors[f"{labels[label]}, traced"] = floors[labels[label]]
    report_generated(runs, floors)
    analyse()
    report_queries(time_requests(written["full"]))


def analyse() -> None:
    """PostgreSQL: refresh the planner's statistics, as autovacuum does within a minute or so.

    Right after a million rows arrive, before that, PostgreSQL plans from stale statistics and
    the API's first page took 2 s instead of 0.2 s. SQLite keeps no statistics unless asked.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("analyze indicators_series, indicators_observation")


def time_requests(total: int) -> list[tuple[Request, float, int, float, int]]:
    from django.test import Client

    client = Client()
    results = []
    for request in requests(total):
        seconds, queries = time_request(client, request)
        rows = request.floor()
        results.append((request, seconds, queries, median_seconds(request.floor), rows))
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        setup_django(os.environ["DATABASE_URL"])
        child_import(*sys.argv[2:5])
    else:
        main()
