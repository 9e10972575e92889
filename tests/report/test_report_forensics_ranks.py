"""The report's forensics section: summary table first, R² rank beside the dispersion rank.

Runs the real forensics on the bundled data (deceased-donor series, 2010–2018, 200
simulations to stay quick) and builds the section from it.
"""

from __future__ import annotations

from pathlib import Path

from transplant_audit.evidence.package import read_package
from transplant_audit.forensics import run_forensics
from transplant_audit.report.model import Para, Table
from transplant_audit.report.sections.forensics import RANK_CONTRAST, findings_blocks

REPO = Path(__file__).resolve().parents[2]


class _Notes:
    def cite(self, text: str, sources: list[str] | None = None) -> str:
        return ""


def _text(block: Para) -> str:
    return " ".join(str(getattr(r, "text", r)) for r in block.runs)


def test_summary_heads_and_ranks_are_explained_side_by_side() -> None:
    ev = read_package(REPO / "data")
    fr = run_forensics(ev, ["national_deceased_donors"], years=(2010, 2018), n_sim=200)
    blocks = findings_blocks(ev, fr, _Notes(), "forensic_tests", "Every forensic test")
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables[0].name == "forensic_tests_summary"
    assert list(tables[0].data.columns)[:2] == ["series", "test"]
    texts = [_text(b) for b in blocks if isinstance(b, Para)]
    assert any(RANK_CONTRAST in t for t in texts)
    side = [t for t in texts if "on R²" in t and "On dispersion" in t]
    assert side and "fit a general quadratic as well" in side[0]
    assert "lie as close to their trend" in side[0]


def test_ranking_table_is_capped_but_keeps_the_tested_series() -> None:
    import pandas as pd

    from transplant_audit.report.sections.forensics import top_windows

    rank = pd.DataFrame(  # SYNTHETIC ranking table, tested row in the middle
        {"adj_r2": [0.9 - i / 1000 for i in range(120)], "tested": [i == 70 for i in range(120)]}
    )
    shown = top_windows(rank, 50)
    assert len(shown) == 51 and bool(shown["tested"].iloc[0])
    assert shown["adj_r2"].iloc[1:].tolist() == rank["adj_r2"].head(50).tolist()
    assert len(top_windows(rank.head(30), 50)) == 30
