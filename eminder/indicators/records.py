"""What every statistics file reader yields, whatever the file's format.

Readers (`eminder.indicators.parsers`) turn a Eurostat file into a `FileHeader` and a stream of
`ObservationRecord`s; the import service writes them. Nothing here touches the database.
"""

from dataclasses import dataclass, field

# Eurostat observation status letters (OBS_FLAG / the letters after a TSV value).
# b break in time series, c confidential, d definition differs, e estimated, f forecast,
# i see metadata (phased out), m missing, n not significant, p provisional, r revised,
# s Eurostat estimate (phased out), u low reliability, z not applicable.
STATUS_FLAGS = frozenset("bcdefimnprsuz")
# Confidentiality status (CONF_STATUS, or `@C`-style markers in TSV): kept apart from flags.
CONFIDENTIALITY_CODES = frozenset({"C", "D", "F", "N", "S", "A"})
# The dimensions that are not part of a series' breakdown: where and when.
GEO = "geo"
TIME = "time"


@dataclass(frozen=True, slots=True)
class ObservationRecord:
    """One published cell: a series (breakdown + geo), a period, its value and status."""

    line: int  # line in the file, for error messages
    dimensions: tuple[tuple[str, str], ...]  # (dimension code, value code), sorted by dimension
    geo: str
    period: str
    value: float | None  # None where Eurostat publishes ':' (not available, or suppressed)
    flags: str = ""  # status letters, sorted and unique, e.g. "bu"
    confidentiality: str = ""  # e.g. "C"; never mixed into flags


@dataclass
class FileHeader:
    """What a file says about itself before its first observation."""

    dataset: str  # Eurostat dataset code, lower case, e.g. "isoc_ec_esels"
    file_format: str  # "tsv", "sdmx-csv-1.0", "sdmx-csv-2.0", "tidy-csv", "desi-csv"
    dimensions: list[str]  # breakdown dimension codes in file order, lower case, without geo/time
    title: str = ""
    last_update: str = ""  # as the file states it, if it does
    # Multiply values by this to show them in the unit's usual scale (DESI publishes 0.147 for
    # 14.7 %). Stored values stay exactly as published.
    display_scale: float = 1.0
    # Where a file mixes scales (DESI: fractions of 1 beside 0-100 scores): unit code (the `unit`
    # or `unit_measure` dimension) -> scale, overriding display_scale for that unit's series.
    unit_display_scales: dict[str, float] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


class StatisticsFileError(ValueError):
    """A file cannot be imported: it names the file, the line and the problem (translated)."""

    def __init__(self, file_name: str, line: int | None, problem: str) -> None:
        self.file_name = file_name
        self.line = line
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        from django.utils.translation import gettext as _

        if self.line is None:
            return _("%(file)s: %(problem)s") % {"file": self.file_name, "problem": self.problem}
        return _("%(file)s, line %(line)d: %(problem)s") % {
            "file": self.file_name,
            "line": self.line,
            "problem": self.problem,
        }
