"""What the divide monitor shows: its topics, their series, and each indicator's sentences.

The labels and sentence templates are translated; translators see whole sentences with named
placeholders (one template per indicator and verdict direction).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from eminder.indicators.metrics import EU_AGGREGATE, GapDirection

SPAN = 5  # years between the two periods a verdict compares
COUNTRY_LENGTH = 2


@dataclass(frozen=True)
class Sentences:
    """One indicator's sentence templates: one per verdict direction, one without a verdict.

    Placeholders: year, value, area, reference (the EU figure), start (the earlier year),
    gap_start and gap_end (distances in points, unsigned), and version where an indicator has
    versions.
    """

    narrowing: Promise
    widening: Promise
    stable: Promise
    level: Promise

    def for_direction(self, direction: GapDirection | None) -> Promise:
        if direction is None:
            return self.level
        return getattr(self, str(direction))


@dataclass(frozen=True)
class SeriesDefinition:
    """One series of one dataset: the codes that pin it, and how to speak of it."""

    key: str
    dataset: str
    filters: Mapping[str, str]
    label: Promise
    sentences: Sentences
    aggregate: str = EU_AGGREGATE
    version: str = ""


@dataclass(frozen=True)
class Topic:
    """A key indicator: one series, or several that must stay apart (the first leads)."""

    key: str
    label: Promise
    series: tuple[SeriesDefinition, ...]
    notes: tuple[Promise, ...] = ()
    regional: bool = False
    # The verdict uses the series with the most recent figure (DII versions), not the first.
    latest_leads: bool = False


ESELL_SENTENCES = Sentences(
    narrowing=gettext_lazy(
        "In %(year)s, %(value)s of enterprises in %(area)s made at least 1%% of their turnover "
        "online, against %(reference)s in the EU: the gap narrowed from %(gap_start)s to "
        "%(gap_end)s points since %(start)s."
    ),
    widening=gettext_lazy(
        "In %(year)s, %(value)s of enterprises in %(area)s made at least 1%% of their turnover "
        "online, against %(reference)s in the EU: the gap widened from %(gap_start)s to "
        "%(gap_end)s points since %(start)s."
    ),
    stable=gettext_lazy(
        "In %(year)s, %(value)s of enterprises in %(area)s made at least 1%% of their turnover "
        "online, against %(reference)s in the EU: the gap has stayed at about %(gap_end)s "
        "points since %(start)s (%(gap_start)s then)."
    ),
    level=gettext_lazy(
        "In %(year)s, %(value)s of enterprises in %(area)s made at least 1%% of their turnover "
        "online, against %(reference)s in the EU."
    ),
)
TURNOVER_SENTENCES = Sentences(
    narrowing=gettext_lazy(
        "In the DESI %(year)s edition, e-commerce made up %(value)s of the turnover of SMEs in "
        "%(area)s, against %(reference)s in the EU: the gap narrowed from %(gap_start)s to "
        "%(gap_end)s points since the %(start)s edition."
    ),
    widening=gettext_lazy(
        "In the DESI %(year)s edition, e-commerce made up %(value)s of the turnover of SMEs in "
        "%(area)s, against %(reference)s in the EU: the gap widened from %(gap_start)s to "
        "%(gap_end)s points since the %(start)s edition."
    ),
    stable=gettext_lazy(
        "In the DESI %(year)s edition, e-commerce made up %(value)s of the turnover of SMEs in "
        "%(area)s, against %(reference)s in the EU: the gap has stayed at about %(gap_end)s "
        "points since the %(start)s edition (%(gap_start)s then)."
    ),
    level=gettext_lazy(
        "In the DESI %(year)s edition, e-commerce made up %(value)s of the turnover of SMEs in "
        "%(area)s, against %(reference)s in the EU."
    ),
)
BUYERS_SENTENCES = Sentences(
    narrowing=gettext_lazy(
        "In %(year)s, %(value)s of people aged 16 to 74 in %(area)s had bought or ordered goods "
        "or services online in the previous 12 months, against %(reference)s in the EU: the gap "
        "narrowed from %(gap_start)s to %(gap_end)s points since %(start)s."
    ),
    widening=gettext_lazy(
        "In %(year)s, %(value)s of people aged 16 to 74 in %(area)s had bought or ordered goods "
        "or services online in the previous 12 months, against %(reference)s in the EU: the gap "
        "widened from %(gap_start)s to %(gap_end)s points since %(start)s."
    ),
    stable=gettext_lazy(
        "In %(year)s, %(value)s of people aged 16 to 74 in %(area)s had bought or ordered goods "
        "or services online in the previous 12 months, against %(reference)s in the EU: the gap "
        "has stayed at about %(gap_end)s points since %(start)s (%(gap_start)s then)."
    ),
    level=gettext_lazy(
        "In %(year)s, %(value)s of people aged 16 to 74 in %(area)s had bought or ordered goods "
        "or services online in the previous 12 months, against %(reference)s in the EU."
    ),
)
INTENSITY_SENTENCES = Sentences(
    narrowing=gettext_lazy(
        "In %(year)s, %(value)s of SMEs in %(area)s had at least a basic level of digital "
        "intensity (index version %(version)s), against %(reference)s in the EU: the gap "
        "narrowed from %(gap_start)s to %(gap_end)s points since %(start)s."
    ),
    widening=gettext_lazy(
        "In %(year)s, %(value)s of SMEs in %(area)s had at least a basic level of digital "
        "intensity (index version %(version)s), against %(reference)s in the EU: the gap "
        "widened from %(gap_start)s to %(gap_end)s points since %(start)s."
    ),
    stable=gettext_lazy(
        "In %(year)s, %(value)s of SMEs in %(area)s had at least a basic level of digital "
        "intensity (index version %(version)s), against %(reference)s in the EU: the gap has "
        "stayed at about %(gap_end)s points since %(start)s (%(gap_start)s then)."
    ),
    level=gettext_lazy(
        "In %(year)s, %(value)s of SMEs in %(area)s had at least a basic level of digital "
        "intensity (index version %(version)s), against %(reference)s in the EU."
    ),
)
INTERNET_SENTENCES = Sentences(
    narrowing=gettext_lazy(
        "In %(year)s, %(value)s of people in %(area)s used the internet every day, against "
        "%(reference)s in the EU: the gap narrowed from %(gap_start)s to %(gap_end)s points "
        "since %(start)s."
    ),
    widening=gettext_lazy(
        "In %(year)s, %(value)s of people in %(area)s used the internet every day, against "
        "%(reference)s in the EU: the gap widened from %(gap_start)s to %(gap_end)s points "
        "since %(start)s."
    ),
    stable=gettext_lazy(
        "In %(year)s, %(value)s of people in %(area)s used the internet every day, against "
        "%(reference)s in the EU: the gap has stayed at about %(gap_end)s points since "
        "%(start)s (%(gap_start)s then)."
    ),
    level=gettext_lazy(
        "In %(year)s, %(value)s of people in %(area)s used the internet every day, against "
        "%(reference)s in the EU."
    ),
)

ENTERPRISES_SELLING = SeriesDefinition(
    key="esell",
    dataset="isoc_ec_esels",
    filters={
        "indic_is": "E_ESELL",
        "unit": "PC_ENT",
        "size_emp": "GE10",
        "nace_r2": "C10-S951_X_K",
    },
    # xgettext:no-python-format
    label=gettext_lazy("Enterprises with e-commerce sales of at least 1% of turnover"),
    sentences=ESELL_SENTENCES,
)
TURNOVER_SHARE = SeriesDefinition(
    key="ecomturn",
    dataset="desi",
    filters={
        "indicator": "desi_4b2_ecomturn",
        "breakdown": "ent_sm_xfin",
        "unit_measure": "pc_turn",
    },
    label=gettext_lazy("E-commerce share of SME turnover (DESI)"),
    sentences=TURNOVER_SENTENCES,
    aggregate="EU",
)
BUYERS = SeriesDefinition(
    key="blt12",
    dataset="isoc_ec_ib20",
    filters={"indic_is": "I_BLT12", "ind_type": "IND_TOTAL", "unit": "PC_IND"},
    label=gettext_lazy("Individuals who bought online in the last 12 months (2020 onwards)"),
    sentences=BUYERS_SENTENCES,
)
BUYERS_UNTIL_2019 = SeriesDefinition(
    key="blt12_until_2019",
    dataset="isoc_ec_ibuy",
    filters={"indic_is": "I_BLT12", "ind_type": "IND_TOTAL", "unit": "PC_IND"},
    label=gettext_lazy("Individuals who bought online in the last 12 months (until 2019)"),
    sentences=BUYERS_SENTENCES,
)
INTENSITY_V3 = SeriesDefinition(
    key="dii3",
    dataset="isoc_e_dii",
    filters={"indic_is": "E_DI3_GELO", "size_emp": "10-249"},
    label=gettext_lazy("SMEs with at least basic digital intensity (index version 3)"),
    sentences=INTENSITY_SENTENCES,
    version="3",
)
INTENSITY_V4 = SeriesDefinition(
    key="dii4",
    dataset="isoc_e_dii",
    filters={"indic_is": "E_DI4_GELO", "size_emp": "10-249"},
    label=gettext_lazy("SMEs with at least basic digital intensity (index version 4)"),
    sentences=INTENSITY_SENTENCES,
    version="4",
)
DAILY_INTERNET = SeriesDefinition(
    key="iday",
    dataset="isoc_r_iuse_i",
    filters={"indic_is": "I_IDAY", "unit": "PC_IND"},
    label=gettext_lazy("Individuals using the internet daily"),
    sentences=INTERNET_SENTENCES,
)

TOPICS: tuple[Topic, ...] = (
    Topic("esell", gettext_lazy("Enterprises selling online"), (ENTERPRISES_SELLING,)),
    Topic(
        "ecomturn",
        gettext_lazy("E-commerce share of SME turnover"),
        (TURNOVER_SHARE,),
        notes=(
            gettext_lazy(
                "The DESI dates its figures by edition: an edition mostly describes the year "
                "before it. Its EU figure is that of the EU as the DESI defined it then."
            ),
        ),
    ),
    Topic(
        "blt12",
        gettext_lazy("Individuals buying online"),
        (BUYERS, BUYERS_UNTIL_2019),
        notes=(
            gettext_lazy(
                "Eurostat changed this survey in 2020: figures until 2019 (dataset "
                "isoc_ec_ibuy) and from 2020 (dataset isoc_ec_ib20) are two series with a break "
                "between them, shown separately and never joined into one trend."
            ),
        ),
    ),
    Topic(
        "dii",
        gettext_lazy("Digital intensity of SMEs"),
        (INTENSITY_V3, INTENSITY_V4),
        notes=(
            gettext_lazy(
                "The Digital Intensity Index changed its definition: version 3 (2021, 2023, "
                "2025) and version 4 (2022, 2024) count different activities, so they are two "
                "series, never one trend line. The verdict uses the version with the most "
                "recent figure; the other is shown separately."
            ),
        ),
        latest_leads=True,
    ),
    Topic(
        "iday",
        gettext_lazy("Daily internet use in the centre's regions"),
        (DAILY_INTERNET,),
        notes=(
            gettext_lazy(
                "This is internet use, a proxy for the regional digital divide, not an "
                "e-commerce figure: Eurostat publishes no e-commerce indicator by region here."
            ),
        ),
        regional=True,
    ),
)
SERIES: tuple[SeriesDefinition, ...] = tuple(s for topic in TOPICS for s in topic.series)


def preferred_codes(dataset: str) -> dict[str, str]:
    """The codes the monitor uses in a dataset: the explorer opens on them."""
    for definition in SERIES:
        if definition.dataset == dataset:
            return dict(definition.filters)
    return {}
