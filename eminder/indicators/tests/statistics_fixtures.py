"""Small statistics built with the models, for the explorer, monitor and query tests.

Figures are chosen so that every sentence can be checked by hand:

* isoc_ec_esels (E_ESELL, GE10): Poland's gap widens from 3.5 to 6.0 points (2019 -> 2024,
  Eurostat's real figures), Cyprus's narrows from 4.5 to 2.0, Spain's stays at about 2 points
  above the EU; Denmark leads. EU 2021 is flagged 'b' (break), Cyprus 2021 'u', Spain 2022 is
  confidential. A 10-49 size class exists for the EU and Poland only.
* desi: fractions of 1 (display scale 100) and a score on its own scale; EU aggregate "EU";
  Cyprus has no figure.
* isoc_e_dii: DII version 3 (2021, 2023, 2025) and version 4 (2022, 2024), never one line.
* isoc_ec_ib20 from 2020; isoc_ec_ibuy is not imported.
* isoc_r_iuse_i: NUTS regions, no EU aggregate; PL63 Pomorskie has no figure, its NUTS-1
  region PL6 has (against the NUTS-1 average of PL6 and ES1, the gap widens from 1.0 to 4.0);
  Galicia's gap to the NUTS-2 average widens from 7.4 to 9.0 points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eminder.indicators.models import CodeLabel, Dataset, Observation, Series

YEARS = ("2019", "2020", "2021", "2022", "2023", "2024")
ESELL = {"freq": "A", "indic_is": "E_ESELL", "unit": "PC_ENT", "nace_r2": "C10-S951_X_K"}
ESELL_VALUES = {
    "EU27_2020": (17.19, 18.10, 18.93, 19.75, 19.71, 20.75),
    "PL": (13.66, 14.18, 14.79, 14.52, 14.83, 14.71),
    "CY": (12.69, 14.00, 15.50, 16.80, 17.60, 18.75),
    "ES": (19.19, 20.10, 20.93, None, 21.71, 22.95),
    "DK": (30.00, 32.00, 34.00, 35.00, 37.00, 38.58),
}
FLAGS = {("EU27_2020", "2021"): "b", ("CY", "2021"): "u"}
CONFIDENTIAL = {("ES", "2022")}


@dataclass
class Statistics:
    esels: Dataset
    desi: Dataset
    dii: Dataset
    ib20: Dataset
    regional: Dataset


def make_dataset(code: str, dimensions: list[str], **extra) -> Dataset:
    return Dataset.objects.create(code=code, dimensions=dimensions, **extra)


def add_series(
    dataset: Dataset,
    dimensions: Mapping[str, str],
    geo: str,
    values: Mapping[str, float | None],
    *,
    flags: Mapping[str, str] | None = None,
    confidential: set[str] | None = None,
) -> Series:
    key = ",".join([*(f"{k}={v}" for k, v in sorted(dimensions.items())), f"geo={geo}"])
    series = Series.objects.create(dataset=dataset, key=key, dimensions=dict(dimensions), geo=geo)
    Observation.objects.bulk_create(
        Observation(
            series=series,
            period=period,
            value=value,
            flags=(flags or {}).get(period, ""),
            confidentiality="C" if period in (confidential or set()) else "",
        )
        for period, value in values.items()
    )
    return series


def build_statistics() -> Statistics:
    esels = make_dataset(
        "isoc_ec_esels",
        ["freq", "indic_is", "unit", "nace_r2", "size_emp"],
        last_update="12/12/24 11:00:00",
    )
    for geo, values in ESELL_VALUES.items():
        add_series(
            esels,
            {**ESELL, "size_emp": "GE10"},
            geo,
            dict(zip(YEARS, values, strict=True)),
            flags={period: flag for (g, period), flag in FLAGS.items() if g == geo},
            confidential={period for g, period in CONFIDENTIAL if g == geo},
        )
    add_series(esels, {**ESELL, "size_emp": "10-49"}, "EU27_2020", {"2023": 17.0, "2024": 18.0})
    add_series(esels, {**ESELL, "size_emp": "10-49"}, "PL", {"2023": 12.0, "2024": 12.5})
    CodeLabel.objects.create(
        dimension="indic_is",
        code="E_ESELL",
        labels={"en": "Enterprises with e-commerce sales of at least 1% turnover"},
    )
    CodeLabel.objects.create(
        dimension="size_emp", code="GE10", labels={"en": "10 persons employed or more"}
    )
    CodeLabel.objects.create(dimension="geo", code="PL6", labels={"en": "Makroregion północny"})
    CodeLabel.objects.create(dimension="geo", code="ES11", labels={"en": "Galicia"})
    CodeLabel.objects.create(dimension="geo", code="PL63", labels={"en": "Pomorskie"})
    return Statistics(
        esels=esels,
        desi=_desi(),
        dii=_dii(),
        ib20=_ib20(),
        regional=_regional(),
    )


def _desi() -> Dataset:
    desi = make_dataset(
        "desi",
        ["indicator", "breakdown", "unit_measure"],
        display_scale=100.0,
        unit_display_scales={"egov_score": 1.0},
        source="European Commission, DESI",
    )
    turnover = {
        "indicator": "desi_4b2_ecomturn",
        "breakdown": "ent_sm_xfin",
        "unit_measure": "pc_turn",
    }
    add_series(
        desi,
        turnover,
        "EU",
        {"2017": 0.093638, "2018": 0.102548, "2019": 0.101277, "2020": 0.110886},
    )
    add_series(desi, turnover, "PL", {"2017": 0.065845, "2018": 0.0661968})
    add_series(desi, turnover, "ES", {"2018": 0.101373, "2019": 0.0961188, "2020": 0.0915177})
    score = {
        "indicator": "desi_5a2_prefform",
        "breakdown": "all_egov_le",
        "unit_measure": "egov_score",
    }
    add_series(desi, score, "EU", {"2020": 52.1429})
    add_series(desi, score, "PL", {"2020": 40.5})
    return desi


def _dii() -> Dataset:
    dii = make_dataset("isoc_e_dii", ["freq", "size_emp", "nace_r2", "indic_is", "unit"])
    common = {"freq": "A", "size_emp": "10-249", "nace_r2": "C10-S951_X_K", "unit": "PC_ENT"}
    v3, v4 = {**common, "indic_is": "E_DI3_GELO"}, {**common, "indic_is": "E_DI4_GELO"}
    add_series(dii, v3, "EU27_2020", {"2021": 54.82, "2023": 57.9, "2025": 71.39})
    add_series(dii, v3, "PL", {"2021": 39.83, "2023": 50.04, "2025": 58.98})
    add_series(dii, v4, "EU27_2020", {"2022": 69.0, "2024": 72.91})
    add_series(dii, v4, "PL", {"2022": 60.95, "2024": 68.95})
    return dii


def _ib20() -> Dataset:
    ib20 = make_dataset("isoc_ec_ib20", ["freq", "indic_is", "ind_type", "unit"])
    buyers = {"freq": "A", "indic_is": "I_BLT12", "ind_type": "IND_TOTAL", "unit": "PC_IND"}
    add_series(
        ib20,
        buyers,
        "EU27_2020",
        {"2020": 64.74, "2021": 67.11, "2022": 67.95, "2023": 69.6, "2024": 71.77},
        flags={"2020": "e", "2021": "b"},
    )
    add_series(
        ib20,
        buyers,
        "PL",
        {"2020": 60.93, "2021": 61.17, "2022": 64.58, "2023": 64.32, "2024": 67.41},
    )
    return ib20


def _regional() -> Dataset:
    regional = make_dataset("isoc_r_iuse_i", ["indic_is", "unit"])
    daily = {"indic_is": "I_IDAY", "unit": "PC_IND"}
    for geo, (first, last) in {
        "ES": (72.0, 78.0),
        "ES11": (65.0, 67.0),
        "ES12": (70.0, 75.0),
        "PL": (64.0, 68.0),
        "PL6": (68.0, 68.0),
        "ES1": (70.0, 76.0),
        "PL61": (60.0, 66.0),
        "CY": (77.0, 79.0),
        "CY00": (77.0, 79.0),
        "DK01": (90.0, 93.0),
    }.items():
        add_series(regional, daily, geo, {"2018": first, "2019": last})
    return regional
