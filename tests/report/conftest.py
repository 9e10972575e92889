"""Fixtures for the report tests. ALL DATA HERE IS SYNTHETIC: invented for tests, never in data/.

``synthetic_evidence`` is a tiny Evidence with the real column layout.
``FakeEstimate`` and ``FakeForensics`` are synthetic stand-ins that follow the
estimate and forensics contracts (method names and columns), so the report's
rendering can be tested quickly and independently of those engines; the
browser and CLI tests use the real engines when they are installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from transplant_audit.evidence.frames import COLUMNS, Evidence


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS[name])


def make_synthetic_evidence() -> Evidence:
    """Synthetic evidence: 4 sources, 3 hospitals, 12 observations, one official series."""
    sources = _frame(
        "sources",
        [
            {
                "id": "src_aaaaaaaaaa",
                "url": "https://example.org/synthetic/report",
                "title": "Synthetic investigators' report",
                "publisher": "Synthetic Investigators",
                "party": "investigators",
                "published": "2016-06",
                "retrieved": "2024-01-01",
                "language": "en",
                "kind": "report",
                "digest": "sha256:" + "a" * 64,
                "note": "",
            },
            {
                "id": "src_bbbbbbbbbb",
                "url": "https://example.org/synthetic/hospital",
                "title": "合成医院简介 (synthetic hospital page)",
                "publisher": "Synthetic Hospital",
                "party": "hospital",
                "published": "2012",
                "retrieved": "2024-01-01",
                "language": "zh",
                "kind": "hospital_site",
                "digest": "",
                "note": "",
            },
            {
                "id": "src_cccccccccc",
                "url": "https://example.org/synthetic/official",
                "title": "Synthetic official statement",
                "publisher": "Synthetic Ministry",
                "party": "chinese_official",
                "published": "2019-03-01",
                "retrieved": "2024-01-01",
                "language": "en",
                "kind": "official_statement",
                "digest": "",
                "note": "",
            },
            {
                "id": "src_dddddddddd",
                "url": "https://example.org/synthetic/journal",
                "title": "Synthetic journal article",
                "publisher": "Synthetic Journal",
                "party": "academic",
                "published": "2018",
                "retrieved": "2024-01-01",
                "language": "en",
                "kind": "journal",
                "digest": "",
                "note": "",
            },
        ],
    )
    hospitals = _frame(
        "hospitals",
        [
            {
                "id": "h_alpha",
                "name_en": "Alpha Synthetic Hospital",
                "name_zh": "阿尔法合成医院",
                "province": "Hubei",
                "city": "Wuhan",
                "military": "no",
                "licensed": "yes",
                "licensed_organs": "kidney;liver",
                "licence_year": "2007",
                "organs_mentioned": "kidney;liver",
                "source_id": "src_bbbbbbbbbb",
                "note": "",
            },
            {
                "id": "h_beta",
                "name_en": "Beta Synthetic Hospital",
                "name_zh": "",
                "province": "Beijing",
                "city": "Beijing",
                "military": "yes",
                "licensed": "yes",
                "licensed_organs": "liver",
                "licence_year": "2007",
                "organs_mentioned": "liver",
                "source_id": "src_aaaaaaaaaa",
                "note": "",
            },
            {
                "id": "h_gamma",
                "name_en": "Gamma Synthetic Hospital",
                "name_zh": "",
                "province": "Henan",
                "city": "Zhengzhou",
                "military": "no",
                "licensed": "no",
                "licensed_organs": "",
                "licence_year": "",
                "organs_mentioned": "kidney",
                "source_id": "src_aaaaaaaaaa",
                "note": "",
            },
        ],
    )
    obs_rows = []
    specs = [
        ("h_alpha", "transplant_beds", "", "2012", 120),
        ("h_alpha", "transplants_in_period", "kidney", "2010", 300),
        ("h_alpha", "bed_occupancy_rate", "", "2012", 1.1),
        ("h_beta", "transplant_beds", "", "2014", 80),
        ("h_beta", "transplants_cumulative", "liver", "2015", 2000),
        ("h_beta", "total_beds", "", "2015", 3000),
        ("h_gamma", "transplant_beds", "", "2016", 40),
        ("h_gamma", "transplants_in_period", "kidney", "2016", 150),
        ("h_gamma", "transplant_surgeons", "", "2016", 6),
        ("national", "transplants_in_period", "all", "2015", 10000),
        ("h_alpha", "price_usd", "kidney", "2006", 62000),
        ("h_beta", "avg_length_of_stay_days", "", "", 21),
    ]
    for i, (hid, ind, organ, year, value) in enumerate(specs, start=1):
        obs_rows.append(
            {
                "id": f"obs_{i:04d}",
                "hospital_id": hid,
                "indicator": ind,
                "organ": organ,
                "period_start": year,
                "period_end": year,
                "as_of": "",
                "value": value,
                "qualifier": "exact" if i % 3 else "at_least",
                "unit": "",
                "source_id": "src_bbbbbbbbbb" if hid == "h_alpha" else "src_aaaaaaaaaa",
                "locator": f"para {i}",
                "status": "verified" if i % 2 else "extracted",
                "note": "synthetic",
            }
        )
    observations = _frame("observations", obs_rows)
    official = _frame(
        "official_series",
        [
            {
                "id": f"off_{y}",
                "series": "synthetic_deceased_donors",
                "year": y,
                "value": v,
                "unit": "donors",
                "qualifier": "exact",
                "partial_year": False,
                "source_id": "src_cccccccccc",
                "locator": "table 1",
                "note": "synthetic",
            }
            for y, v in [(2014, 1500), (2015, 2700), (2016, 4000), (2017, 5100), (2018, 6300)]
        ],
    )
    claims = _frame(
        "claims",
        [
            {
                "id": "cl_1",
                "quantity": "transplants_per_year",
                "claimant": "Synthetic Ministry",
                "party": "chinese_official",
                "period_start": "2015",
                "period_end": "2015",
                "value_low": 10000,
                "value_high": 10000,
                "unit": "transplants",
                "qualifier": "approx",
                "source_id": "src_cccccccccc",
                "locator": "para 2",
                "note": "synthetic",
            },
            {
                "id": "cl_2",
                "quantity": "transplants_per_year",
                "claimant": "Synthetic Investigators",
                "party": "investigators",
                "period_start": "2016",
                "period_end": "2016",
                "value_low": 60000,
                "value_high": 100000,
                "unit": "transplants",
                "qualifier": "approx",
                "source_id": "src_aaaaaaaaaa",
                "locator": "ch. 7",
                "note": "synthetic",
            },
        ],
    )
    assumptions = _frame(
        "assumptions",
        [
            {
                "name": "occupancy_rate",
                "distribution": "triangular",
                "low": 0.7,
                "mode": 0.9,
                "high": 1.2,
                "unit": "fraction",
                "applies_to": "all",
                "justification": "synthetic",
                "source_ids": "src_dddddddddd",
            },
            {
                "name": "length_of_stay_days",
                "distribution": "uniform",
                "low": 14,
                "mode": "",
                "high": 30,
                "unit": "days",
                "applies_to": "all",
                "justification": "synthetic",
                "source_ids": "src_dddddddddd;src_aaaaaaaaaa",
            },
            {
                "name": "unlicensed_share",
                "distribution": "uniform",
                "low": 0.0,
                "mode": "",
                "high": 0.3,
                "unit": "fraction",
                "applies_to": "all",
                "justification": "synthetic",
                "source_ids": "src_aaaaaaaaaa",
            },
        ],
    )
    return Evidence(
        sources=sources,
        hospitals=hospitals,
        observations=observations,
        official_series=official,
        claims=claims,
        assumptions=assumptions,
        origin="synthetic",
        digest="sha256:" + "0" * 64,
    )


def _intervals(center: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "mean": center,
        "median": center,
        "p025": center * 0.5,
        "p05": center * 0.6,
        "p25": center * 0.8,
        "p75": center * 1.2,
        "p95": center * 1.6,
        "p975": center * 1.8,
    }


@dataclass(frozen=True)
class FakeAssumption:
    """SYNTHETIC: mirrors estimate.assumptions.Assumption's public fields."""

    name: str
    distribution: str
    low: float
    mode: float
    high: float
    unit: str
    justification: str = "synthetic"
    source_ids: tuple[str, ...] = ("src_dddddddddd",)
    origin: str = "assumptions"

    def describe(self) -> str:
        return f"{self.distribution}({self.low:g}, {self.high:g}) {self.unit}"


class FakeEstimate:
    """SYNTHETIC stand-in following the EstimateResult contract; every number is invented."""

    inputs_digest = "sha256:" + "1" * 64
    imputed_share = 0.42
    draws = 500
    seed = 7
    notes = ["synthetic run"]

    def __init__(self) -> None:
        self.years = np.arange(2010, 2019)
        self.assumptions = {
            "occupancy_rate": FakeAssumption(
                "occupancy_rate", "uniform", 0.7, 0.9, 1.2, "fraction"
            ),
            "length_of_stay_days": FakeAssumption(
                "length_of_stay_days", "uniform", 14, 21, 30, "days"
            ),
        }
        self.observations = make_synthetic_evidence().observations

    def national(self) -> pd.DataFrame:
        frames = []
        for scen, k in (("documented", 0.3), ("capacity", 1.5), ("combined", 1.2)):
            c = k * 10000.0 * (1 + 0.05 * (self.years - 2010))
            frames.append(pd.DataFrame({"year": self.years, "scenario": scen, **_intervals(c)}))
        return pd.concat(frames, ignore_index=True)

    def imputed(self) -> pd.DataFrame:
        """Invented imputed shares per year (0.30 in 2016), combined scenario only."""
        share = 0.3 + 0.01 * (self.years - 2016)
        return pd.DataFrame({"year": self.years, "scenario": "combined", "imputed_share": share})

    def cumulative(self) -> pd.DataFrame:
        nat = self.national()
        out = []
        for _, g in nat.groupby("scenario"):
            g = g.sort_values("year").copy()
            for col in ("mean", "median", "p025", "p05", "p25", "p75", "p95", "p975"):
                g[col] = g[col].cumsum()
            out.append(g)
        return pd.concat(out, ignore_index=True)

    def by_hospital(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "hospital_id": ["h_alpha", "h_beta", "h_gamma"],
                "year": 2018,
                "scenario": "combined",
                **_intervals(np.array([900.0, 600.0, 200.0])),
                "methods": ["reported;bed_capacity", "bed_capacity", "personnel"],
            }
        )

    def by_organ(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "year": 2018,
                "scenario": "documented",
                "organ": ["kidney", "liver", "heart"],
                **_intervals(np.array([8000.0, 4000.0, 300.0])),
            }
        )

    def by_stratum(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "year": 2018,
                "scenario": "combined",
                "stratum": ["licensed", "unlicensed", "pre_licensing", "military", "civilian"],
                **_intervals(np.array([9000.0, 3000.0, 0.0, 2000.0, 10000.0])),
            }
        )

    def official(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "year": [2015, 2018, 2016],
                "claim_id": ["cl_1", "cl_3", "cl_2"],
                "quantity": "transplants_per_year",
                "claimant": ["Synthetic Ministry", "Synthetic Ministry", "Synthetic Investigators"],
                "party": ["chinese_official", "chinese_official", "investigators"],
                "value_low": [10000.0, 20000.0, 60000.0],
                "value_high": [10000.0, 20000.0, 100000.0],
                "value": [10000.0, 20000.0, 80000.0],
                "source_id": ["src_cccccccccc", "src_cccccccccc", "src_aaaaaaaaaa"],
                "locator": "synthetic",
            }
        )

    def comparison(self) -> pd.DataFrame:
        off = self.official()
        nat = self.national()
        comb = nat[nat.scenario == "combined"].set_index("year")["median"]
        est = off["year"].map(comb)
        return pd.DataFrame(
            {
                "year": off["year"],
                "claim_id": off["claim_id"],
                "claimant": off["claimant"],
                "party": off["party"],
                "value": off["value"],
                "scenario": "combined",
                "estimate_median": est,
                "ratio_median": est / off["value"],
                "ratio_p05": est * 0.6 / off["value"],
                "ratio_p95": est * 1.6 / off["value"],
                "p_claim_at_or_above_estimate": [0.1, 0.6, 1.0],
            }
        )

    def check(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "hospital_id": ["h_alpha", "h_gamma"],
                "year": [2010, 2016],
                "method": ["bed_capacity", "personnel"],
                "reported_median": [300.0, 150.0],
                "method_median": [280.0, 170.0],
                "ratio_median": [300 / 280, 150 / 170],
                "covered": [True, True],
            }
        )

    def check_summary(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "method": ["bed_capacity", "personnel"],
                "hospital_years": [1, 1],
                "hospitals": [1, 1],
                "ratio_median": [300 / 280, 150 / 170],
                "share_covered": [1.0, 1.0],
                "share_below_p95": [1.0, 1.0],
            }
        )

    def sensitivity(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "assumption": ["occupancy_rate", "length_of_stay_days"],
                "S1": [0.6, 0.3],
                "S1_conf": [0.05, 0.04],
                "ST": [0.65, 0.35],
                "ST_conf": [0.05, 0.04],
            }
        )

    def sensitivity_year(self) -> int:
        return 2018

    def tornado(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "assumption": ["occupancy_rate", "length_of_stay_days"],
                "low_value": [0.7, 14.0],
                "high_value": [1.2, 30.0],
                "total_at_low": [9000.0, 10000.0],
                "total_at_high": [15000.0, 13000.0],
                "swing": [6000.0, 3000.0],
                "base": [12000.0, 12000.0],
            }
        )

    investigators: list[dict] = []
    """SYNTHETIC: no investigators' method is rebuilt in these tests."""

    def implied_utilisation(self) -> pd.DataFrame:
        """Invented: the 2018 official claim of 20,000 needs 40% (30%–55%) of capacity."""
        return pd.DataFrame(
            {
                "claim_id": ["cl_3"],
                "year": [2018],
                "claimant": ["Synthetic Ministry"],
                "party": ["chinese_official"],
                "value": [20000.0],
                "implied_utilisation_median": [0.4],
                "implied_utilisation_p05": [0.3],
                "implied_utilisation_p95": [0.55],
            }
        )

    def summary(self, drivers: int = 2):  # type: ignore[no-untyped-def]
        """The estimate's own headline choice (``estimate.summary``) on these invented tables."""
        from transplant_audit.estimate.summary import headline_summary

        return headline_summary(
            self.national(),
            self.comparison(),
            self.official(),
            self.implied_utilisation(),
            imputed_share=self.imputed_share,
            sensitivity=self.sensitivity(),
            sensitivity_year=self.sensitivity_year(),
            drivers=drivers,
        )

    def explain(self, hospital_id: str, year: int) -> dict:
        return {
            "hospital_id": hospital_id,
            "year": year,
            "hospital": {"licensed": True, "military": False, "first_transplant_year": None},
            "values": {
                "bed_capacity": {
                    "median": 880.0,
                    "p05": 600.0,
                    "p95": 1200.0,
                    "share_of_draws": 1.0,
                }
            },
            "observations": [
                {
                    "observation_id": "obs_0001",
                    "indicator": "transplant_beds",
                    "organ": None,
                    "value": 120.0,
                    "qualifier": "exact",
                    "unit": "beds",
                    "period": "2012 2012",
                    "dated_by": "period",
                    "source_id": "src_bbbbbbbbbb",
                    "publisher": "Synthetic Hospital",
                    "url": "https://example.org/synthetic/hospital",
                    "locator": "para 1",
                    "used_by": ["bed_capacity"],
                }
            ],
            "assumptions": [
                {
                    "name": "occupancy_rate",
                    "distribution": "uniform(0.7, 1.2) fraction",
                    "justification": "synthetic",
                    "sources": [
                        {
                            "source_id": "src_dddddddddd",
                            "publisher": "Synthetic Journal",
                            "url": "x",
                        }
                    ],
                    "origin": "assumptions",
                }
            ],
            "rules": "synthetic",
        }


class FakeForensics:
    """SYNTHETIC stand-in following the ForensicsResult contract."""

    settings = {"alpha": 0.05, "note": "synthetic"}

    def __init__(self) -> None:
        years = np.arange(2014, 2019)
        self.series = {
            "synthetic_deceased_donors": pd.DataFrame(
                {"year": years, "value": [1500, 2700, 4000, 5100, 6300]}
            )
        }

    def to_records(self) -> list[dict]:
        return [
            {
                "series": "synthetic_deceased_donors",
                "test": "quadratic_fit",
                "statistic": 0.999,
                "p_value": None,
                "flagged": True,
                "verdict": "fits a quadratic almost exactly",
                "caveats": ["5 points only"],
                "details": {},
            }
        ]

    def sources(self, name: str) -> list[str]:
        return ["src_cccccccccc"] if name in self.series else []

    def summary(self) -> pd.DataFrame:
        return pd.DataFrame(self.to_records())[["series", "test", "flagged", "verdict"]]

    def fit_results(self, name: str) -> dict:
        """Real formula fits (forensics.fits) of the synthetic series."""
        from transplant_audit.forensics.fits import fit_all

        df = self.series[name]
        return fit_all(df["year"].to_numpy(float), df["value"].to_numpy(float))

    def fits(self, name: str) -> pd.DataFrame:
        df = self.series[name].copy()
        for formula, f in self.fit_results(name).items():
            if f.ok:
                df[formula] = f.fitted
        return df

    def fit_summary(self, name: str) -> pd.DataFrame:
        from transplant_audit.forensics.fits import fits_table

        return fits_table(self.fit_results(name))

    def variant_ranges(self) -> pd.DataFrame:
        """One version per series: nothing to range over."""
        return pd.DataFrame(columns=["series", "test", "variants"])

    def reference_ranking(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"country": ["China", "Synthetica"], "series": ["donors", "donors"], "rank": [1, 2]}
        )


@pytest.fixture()
def evidence() -> Evidence:
    return make_synthetic_evidence()


def make_synthetic_donorpool():  # type: ignore[no-untyped-def]
    """SYNTHETIC inputs of the donor-pool section (made-up curve, synthetic claims)."""
    from transplant_audit.report.donorpool_section import DonorPoolInputs

    rows = [
        {
            "label": label,
            "volume_all_organs": vol,
            "organ": organ,
            "wait_days": w,
            "donors_per_year_median": vol * f,
            "donors_per_year_p05": vol * f * 0.9,
            "donors_per_year_p95": vol * f * 1.1,
        }
        for label, vol in (("synthetic official", 10000.0), ("synthetic investigators", 60000.0))
        for organ, f in (("kidney", 0.3), ("liver", 0.27))
        for w in (7.0, 365.0)
    ]
    return DonorPoolInputs(
        curve=pd.DataFrame(rows),
        official_donors=pd.DataFrame(
            [
                {
                    "label": "synthetic donors 2015",
                    "donors": 2700.0,
                    "year": "2015",
                    "claim_id": "cl_1",
                    "source_id": "src_cccccccccc",
                }
            ]
        ),
        volumes={"synthetic official": 10000.0, "synthetic investigators": 60000.0},
        volume_claims={
            "synthetic official": ("cl_1", "src_cccccccccc"),
            "synthetic investigators": ("cl_2", "src_aaaaaaaaaa"),
        },
        assumptions=[],
    )


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the SYNTHETIC evidence with the estimate/forensics stand-ins (every kind
    of chart), built once for the browser tests (browser, layout, accessibility)."""
    from transplant_audit.report.build import Analyses, assemble, write_report

    out = tmp_path_factory.mktemp("browser") / "report"
    rep = assemble(
        make_synthetic_evidence(),
        Analyses(estimate=FakeEstimate(), forensics=FakeForensics()),
        draws=500,
        seed=7,
    )
    write_report(rep, out, pdf=False)
    return out
