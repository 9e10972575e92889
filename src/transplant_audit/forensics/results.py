"""The record every forensic test returns, and the words shared by all verdicts.

``TestResult`` is the typed result of one test on one series (statistic,
p-value, flagged, verdict in plain words, caveats, details), as statsmodels'
results are; ``summary_row`` gives its one-line form for the summary table that
heads the CLI output and the report. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from transplant_audit.jsonvalue import plain

RANGE_TESTS = (
    "formula_fit",
    "too_smooth_poisson",
    "too_smooth_overdispersed",
    "prediction_holdout",
    "reference_ranking",
    "r2_rank_quadratic",
    "r2_rank_one_parameter",
)
"""Tests whose statistics and p-values are summarised across conflict variants."""


@dataclass
class TestResult:
    """One test on one series. ``flagged`` is True when the test finds the series suspicious."""

    __test__ = False  # not a pytest class

    series: str
    test: str
    statistic: float | None
    p_value: float | None
    flagged: bool
    verdict: str
    caveats: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)

    def summary(self, width: int = 140) -> str:
        """The verdict in one line: its first sentence, cut to ``width`` characters."""
        first = self.verdict.split(". ")[0].rstrip(".") + "."
        return first if len(first) <= width else first[: width - 1].rstrip() + "…"

    def to_record(self, with_details: bool = False) -> dict[str, object]:
        rec: dict[str, object] = {
            "series": self.series,
            "test": self.test,
            "statistic": _clean(self.statistic),
            "p_value": _clean(self.p_value),
            "flagged": bool(self.flagged),
            "verdict": self.verdict,
            "caveats": list(self.caveats),
        }
        if with_details:
            rec["details"] = plain(self.details)
        return rec


def _clean(x: float | None) -> float | None:
    """A statistic as a float, or None when missing or not finite (``jsonvalue.plain``)."""
    return None if x is None else plain(float(x))


def _variant_base(name: str) -> str:
    """``national_deceased_donors[2010=34,2017=5148]`` → ``national_deceased_donors``."""
    return str(name).split("[")[0].strip()


def _quad_adj_r2(r: TestResult) -> float | None:
    """Adjusted R² of the general quadratic in a formula_fit or reference_ranking result."""
    if r.test == "reference_ranking":
        v = r.details.get("adj_r2")
        return None if v is None else float(v)  # type: ignore[arg-type]
    if r.test == "formula_fit":
        for row in r.details.get("fits", []) or []:  # type: ignore[union-attr]
            if row.get("formula") == "quadratic":
                return float(row.get("adj_r2"))
    return None


def _p(p: float | None) -> str:
    if p is None:
        return "n/a"
    return "< 0.0001" if p < 1e-4 else f"{p:.4f}" if p < 0.01 else f"{p:.3f}"


def _refused(series: str, test: str, reason: str, **details: object) -> TestResult:
    return TestResult(
        series, test, None, None, False, f"Not run: {reason}.", [reason], dict(details)
    )


SUMMARY_COLUMNS = ["series", "test", "flagged", "flagged_in", "p_value", "finding"]


def summary_row(r: TestResult, width: int = 140) -> dict[str, object]:
    """One line per test: series, test, flagged, p-value and the verdict's first sentence."""
    return {
        "series": r.series,
        "test": r.test,
        "flagged": bool(r.flagged),
        "flagged_in": "",
        "p_value": _clean(r.p_value),
        "finding": r.summary(width),
    }


def summary_frame(results: list[TestResult]) -> pd.DataFrame:
    """The summary table: one line per series and test, flagged first.

    Versions of one series (conflicting source values, ``name[2010=34,...]``) are
    folded into one line: ``flagged_in`` says in how many of the versions the test
    flagged ("2 of 6"), ``flagged`` is True if any did (the finding is then a
    flagged version's), ``p_value`` is the smallest over the versions.
    """
    rows = [summary_row(r) for r in results]
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    if frame.empty:
        return frame
    frame["series"] = frame["series"].map(lambda n: re.sub(r"\[[^\]]*\]", "", str(n)).strip())
    out = []
    for (series, test), grp in frame.groupby(["series", "test"], sort=False):
        pick = grp[grp["flagged"]].iloc[0] if grp["flagged"].any() else grp.iloc[0]
        finding = str(pick["finding"])
        out.append(
            {
                "series": series,
                "test": test,
                "flagged": bool(grp["flagged"].any()),
                "flagged_in": f"{int(grp['flagged'].sum())} of {len(grp)}",
                "p_value": _clean(grp["p_value"].min()) if grp["p_value"].notna().any() else None,
                "finding": finding,
            }
        )
    folded = pd.DataFrame(out, columns=SUMMARY_COLUMNS)
    return folded.sort_values("flagged", ascending=False, kind="stable").reset_index(drop=True)
