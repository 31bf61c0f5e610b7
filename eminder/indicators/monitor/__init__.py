"""The divide monitor: a centre's countries and regions against the EU, in sentences.

For every country a centre covers, the four key e-commerce indicators at country level; for
every region, the one ICT indicator Eurostat publishes by NUTS-2 region here (daily internet
use), or the smallest enclosing area that has it. Each figure becomes a translated sentence
built from `metrics.divide_summary`: one sentence template per indicator and verdict
direction, then generic sentences for position, rank, trend and convergence.

Series that measure something different are never joined: DII versions 3 and 4 are two series
(the verdict uses the one with the most recent figure), and purchases by individuals until 2019
(isoc_ec_ibuy) and from 2020 (isoc_ec_ib20) are two series with a break between them.
"""

from eminder.indicators.monitor.definitions import (
    SERIES,
    TOPICS,
    Sentences,
    SeriesDefinition,
    Topic,
    preferred_codes,
)
from eminder.indicators.monitor.report import (
    AreaReport,
    Monitor,
    OverviewRow,
    SeriesReport,
    TopicReport,
    build_monitor,
    centres_with_regions,
    get_centre,
)

__all__ = [
    "SERIES",
    "TOPICS",
    "AreaReport",
    "Monitor",
    "OverviewRow",
    "Sentences",
    "SeriesDefinition",
    "SeriesReport",
    "Topic",
    "TopicReport",
    "build_monitor",
    "centres_with_regions",
    "get_centre",
    "preferred_codes",
]
