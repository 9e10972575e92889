"""Section: forensic tests of the official series (findings, ranges, fit charts, ranking)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from transplant_audit.evidence.frames import Evidence
from transplant_audit.report.fmt import is_missing
from transplant_audit.report.model import Block, Figure, Notes, Para, Section, Table, Unavailable
from transplant_audit.report.sections.context import need

if TYPE_CHECKING:
    from transplant_audit.forensics.api import ForensicsResult

RANKING_ROWS = 50
"""Reference windows shown in the report's ranking table (the tested series always)."""

INTRO = (
    "These tests ask whether the official series behave like counts of real events "
    "(irregular from year to year, with at least the spread of natural counts) or "
    "like numbers produced by a formula. A flag is a reason to look closer, not "
    "proof; a test that was not run says why. Where two reports give different "
    "figures for the same year, each version of the series is tested separately "
    "(shown as series[year=value]). A figure stated as a bound ('more than 6,300') "
    "is never tested as a count, and an 'about' figure only for a year with no "
    "exact one; where either contradicts an exact figure, that is reported as a "
    "source disagreement."
)
RANK_CONTRAST = (
    "Two rankings, side by side. The paper's measure is how well a quadratic fits (adjusted "
    "R²); the smoothness measure is the dispersion D of the residuals against counting noise. "
    "R² rewards steep growth: the same residuals are small against a large total variation, "
    "so a fast-growing real programme out-ranks flat ones on R² without being any less "
    "noisy. D does not depend on growth, so it is the one that can flag."
)
VARIANT_CAPTION = (
    "Where sources give different exact figures for a year, every version of the "
    "series is tested; this table shows the lowest and highest statistic, p-value "
    "and quadratic adjusted R² over the versions, and in how many a test flagged."
)


def forensics_section(ev: Evidence, fr: ForensicsResult, notes: Notes) -> Section:
    """Forensic tests of the official series, with a fit chart per series."""
    sec = Section("forensics", "Forensic tests of the official figures")
    sec.add(Para([INTRO]))
    sec.add(*findings_blocks(ev, fr, notes, "forensic_tests", "Every forensic test"))
    sec.add(
        *variant_range_blocks(fr, "forensic_variant_ranges", "Range across versions of each series")
    )
    sec.add(*fit_chart_blocks(ev, fr, notes))
    sec.add(*_ranking_blocks(fr))
    return sec


def base_series(name: str) -> str:
    """``national_deceased_donors[2010=34,2017=5148]`` → ``national_deceased_donors``."""
    return str(name).split("[")[0].split(" / ")[0].strip()


def series_sources(ev: Evidence, fr: ForensicsResult, name: str) -> list[str]:
    """The sources of a tested series (its version's), else of its base series in the evidence."""
    return list(fr.sources(name)) or _evidence_sources(ev, [base_series(name)])


def _evidence_sources(ev: Evidence, names: Iterable[str]) -> list[str]:
    off = ev.official_series
    wanted = set(map(str, names))
    if off.empty:
        return []
    return list(dict.fromkeys(off[off["series"].astype(str).isin(wanted)]["source_id"].astype(str)))


def top_windows(rank: pd.DataFrame, rows: int) -> pd.DataFrame:
    """The tested row(s) and the ``rows`` reference windows with the best adjusted R²."""
    if "tested" not in rank.columns or len(rank) <= rows + 1:
        return rank
    tested = rank["tested"].astype(bool)
    return pd.concat([rank[tested], rank[~tested].head(rows)]).reset_index(drop=True)


def _ranking_blocks(fr: ForensicsResult) -> list[Block]:
    rank = fr.reference_ranking()
    if len(rank) == 0:
        return [
            Unavailable(
                "reference ranking",
                "no reference-country series are in the evidence, so the official series "
                "cannot be ranked against real registries",
            )
        ]
    shown = top_windows(rank, RANKING_ROWS)
    capped = (
        f" (the {RANKING_ROWS} best-fitting of {len(rank) - 1} reference windows; "
        "every window: ForensicsResult.reference_ranking() in Python)"
        if len(shown) < len(rank)
        else ""
    )
    return [
        Table(
            name="reference_ranking",
            title="Where the official series rank among other countries' series" + capped,
            data=shown,
            sortable=True,
            links={"source_id": ""} if "source_id" in rank.columns else {},
        )
    ]


def _records_frame(fr: ForensicsResult) -> pd.DataFrame:
    """Every test as a row; list and dict cells joined into text."""
    df = pd.DataFrame(fr.to_records())
    need(df, "series", "test", "flagged", "verdict", what="forensics.to_records()")
    for col in ("caveats", "details"):
        if col in df.columns:
            df[col] = df[col].map(
                lambda v: (
                    "; ".join(map(str, v))
                    if isinstance(v, list | tuple)
                    else ("" if is_missing(v) else str(v))
                )
            )
    df["flagged"] = df["flagged"].astype(bool)
    return df


def findings_blocks(
    ev: Evidence, fr: ForensicsResult, notes: Notes, table_name: str, table_title: str
) -> list[Block]:
    """Counts, flagged findings in words and the table of every test of one forensics result."""
    if not fr.to_records():
        return [Unavailable("forensic findings", "no forensic test produced a result")]
    df = _records_frame(fr)
    blocks: list[Block] = [_counts_para(ev, fr, notes, df)]
    blocks.append(
        Table(
            name=f"{table_name}_summary",
            title="Summary: one line per test, flagged first",
            data=fr.summary(),
            sortable=True,
        )
    )
    blocks += rank_contrast_blocks(df)
    blocks += _flagged_paras(ev, fr, notes, df[df["flagged"]])
    keep = [
        c
        for c in ("series", "test", "flagged", "statistic", "p_value", "verdict", "caveats")
        if c in df.columns
    ]
    table = df[keep].sort_values(["flagged", "series"], ascending=[False, True])
    blocks.append(Table(name=table_name, title=table_title, data=table, sortable=True))
    return blocks


def _counts_para(ev: Evidence, fr: ForensicsResult, notes: Notes, df: pd.DataFrame) -> Para:
    not_run = int(df["verdict"].astype(str).str.startswith("Not run").sum())
    flagged = int(df["flagged"].sum())
    all_sources = [s for n in df["series"].unique() for s in series_sources(ev, fr, n)]
    ref = notes.cite("Official series tested, as reported.", sources=all_sources)
    return Para(
        [
            f"{len(df)} tests on {df['series'].nunique()} series: "
            f"{flagged} flagged, {len(df) - flagged - not_run} "
            f"not flagged, {not_run} not run (too few years or no "
            "reference data).",
            ref,
        ]
    )


def _flagged_paras(
    ev: Evidence, fr: ForensicsResult, notes: Notes, flagged: pd.DataFrame
) -> list[Block]:
    """Flagged findings in words; identical findings on versions of one series once."""
    if not len(flagged):
        return []
    blocks: list[Block] = [
        Para(["Flagged findings (identical findings on versions of one series are listed once):"])
    ]
    for (test, verdict), grp in flagged.groupby(["test", "verdict"], sort=False):
        names = list(dict.fromkeys(grp["series"].astype(str)))
        srcs = [s for n in names for s in series_sources(ev, fr, n)]
        ref = notes.cite(f"Series {', '.join(names)} as reported.", sources=srcs)
        blocks.append(Para([f"{'; '.join(names)} ({test}): {verdict}", ref]))
    return blocks


def rank_contrast_blocks(df: pd.DataFrame) -> list[Block]:
    """R² rank (the paper's measure) next to the dispersion rank, per series, in words."""
    if not {"r2_rank_quadratic", "reference_ranking"} <= set(df["test"]):
        return []
    lines = []
    for base in dict.fromkeys(df["series"].map(base_series)):
        rows = df[df["series"].map(base_series) == base]
        q = rows[rows["test"] == "r2_rank_quadratic"]
        d = rows[rows["test"] == "reference_ranking"]
        if q.empty or d.empty or str(q.iloc[0]["verdict"]).startswith("Not run"):
            continue
        lines.append(
            f"{q.iloc[0]['series']}: on R², {q.iloc[0]['verdict'].split('. ')[0]}. "
            f"On dispersion, {d.iloc[0]['verdict'].split('. ')[0]}."
        )
    if not lines:
        return []
    return [Para([RANK_CONTRAST]), *[Para([line]) for line in lines]]


def fit_chart_blocks(ev: Evidence, fr: ForensicsResult, notes: Notes) -> list[Block]:
    """One fit chart per tested series (its first version when sources conflict)."""
    blocks: list[Block] = []
    shown: set[str] = set()
    for name in fr.series:
        base = base_series(name)
        if base in shown:
            continue
        try:
            df = fr.fits(name)
        except KeyError:
            continue  # not fit-tested by design (running totals, rates); the table says why
        shown.add(base)
        blocks.append(_fit_figure(ev, fr, notes, str(name), df, base))
    if not blocks:
        return [Unavailable("fit charts", "no series had enough years for a formula fit")]
    return blocks


def _fit_figure(
    ev: Evidence, fr: ForensicsResult, notes: Notes, name: str, df: pd.DataFrame, base: str
) -> Figure:
    from transplant_audit.forensics.charts import fit_chart

    need(df, "year", "value", what=f"forensics.fits({name!r})")
    fitted = [c for c in df.columns if c not in ("year", "value")]
    alt_text = (
        f"Chart of the official series '{name}' ({len(df)} years, "
        f"{int(df['year'].min())} to {int(df['year'].max())}): reported values as "
        f"points, {len(fitted)} fitted formulas as lines ({', '.join(fitted)})."
    )
    spec = fit_chart(fr, name).to_dict()
    spec.pop("$schema", None)
    spec["description"] = alt_text + (
        " Lower panel: residuals of the best formula against the band where "
        "Poisson counts would fall."
    )
    safe = "".join(ch if ch.isalnum() else "_" for ch in base)
    return Figure(
        name=f"fit_{safe}",
        title=f"'{name}': reported vs fitted",
        spec=spec,
        data=df,
        alt=alt_text,
        caption=[
            "If the points sit on a smooth formula more closely than real counts "
            "can (residuals well inside the grey band), the series looks "
            "computed rather than counted.",
            notes.cite(f"Official series '{name}'.", sources=series_sources(ev, fr, name)),
        ],
    )


def variant_range_blocks(fr: ForensicsResult, name: str, title: str) -> list[Block]:
    """The range of each main test's statistic and p-value across conflict variants."""
    df = fr.variant_ranges()
    df = df[df["variants"] > 1].reset_index(drop=True)  # one version has no range to show
    if df.empty:
        return []
    return [Table(name=name, title=title, data=df, sortable=True, caption=[VARIANT_CAPTION])]
