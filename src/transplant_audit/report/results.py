"""Sections built from the estimate and forensics results (pure).

The estimate and forensics APIs are specified in the project's contracts
(``EstimateResult.national()``, ``.comparison()``, ``.explain()``, ...;
``ForensicsResult.results``, ``.fits()``, ...). Each part here asks for exactly
the columns it needs and turns anything missing into a visible
"not available: reason" box through :func:`~transplant_audit.report.sections.guarded`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from transplant_audit.evidence.frames import Evidence
from transplant_audit.report import charts
from transplant_audit.report.fmt import is_missing, num, pct, ratio, rounded
from transplant_audit.report.model import (
    Block,
    Derivation,
    Figure,
    Headline,
    HeadlineItem,
    Link,
    Notes,
    Para,
    Ref,
    Run,
    Section,
    Table,
    Unavailable,
)
from transplant_audit.report.sections import ASM_ANCHOR, DERIV, OBS_ANCHOR, guarded

SCENARIO_ORDER = ("combined", "capacity", "documented")
TOP_HOSPITALS = 25


def need(df: pd.DataFrame, *cols: str, what: str) -> None:
    """Raise a clear error when a result table lacks a column the report needs."""
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(
            f"{what} has no column(s) {', '.join(missing)} (has: {', '.join(map(str, df.columns))})"
        )


def first_col(df: pd.DataFrame, *candidates: str) -> str | None:
    for c in candidates:
        if c in df.columns:
            return c
    return None


def collect_ids(obj: Any) -> dict[str, list[str]]:
    """Observation ids, assumption names and source ids found anywhere in a nested result dict.

    Keys naming observations, assumptions or sources (``observation_ids``,
    ``assumptions``, ``source_ids`` ...) are gathered; this is how a headline
    figure is linked to everything that produced it.
    """
    found: dict[str, dict[str, None]] = {"observations": {}, "assumptions": {}, "sources": {}}

    def add(kind: str, value: Any) -> None:
        if isinstance(value, str):
            for v in value.split(";"):
                if v.strip():
                    found[kind].setdefault(v.strip(), None)
        elif isinstance(value, Mapping):
            for k in value:
                found[kind].setdefault(str(k), None)
        elif isinstance(value, Iterable):
            for v in value:
                if isinstance(v, str | int):
                    found[kind].setdefault(str(v), None)
                elif isinstance(v, Mapping):
                    for key in ("id", "name", "source_id", "observation_id"):
                        if key in v and not is_missing(v[key]):
                            found[kind].setdefault(str(v[key]), None)
                            break

    def walk(o: Any) -> None:
        if isinstance(o, Mapping):
            for k, v in o.items():
                key = str(k).lower()
                if key.startswith("observation"):
                    add("observations", v)
                elif key.startswith("assumption"):
                    add("assumptions", v)
                elif key in ("source_ids", "sources", "source_id"):
                    add("sources", v)
                walk(v)
        elif isinstance(o, list | tuple):
            for v in o:
                walk(v)

    walk(obj)
    return {k: list(v) for k, v in found.items()}


def _pick_scenario(df: pd.DataFrame) -> str:
    have = list(dict.fromkeys(df["scenario"].astype(str)))
    for s in SCENARIO_ORDER:
        if s in have:
            return s
    return have[0]


def _official_points(est: Any) -> pd.DataFrame:
    """Official and others' claims per year from ``est.official()`` as year, label, value, source_id."""
    off = est.official()
    if off is None or len(off) == 0:
        return pd.DataFrame(columns=["year", "label", "value", "source_id"])
    need(off, "year", what="estimate.official()")
    value_col = first_col(off, "value", "official", "value_high", "value_low", "claim_value")
    label_col = first_col(off, "claim", "label", "series", "claimant", "quantity")
    if value_col is None:
        raise KeyError(f"estimate.official() has no value column (has: {', '.join(off.columns)})")
    out = pd.DataFrame(
        {
            "year": pd.to_numeric(off["year"], errors="coerce"),
            "label": off[label_col].astype(str) if label_col else "official claim",
            "value": pd.to_numeric(off[value_col], errors="coerce"),
            "source_id": off["source_id"].astype(str) if "source_id" in off else "",
        }
    ).dropna(subset=["year", "value"])
    out["year"] = out["year"].astype(int)
    return out


class EstimateSections:
    """Build every estimate section from one ``EstimateResult``."""

    def __init__(self, ev: Evidence, est: Any, notes: Notes) -> None:
        self.ev = ev
        self.est = est
        self.notes = notes
        self._provenance: dict[str, list[str]] | None = None
        self.headline_year: int | None = None
        self.headline_text: list[str] = []

    # provenance -------------------------------------------------------------
    def provenance(self) -> dict[str, list[str]]:
        if self._provenance is None:
            try:
                prov = collect_ids(self.est.to_dict())
            except Exception:  # noqa: BLE001 - fall back to the assumptions table below
                prov = {"observations": [], "assumptions": [], "sources": []}
            if not prov["assumptions"] and not self.ev.assumptions.empty:
                prov["assumptions"] = list(self.ev.assumptions["name"].astype(str))
            if not prov["sources"] and prov["assumptions"] and not self.ev.assumptions.empty:
                asm = self.ev.assumptions
                used = asm[asm["name"].astype(str).isin(prov["assumptions"])]
                prov["sources"] = [
                    s for cell in used["source_ids"] for s in str(cell).split(";") if s.strip()
                ]
            self._provenance = prov
        return self._provenance

    def cite_estimate(self, text: str) -> Ref:
        p = self.provenance()
        return self.notes.cite(
            text,
            observations=p["observations"],
            assumptions=p["assumptions"],
            sources=p["sources"],
            anchors=[
                Link("methods and assumptions", ASM_ANCHOR),
                Link("all observations", OBS_ANCHOR),
            ],
        )

    # headline ---------------------------------------------------------------
    def headline(self) -> Section:
        sec = Section("headline", "Headline")
        sec.add(*guarded("headline figures", self._headline_blocks))
        return sec

    def _headline_blocks(self) -> list[Block]:
        nat = self.est.national()
        need(nat, "year", "scenario", "median", "p025", "p975", what="estimate.national()")
        scenario = _pick_scenario(nat)
        rows = nat[nat["scenario"].astype(str) == scenario].sort_values("year")
        comp = None
        try:
            comp = self.est.comparison()
        except Exception:  # noqa: BLE001 - headline works without the comparison
            comp = None
        year = int(rows["year"].max())
        if comp is not None and len(comp) and "year" in comp and "ratio" in comp:
            years = set(pd.to_numeric(comp["year"], errors="coerce").dropna().astype(int))
            common = sorted(years & set(rows["year"].astype(int)))
            if common:
                year = common[-1]
        self.headline_year = year
        row = rows[rows["year"].astype(int) == year].iloc[0]
        ref = self.cite_estimate(
            f"National estimate for {year}, scenario '{scenario}': median and 95% interval of "
            f"{self.est_draws()} Monte Carlo draws."
        )
        items = [
            HeadlineItem(
                label=f"Estimated transplants in {year}",
                value=rounded(row["median"]),
                detail=[
                    f"95% interval {rounded(row['p025'])} to {rounded(row['p975'])} "
                    f"({charts.SCENARIO_LABELS.get(scenario, scenario)})",
                    ref,
                ],
            )
        ]
        text = (
            f"Estimated transplants in China in {year}: {rounded(row['median'])} "
            f"(95% interval {rounded(row['p025'])}–{rounded(row['p975'])}, {scenario} scenario)"
        )
        comp_row = None
        if comp is not None and len(comp) and "year" in comp:
            sub = comp[pd.to_numeric(comp["year"], errors="coerce") == year]
            if len(sub):
                comp_row = sub.iloc[0]
        official_value = None
        off_sources: list[str] = []
        try:
            off = _official_points(self.est)
            sub = off[off["year"] == year]
            if comp_row is not None and "claim" in comp_row.index and len(sub):
                match = sub[sub["label"] == str(comp_row["claim"])]
                sub = match if len(match) else sub
            if len(sub):
                official_value = float(sub["value"].iloc[0])
                off_sources = [s for s in sub["source_id"].astype(str) if s and s != "nan"]
        except Exception:  # noqa: BLE001 - shown as not available below
            official_value = None
        if official_value is not None:
            ref_off = self.notes.cite(f"Official claim for {year}.", sources=off_sources)
            label = (
                str(comp_row["claim"])
                if comp_row is not None and "claim" in comp_row.index
                else "official claim"
            )
            items.append(
                HeadlineItem(
                    label=f"Official figure for {year}",
                    value=num(official_value),
                    detail=[f"{label}; a published claim, not used as input", ref_off],
                )
            )
            text += f"; official figure {num(official_value)}"
        if comp_row is not None and "ratio" in comp_row.index and not is_missing(comp_row["ratio"]):
            prob_col = next((c for c in comp_row.index if str(c).startswith("prob")), None)
            detail: list[Run] = ["estimate divided by the official figure"]
            if prob_col is not None and not is_missing(comp_row[prob_col]):
                detail.append(
                    f"; probability that the official figure is at least the estimate: "
                    f"{pct(comp_row[prob_col])}"
                )
            detail.append(
                self.cite_estimate(f"Ratio of the {year} estimate to the official figure.")
            )
            items.append(HeadlineItem(label="Ratio", value=ratio(comp_row["ratio"]), detail=detail))
            text += f"; ratio {ratio(comp_row['ratio'])}"
        try:
            share = self.est.imputed_share
            if share is not None and not is_missing(share):
                items.append(
                    HeadlineItem(
                        label="Imputed",
                        value=pct(share),
                        detail=[
                            "share of the estimate resting on imputed (modelled, not stated) "
                            "hospital figures"
                        ],
                    )
                )
                text += f"; {pct(share)} imputed"
        except Exception:  # noqa: BLE001 - optional item
            pass
        self.headline_text.append(text)
        blocks: list[Block] = [Headline(items)]
        blocks.append(
            Para(
                [
                    "How to read this: the estimate is a range, not a count. The middle value is "
                    "the median of many model runs that vary every assumption within its sourced "
                    "range; 95% of runs fall inside the interval. The official figure is a claim "
                    "published by Chinese authorities and is only compared with, never used in, "
                    "the estimate. Every figure has a numbered note linking to the observations, "
                    "assumptions and sources behind it."
                ],
                kind="caveat",
            )
        )
        return blocks

    def est_draws(self) -> str:
        try:
            d = self.est.to_dict().get("draws")
            return num(d) if d is not None else "the"
        except Exception:  # noqa: BLE001
            return "the"

    # national series --------------------------------------------------------
    def national(self) -> Section:
        sec = Section("national", "Transplants per year")
        sec.add(*guarded("national time series", self._national_blocks))
        sec.add(*guarded("comparison with official figures", self._comparison_blocks))
        sec.add(*guarded("cumulative since 2000", self._cumulative_blocks))
        return sec

    def _national_blocks(self) -> list[Block]:
        nat = self.est.national()
        need(
            nat,
            "year",
            "scenario",
            "median",
            "p025",
            "p25",
            "p75",
            "p975",
            what="estimate.national()",
        )
        try:
            off = _official_points(self.est)
        except Exception:  # noqa: BLE001 - chart without the overlay; table says why
            off = None
        data = nat.copy()
        scen = _pick_scenario(nat)
        main = data[data["scenario"].astype(str) == scen].sort_values("year")
        alt_text = (
            f"Line chart of estimated transplants per year, {int(main['year'].min())} to "
            f"{int(main['year'].max())}, for the scenarios "
            + ", ".join(dict.fromkeys(data["scenario"].astype(str)))
            + f". The {scen} median goes from {rounded(main['median'].iloc[0])} to "
            f"{rounded(main['median'].iloc[-1])}; shaded bands show 50% and 95% intervals."
        )
        if off is not None and len(off):
            alt_text += f" Diamonds mark {len(off)} published official claims."
        ref = self.cite_estimate("National estimate per year, every scenario.")
        blocks: list[Block] = [
            Para(
                [
                    "Three scenarios are shown. The documented floor counts only transplants "
                    "stated in sources (a lower bound). The capacity model converts stated beds, "
                    "occupancy and length of stay into transplants. The combined estimate merges "
                    "the two. Bands show where 50% and 95% of the model runs fall.",
                    ref,
                ]
            ),
            Figure(
                name="national_series",
                title="Transplants per year: estimate and official claims",
                spec=charts.national_series(data, off, alt_text),
                data=data,
                alt=alt_text,
                caption=[
                    "Median (line), 50% band (darker) and 95% band (lighter) by scenario; red "
                    "diamonds are published official claims.",
                    ref,
                ],
            ),
        ]
        if off is not None and len(off):
            blocks.append(
                Table(
                    name="official_claims_per_year",
                    title="Official and others' claims per year",
                    data=off,
                    sortable=True,
                    links={"source_id": ""},
                )
            )
        return blocks

    def _comparison_blocks(self) -> list[Block]:
        comp = self.est.comparison()
        need(comp, "year", "ratio", what="estimate.comparison()")
        return [
            Table(
                name="comparison",
                title="Estimate compared with official claims",
                data=comp,
                sortable=True,
                caption=[
                    "ratio = estimate ÷ official claim; the probability column is the share of "
                    "model runs at or below the official figure.",
                    self.cite_estimate("Comparison of estimate and claims."),
                ],
            )
        ]

    def _cumulative_blocks(self) -> list[Block]:
        cum = self.est.cumulative()
        need(cum, "year", "scenario", "median", "p025", "p975", what="estimate.cumulative()")
        scen = _pick_scenario(cum)
        last = cum[cum["scenario"].astype(str) == scen].sort_values("year").iloc[-1]
        first_year = int(cum["year"].min())
        ref = self.cite_estimate(f"Cumulative estimate since {first_year}.")
        alt_text = (
            f"Line chart of cumulative estimated transplants since {first_year} by scenario; "
            f"the {scen} median reaches {rounded(last['median'])} by {int(last['year'])} "
            f"(95% interval {rounded(last['p025'])} to {rounded(last['p975'])})."
        )
        return [
            Para(
                [
                    f"Added up since {first_year}, the {scen} estimate reaches "
                    f"{rounded(last['median'])} transplants by {int(last['year'])} (95% interval "
                    f"{rounded(last['p025'])} to {rounded(last['p975'])}).",
                    ref,
                ]
            ),
            Figure(
                name="cumulative",
                title="Cumulative transplants",
                spec=charts.cumulative(cum, alt_text),
                data=cum,
                alt=alt_text,
                caption=["Running total of the yearly estimate, median and 95% band.", ref],
            ),
        ]

    # breakdowns ------------------------------------------------------------
    def breakdowns(self) -> Section:
        sec = Section("breakdowns", "By organ and by licence")
        sec.add(*guarded("estimate by organ", self._by_organ))
        sec.add(*guarded("licensed vs unlicensed hospitals", self._by_stratum))
        return sec

    def _year_slice(self, df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
        if "year" in df.columns:
            years = pd.to_numeric(df["year"], errors="coerce")
            year = (
                self.headline_year
                if self.headline_year in set(years.dropna().astype(int))
                else int(years.max())
            )
            df = df[years == year]
            return df, f" in {year}"
        return df, ""

    def _interval_figure(
        self, df: pd.DataFrame, category: str, name: str, title: str, what: str
    ) -> list[Block]:
        need(df, category, "median", "p025", "p975", what=what)
        if "scenario" in df.columns:
            df = df[df["scenario"].astype(str) == _pick_scenario(df)]
        df, when = self._year_slice(df)
        if df.empty:
            return [Unavailable(title, f"{what} returned no rows")]
        df = df.sort_values("median", ascending=False)
        alt_text = (
            f"Bar chart of estimated transplants{when} by {category} with 95% intervals: "
            + "; ".join(
                f"{r[category]} {rounded(r['median'])} ({rounded(r['p025'])} to {rounded(r['p975'])})"
                for _, r in df.head(12).iterrows()
            )
            + "."
        )
        ref = self.cite_estimate(f"{title}{when}.")
        return [
            Figure(
                name=name,
                title=f"{title}{when}",
                spec=charts.interval_bars(df, category, f"{title}{when}", alt_text),
                data=df,
                alt=alt_text,
                caption=["Median with 95% interval (black line).", ref],
            )
        ]

    def _by_organ(self) -> list[Block]:
        df = self.est.by_organ()
        return self._interval_figure(
            df, "organ", "by_organ", "Estimated transplants by organ", "estimate.by_organ()"
        )

    def _by_stratum(self) -> list[Block]:
        df = self.est.by_stratum()
        cat = first_col(df, "stratum", "licensed", "group") or "stratum"
        blocks = self._interval_figure(
            df, cat, "by_stratum", "Licensed vs unlicensed hospitals", "estimate.by_stratum()"
        )
        blocks.insert(
            0,
            Para(
                [
                    "Hospitals with a national transplant licence are compared with those "
                    "without one that are documented as transplanting. Volume at unlicensed "
                    "hospitals is, by its nature, the least documented part of the estimate."
                ]
            ),
        )
        return blocks

    # hospitals --------------------------------------------------------------
    def hospitals(self) -> Section:
        sec = Section("hospitals", "Top hospitals")
        sec.add(*guarded("top hospitals", self._hospitals))
        return sec

    def _hospitals(self) -> list[Block]:
        df = self.est.by_hospital()
        need(df, "hospital_id", what="estimate.by_hospital()")
        value = first_col(df, "median", "mean")
        if value is None:
            raise KeyError("estimate.by_hospital() has no median or mean column")
        if "scenario" in df.columns:
            df = df[df["scenario"].astype(str) == _pick_scenario(df)]
        df, when = self._year_slice(df)
        year = self.headline_year
        if "year" in df.columns and len(df):
            year = int(pd.to_numeric(df["year"]).iloc[0])
        top = df.sort_values(value, ascending=False).head(TOP_HOSPITALS).copy()
        names = self.ev.hospitals.set_index("id")
        top.insert(
            1,
            "hospital",
            top["hospital_id"].map(lambda h: names["name_en"].get(h, h) if h in names.index else h),
        )
        if "province" not in top.columns:
            top.insert(
                2,
                "province",
                top["hospital_id"].map(
                    lambda h: names["province"].get(h, "") if h in names.index else ""
                ),
            )
        top.insert(0, "derivation", top["hospital_id"].astype(str))
        blocks: list[Block] = [
            Para(
                [
                    f"The {len(top)} hospitals with the largest estimated volume{when}. Click a "
                    "column heading to sort; follow the link in the first column to see how the "
                    "figure was derived, from which observations and assumptions."
                ]
            ),
            Table(
                name="top_hospitals",
                title=f"Top hospitals{when}",
                data=top,
                sortable=True,
                links={"derivation": DERIV},
            ),
        ]
        for hid in top["hospital_id"].astype(str):
            blocks.extend(
                guarded(f"derivation of {hid}", lambda h=hid: [self._derivation(h, year, names)])
            )
        return blocks

    def _derivation(self, hid: str, year: int | None, names: pd.DataFrame) -> Derivation:
        exp = self.est.explain(hid, year)
        title = str(names["name_en"].get(hid, hid)) if hid in names.index else hid
        lines: list[list[Run]] = []
        payload: Any = exp
        if hasattr(exp, "to_dict") and not isinstance(exp, pd.DataFrame):
            payload = exp.to_dict()
        elif hasattr(exp, "__dataclass_fields__"):
            from dataclasses import asdict

            payload = asdict(exp)
        ids = collect_ids(payload)
        if isinstance(payload, str):
            lines = [[line] for line in payload.splitlines() if line.strip()]
        elif isinstance(payload, Mapping):
            for k, v in payload.items():
                if isinstance(v, list | tuple) and v and isinstance(v[0], Mapping):
                    for item in v:
                        sub = collect_ids(item)
                        ref = self.notes.cite(
                            f"{title}, {year}: {k}.",
                            observations=sub["observations"],
                            assumptions=sub["assumptions"],
                            sources=sub["sources"],
                        )
                        text = ", ".join(
                            f"{kk}: {vv}"
                            for kk, vv in item.items()
                            if not isinstance(vv, list | dict)
                        )
                        lines.append([f"{k}: {text}", ref])
                elif isinstance(v, str | int | float) or v is None:
                    lines.append([f"{k}: {v}"])
        elif isinstance(payload, pd.DataFrame):
            for _, r in payload.iterrows():
                lines.append([", ".join(f"{c}: {r[c]}" for c in payload.columns)])
        ref_all = self.notes.cite(
            f"Derivation of {title}, {year}.",
            observations=ids["observations"],
            assumptions=ids["assumptions"],
            sources=ids["sources"],
        )
        lines.append(["Everything used for this figure", ref_all])
        return Derivation(anchor=DERIV + hid, title=f"{title} ({hid}), {year}", lines=lines)

    # backtest and sensitivity --------------------------------------------------
    def checks(self) -> Section:
        sec = Section("checks", "Backtest and sensitivity")
        sec.add(*guarded("backtest between methods", self._backtest))
        sec.add(*guarded("Sobol sensitivity", self._sobol))
        sec.add(*guarded("tornado", self._tornado))
        return sec

    def _backtest(self) -> list[Block]:
        chk = self.est.check()
        if chk is None or len(chk) == 0:
            return [Unavailable("backtest between methods", "estimate.check() returned no rows")]
        return [
            Para(
                [
                    "Backtest: where a hospital states its own volume, the capacity model is "
                    "asked to predict it without seeing it. This table shows how close it came.",
                    self.cite_estimate("Backtest between methods."),
                ]
            ),
            Table(name="backtest", title="Backtest between methods", data=chk, sortable=True),
        ]

    def _sobol(self) -> list[Block]:
        sens = self.est.sensitivity()
        need(sens, "assumption", "S1", "S1_conf", "ST", "ST_conf", what="estimate.sensitivity()")
        sens = sens.sort_values("ST", ascending=False)
        top = sens.iloc[0]
        alt_text = (
            f"Bar chart of Sobol sensitivity indices for {len(sens)} assumptions. The largest total "
            f"index is {top['assumption']} (ST {top['ST']:.2f}, S1 {top['S1']:.2f})."
        )
        ref = self.notes.cite(
            "Sobol indices (Saltelli sampling) of the national estimate over the assumptions.",
            assumptions=sens["assumption"].astype(str),
        )
        return [
            Para(
                [
                    f"Which assumptions matter most: {top['assumption']} alone explains about "
                    f"{pct(top['S1'])} of the variance of the estimate, and {pct(top['ST'])} with its "
                    "interactions. Narrowing the uncertain assumptions at the top of this chart "
                    "would narrow the estimate most.",
                    ref,
                ]
            ),
            Figure(
                name="sobol",
                title="Sobol sensitivity indices",
                spec=charts.sobol(sens, alt_text),
                data=sens,
                alt=alt_text,
                caption=[
                    "S1: effect of the assumption alone; ST: including interactions. Bars show the 95% confidence of each index.",
                    ref,
                ],
            ),
        ]

    def _tornado(self) -> list[Block]:
        tor = self.est.tornado()
        need(tor, "assumption", what="estimate.tornado()")
        low = first_col(tor, "low_output", "output_low", "low_estimate", "at_low", "low")
        high = first_col(tor, "high_output", "output_high", "high_estimate", "at_high", "high")
        if low is None or high is None:
            raise KeyError(
                f"estimate.tornado() has no low/high output columns (has: {', '.join(tor.columns)})"
            )
        data = tor.rename(columns={low: "low_output", high: "high_output"})
        base_col = first_col(tor, "baseline", "base", "central")
        baseline = float(tor[base_col].iloc[0]) if base_col else None
        data["swing"] = (data["high_output"] - data["low_output"]).abs()
        data = data.sort_values("swing", ascending=False)
        top = data.iloc[0]
        alt_text = (
            f"Tornado chart of {len(data)} assumptions: each bar spans the estimate with one "
            f"assumption at its low and at its high end, others at their central value. Widest: "
            f"{top['assumption']}, from {rounded(top['low_output'])} to {rounded(top['high_output'])}."
        )
        ref = self.notes.cite(
            "Tornado: one assumption at a time.", assumptions=data["assumption"].astype(str)
        )
        return [
            Figure(
                name="tornado",
                title="Tornado: one assumption at a time",
                spec=charts.tornado(data, baseline, alt_text),
                data=data,
                alt=alt_text,
                caption=[
                    "Estimate with one assumption at its low and high end, all others central; dashed line: central estimate.",
                    ref,
                ],
            )
        ]


# ---------------------------------------------------------------- forensics


def forensics_section(ev: Evidence, fr: Any, notes: Notes) -> Section:
    """Forensic tests of the official series, with a fit chart per series."""
    sec = Section("forensics", "Forensic tests of the official figures")
    sec.add(
        Para(
            [
                "These tests ask whether the official series behave like counts of real events "
                "(irregular year to year, with the spread of natural counts) or like numbers "
                "produced by a formula. A flag is a reason to look closer, not proof."
            ]
        )
    )

    def findings() -> list[Block]:
        records = fr.to_records()
        if not records:
            return [Unavailable("forensic findings", "no forensic test produced a result")]
        df = pd.DataFrame(records)
        for col in ("caveats", "details"):
            if col in df.columns:
                df[col] = df[col].map(
                    lambda v: (
                        "; ".join(map(str, v))
                        if isinstance(v, list | tuple)
                        else ("" if is_missing(v) else str(v))
                    )
                )
        keep = [
            c
            for c in ("series", "test", "statistic", "p_value", "flagged", "verdict", "caveats")
            if c in df.columns
        ]
        flagged = df[df["flagged"].astype(bool)] if "flagged" in df.columns else df.iloc[0:0]
        srcs = _series_sources(ev, df["series"].astype(str) if "series" in df.columns else [])
        ref = notes.cite("Official series tested (as reported).", sources=srcs)
        runs: list[Run] = [
            f"{len(df)} tests were run on {df['series'].nunique() if 'series' in df else 0} series; "
            f"{len(flagged)} flagged.",
            ref,
        ]
        blocks: list[Block] = [Para(runs)]
        for _, r in flagged.iterrows():
            blocks.append(Para([f"{r.get('series')}: {r.get('test')}: {r.get('verdict')}", ref]))
        blocks.append(
            Table(
                name="forensic_tests", title="Forensic test results", data=df[keep], sortable=True
            )
        )
        return blocks

    def fits() -> list[Block]:
        series = getattr(fr, "series", {}) or {}
        blocks: list[Block] = []
        for name in series:

            def one(n: str = str(name)) -> list[Block]:
                df = fr.fits(n)
                need(df, "year", "value", what=f"forensics.fits({n!r})")
                fitted = [c for c in df.columns if c not in ("year", "value")]
                alt_text = (
                    f"Chart of the official series '{n}' ({len(df)} years, {int(df['year'].min())} to "
                    f"{int(df['year'].max())}) as red points, with {len(fitted)} fitted formulas as "
                    "dashed lines: " + ", ".join(fitted) + "."
                )
                safe = "".join(ch if ch.isalnum() else "_" for ch in n)
                return [
                    Figure(
                        name=f"fit_{safe}",
                        title=f"'{n}': reported vs fitted",
                        spec=charts.fit_chart(df, n, alt_text),
                        data=df,
                        alt=alt_text,
                        caption=[
                            "If the points sit exactly on a smooth formula, the series looks computed rather than counted.",
                            notes.cite(f"Official series '{n}'.", sources=_series_sources(ev, [n])),
                        ],
                    )
                ]

            blocks.extend(guarded(f"fit chart for {name}", one))
        if not blocks:
            return [Unavailable("fit charts", "the forensics result lists no series")]
        return blocks

    def ranking() -> list[Block]:
        rank = fr.reference_ranking()
        if rank is None or len(rank) == 0:
            return [Unavailable("reference ranking", "no reference series to compare with")]
        return [
            Table(
                name="reference_ranking",
                title="Where the official series rank among other countries' series",
                data=rank,
                sortable=True,
                links={"source_id": ""} if "source_id" in rank.columns else {},
            )
        ]

    sec.add(*guarded("forensic findings", findings))
    sec.add(*guarded("fit charts", fits))
    sec.add(*guarded("reference ranking", ranking))
    return sec


def _series_sources(ev: Evidence, names: Iterable[str]) -> list[str]:
    off = ev.official_series
    wanted = set(map(str, names))
    if off.empty:
        return []
    return list(dict.fromkeys(off[off["series"].astype(str).isin(wanted)]["source_id"].astype(str)))
