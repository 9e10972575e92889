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
from transplant_audit.report.sections import (
    ASM,
    ASM_ANCHOR,
    CLAIMS_ANCHOR,
    DERIV,
    HOSP,
    OBS,
    guarded,
)

SCENARIO_ORDER = ("calibrated", "combined", "capacity", "documented")
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


OFFICIAL_PARTIES = ("chinese_official", "state_media")


def _official_points(est: Any) -> pd.DataFrame:
    """Annual claims from ``est.official()`` as year, label (who), claimant, value, source_id."""
    off = est.official()
    cols = ["year", "label", "claimant", "value", "source_id"]
    if off is None or len(off) == 0:
        return pd.DataFrame(columns=cols)
    need(off, "year", "value", what="estimate.official()")
    party = (
        off["party"].astype(str) if "party" in off.columns else pd.Series("claim", index=off.index)
    )
    out = pd.DataFrame(
        {
            "year": pd.to_numeric(off["year"], errors="coerce"),
            "label": party.map(_party_label),
            "claimant": off["claimant"].astype(str) if "claimant" in off.columns else "",
            "value": pd.to_numeric(off["value"], errors="coerce"),
            "source_id": off["source_id"].astype(str) if "source_id" in off.columns else "",
        }
    ).dropna(subset=["year", "value"])
    out["year"] = out["year"].astype(int)
    return out[cols]


def _party_label(party: str) -> str:
    return {
        "chinese_official": "Chinese officials",
        "state_media": "Chinese state media",
        "investigators": "investigators",
        "falun_gong_affiliated": "Falun Gong-affiliated media",
        "academic": "academic",
    }.get(str(party), str(party))


def _stats_text(s: Mapping[str, Any]) -> str:
    return (
        f"median {rounded(s.get('median'))} "
        f"(90% interval {rounded(s.get('p05'))}–{rounded(s.get('p95'))})"
    )


def _evidence_year(est: object, years: set[int]) -> int:
    """The year with the most hospital evidence, or the latest estimated year if unknown."""
    if not hasattr(est, "sensitivity_year"):
        return max(years)
    year = int(est.sensitivity_year())
    return year if year in years else max(years)


class EstimateSections:
    """Build every estimate section from one ``EstimateResult``."""

    def __init__(self, ev: Evidence, est: Any, notes: Notes) -> None:
        self.ev = ev
        self.est = est
        self.notes = notes
        self._provenance: dict[str, list[str]] | None = None
        self.headline_year: int | None = None
        self.evidence_year: int | None = None
        self.headline_text: list[str] = []

    # provenance -------------------------------------------------------------
    def provenance(self) -> dict[str, list[str]]:
        """Observation ids, assumption names and source ids behind the national estimate."""
        if self._provenance is None:
            prov: dict[str, list[str]] = {"observations": [], "assumptions": [], "sources": []}
            asm = getattr(self.est, "assumptions", None)
            if isinstance(asm, Mapping) and asm:
                prov["assumptions"] = [str(n) for n in asm]
                prov["sources"] = [
                    str(s) for a in asm.values() for s in getattr(a, "source_ids", ()) or ()
                ]
            elif not self.ev.assumptions.empty:
                prov["assumptions"] = list(self.ev.assumptions["name"].astype(str))
                prov["sources"] = [
                    s.strip()
                    for cell in self.ev.assumptions["source_ids"].dropna().astype(str)
                    for s in cell.split(";")
                    if s.strip()
                ]
            obs = getattr(self.est, "observations", None)
            if isinstance(obs, pd.DataFrame) and "id" in obs.columns:
                prov["observations"] = list(obs["id"].astype(str))
                if "source_id" in obs.columns:
                    prov["sources"] += list(obs["source_id"].dropna().astype(str))
            self._provenance = prov
        return self._provenance

    def cite_estimate(self, text: str) -> Ref:
        p = self.provenance()
        return self.notes.cite(
            text,
            observations=p["observations"],
            assumptions=p["assumptions"],
            sources=p["sources"],
            anchors=[Link("methods and assumptions", ASM_ANCHOR)],
        )

    def draws(self) -> str:
        d = getattr(self.est, "draws", None)
        return num(d) if d is not None else "the"

    # headline ---------------------------------------------------------------
    def headline(self) -> Section:
        sec = Section("headline", "Headline")
        sec.add(*guarded("headline figures", self._headline_blocks))
        return sec

    def _headline_row(self, nat: pd.DataFrame) -> tuple[str, int, pd.Series, pd.Series | None]:
        scenario = _pick_scenario(nat)
        rows = nat[nat["scenario"].astype(str) == scenario].sort_values("year")
        rows = rows[rows["median"].notna()]
        years = set(rows["year"].astype(int))
        comp = self.est.comparison()
        comp_row = None
        if comp is not None and len(comp):
            need(comp, "year", "value", "ratio_median", what="estimate.comparison()")
            comp = comp[pd.to_numeric(comp["year"], errors="coerce").isin(years)]
            official = (
                comp[comp["party"].astype(str).isin(OFFICIAL_PARTIES)] if "party" in comp else comp
            )
            pool = official if len(official) else comp
            if len(pool):
                # The official claim nearest the year with the most hospital evidence
                # (latest on ties): far from the evidence the carry-over assumptions,
                # not hospital figures, drive the estimate.
                anchor = _evidence_year(self.est, years)
                self.evidence_year = anchor
                dist = (pd.to_numeric(pool["year"]) - anchor).abs()
                order = pd.DataFrame({"d": dist, "y": -pd.to_numeric(pool["year"])})
                comp_row = pool.loc[order.sort_values(["d", "y"]).index[0]]
        year = int(comp_row["year"]) if comp_row is not None else int(rows["year"].max())
        row = rows[rows["year"].astype(int) == year].iloc[0]
        return scenario, year, row, comp_row

    def _implied_item(self, comp_row: pd.Series | None) -> tuple[HeadlineItem, str] | None:
        """The utilisation of capacity the headline's official claim requires (no prior)."""
        fn = getattr(self.est, "implied_utilisation", None)
        if comp_row is None or fn is None:
            return None
        imp = fn()
        if imp is None or not len(imp) or "claim_id" not in comp_row.index:
            return None
        sel = imp[
            (imp["claim_id"] == comp_row["claim_id"])
            & (imp["year"].astype(int) == int(comp_row["year"]))
        ]
        if not len(sel):
            return None
        r = sel.iloc[-1]
        ref = self.cite_estimate(
            f"Claim / national capacity per Monte Carlo draw, {int(r['year'])}: needs no "
            "utilisation prior; every other assumption varies."
        )
        who = _party_label(str(comp_row.get("party", "")))
        item = HeadlineItem(
            label=f"Utilisation the {who} figure for {int(r['year'])} requires",
            value=pct(r["implied_utilisation_median"]),
            detail=[
                f"of transplant capacity ({num(r['value'])} transplants); 90% interval "
                f"{pct(r['implied_utilisation_p05'])} to {pct(r['implied_utilisation_p95'])}",
                ref,
            ],
        )
        text = (
            f"The {who} figure of {num(r['value'])} for {int(r['year'])} requires transplant "
            f"capacity to be used at {pct(r['implied_utilisation_median'])} (90% interval "
            f"{pct(r['implied_utilisation_p05'])}–{pct(r['implied_utilisation_p95'])})"
        )
        return item, text

    def _investigator_paras(self) -> list[Block]:
        """Each investigators' method rebuilt from sourced inputs, next to its headline."""
        out: list[Block] = []
        for r in getattr(self.est, "investigators", None) or []:
            ref = self.cite_estimate(
                f"Scenario {r['scenario']}: {num(r['hospitals'])} approved hospitals at "
                f"{r['used_instead']}; the value needed is arithmetic on the published figure."
            )
            out.append(
                Para(
                    [
                        f"The investigators' method {r['scenario']}, rebuilt from sourced "
                        f"inputs, gives {rounded(r['median'])} for {r['year']} (90% interval "
                        f"{rounded(r['p05'])}–{rounded(r['p95'])}) against the published "
                        f"{num(r['published_value'])}. Missing input: {r['missing_input']}. "
                        f"To reach the published figure it would need "
                        f"{r['needed_value_median']:.0f} ({r['needed_value_p05']:.0f}–"
                        f"{r['needed_value_p95']:.0f}) {r['needed_value_name']}; that value "
                        "is shown, never put into the model.",
                        ref,
                    ],
                    kind="caveat",
                )
            )
        return out

    def _headline_blocks(self) -> list[Block]:
        nat = self.est.national()
        need(nat, "year", "scenario", "median", "p05", "p95", what="estimate.national()")
        scenario, year, row, comp_row = self._headline_row(nat)
        self.headline_year = year
        label = charts.SCENARIO_LABELS.get(scenario, scenario)
        ref = self.cite_estimate(
            f"National estimate for {year}, {label}: median and 90% interval of "
            f"{self.draws()} Monte Carlo draws."
        )
        items = [
            HeadlineItem(
                label=f"Estimated transplants in {year}",
                value=rounded(row["median"]),
                detail=[
                    f"90% interval {rounded(row['p05'])} to {rounded(row['p95'])}; {label}",
                    ref,
                ],
            )
        ]
        text = (
            f"Estimated transplants in China in {year}: {rounded(row['median'])} "
            f"(90% interval {rounded(row['p05'])}–{rounded(row['p95'])}, {label})"
        )
        implied = self._implied_item(comp_row)
        if implied is not None:
            items.insert(0, implied[0])
            text = implied[1] + "; " + text
        if comp_row is not None:
            who = _party_label(str(comp_row.get("party", "")))
            src = []
            off = self.est.official()
            if "claim_id" in off.columns and "claim_id" in comp_row.index:
                src = list(off[off["claim_id"] == comp_row["claim_id"]]["source_id"].astype(str))
            ref_off = self.notes.cite(
                f"Claim for {year} by {comp_row.get('claimant', who)}.",
                sources=src,
                anchors=[Link("all published claims", CLAIMS_ANCHOR)],
            )
            items.append(
                HeadlineItem(
                    label=f"Claimed by {who} for {year}",
                    value=num(comp_row["value"]),
                    detail=[
                        f"{comp_row.get('claimant', '')}; a published claim, compared with but "
                        "never used in the estimate",
                        ref_off,
                    ],
                )
            )
            p_col = next((c for c in comp_row.index if str(c).startswith("p_claim")), None)
            detail: list[Run] = [
                f"estimate ÷ claim, 90% interval {ratio(comp_row.get('ratio_p05'))} to "
                f"{ratio(comp_row.get('ratio_p95'))}"
            ]
            if p_col is not None and not is_missing(comp_row[p_col]):
                detail.append(
                    f"; share of model runs in which the claim is at least the estimate: "
                    f"{pct(comp_row[p_col])}"
                )
            detail.append(self.cite_estimate(f"Ratio of the {year} estimate to the claim."))
            items.append(
                HeadlineItem(label="Ratio", value=ratio(comp_row["ratio_median"]), detail=detail)
            )
            text += (
                f"; claimed by {who}: {num(comp_row['value'])}; "
                f"ratio {ratio(comp_row['ratio_median'])}"
            )
        share = getattr(self.est, "imputed_share", None)
        if share is not None and not is_missing(share):
            items.append(
                HeadlineItem(
                    label="Imputed share (all years)",
                    value=pct(share),
                    detail=[
                        "of the combined estimate rests on hospitals imputed from similar ones "
                        "(no figure of their own)",
                        self.cite_estimate("Imputed share of the combined estimate."),
                    ],
                )
            )
            text += f"; {pct(share)} imputed"
        self.headline_text.append(text)
        summary: list[Run] = [
            f"Central estimate for {year}: about {rounded(row['median'])} transplants in China "
            f"({label}), with 90% of model runs between {rounded(row['p05'])} and "
            f"{rounded(row['p95'])}.",
            ref,
        ]
        if comp_row is not None:
            summary.append(
                f" That is {ratio(comp_row['ratio_median'])} the {num(comp_row['value'])} "
                f"claimed by {_party_label(str(comp_row.get('party', '')))} for that year"
                f" (the official claim nearest {self.evidence_year}, the year "
                "with the most hospital evidence; other years are in the charts below)."
            )
        try:
            sens = self.est.sensitivity()
            s_year = self.est.sensitivity_year() if hasattr(self.est, "sensitivity_year") else None
            if len(sens):
                top = sens.sort_values("ST", ascending=False).head(2)["assumption"].astype(str)
                when = (
                    f", analysed for {s_year}, the year with the most hospital evidence"
                    if s_year is not None and s_year != year
                    else ""
                )
                summary += [
                    " The interval is wide mainly because of the assumptions ",
                    *[x for a in top for x in (Link(a, ASM + a), " and ")][:-1],
                    " (see ",
                    Link("sensitivity", "checks"),
                    f"{when}).",
                ]
        except Exception:  # noqa: BLE001 - the summary works without it
            pass
        return [
            Para(summary),
            Headline(items),
            *self._investigator_paras(),
            Para(
                [
                    "How to read this: the estimate is a range, not a count. The middle value is "
                    "the median of many model runs that vary every assumption within its sourced "
                    "range; 90% of runs fall inside the interval. Claims are published figures, "
                    "shown for comparison and never used as input. Each figure has a numbered "
                    "note linking to the observations, assumptions and sources behind it."
                ],
                kind="caveat",
            ),
        ]

    # national series --------------------------------------------------------
    def national(self) -> Section:
        sec = Section("national", "Transplants per year")
        sec.add(*guarded("national time series", self._national_blocks))
        sec.add(*guarded("comparison with claims", self._comparison_blocks))
        sec.add(*guarded("cumulative since 2000", self._cumulative_blocks))
        return sec

    def _national_blocks(self) -> list[Block]:
        nat = self.est.national()
        need(
            nat,
            "year",
            "scenario",
            "median",
            "p05",
            "p25",
            "p75",
            "p95",
            what="estimate.national()",
        )
        off = _official_points(self.est)
        data = nat.copy()
        scen = _pick_scenario(nat)
        main = data[data["scenario"].astype(str) == scen].sort_values("year")
        peak = main.loc[main["median"].idxmax()]
        alt_text = (
            f"Line chart of estimated transplants per year, {int(main['year'].min())} to "
            f"{int(main['year'].max())}, for the scenarios "
            + ", ".join(dict.fromkeys(data["scenario"].astype(str)))
            + f". The {scen} median is {rounded(main['median'].iloc[0])} in "
            f"{int(main['year'].iloc[0])}, peaks at {rounded(peak['median'])} in "
            f"{int(peak['year'])} and is {rounded(main['median'].iloc[-1])} in "
            f"{int(main['year'].iloc[-1])}; shaded bands show 50% and 90% intervals."
        )
        if len(off):
            alt_text += f" Diamonds mark {len(off)} published claims (claim-years)."
        ref = self.cite_estimate("National estimate per year, every scenario.")
        blocks: list[Block] = [
            Para(
                [
                    "Three scenarios are shown. The documented floor counts only transplants "
                    "that sources state (a lower bound: most hospitals state no count). The "
                    "capacity model converts stated beds, surgeons and licence minimums into "
                    "transplants a year. The combined estimate takes, for each hospital, the "
                    "larger of its stated count and its capacity times a utilisation factor, "
                    "and imputes hospitals with no figure (see Methods).",
                    ref,
                ]
            ),
            Figure(
                name="national_series",
                title="Transplants per year: estimate and published claims",
                spec=charts.national_series(data, off, alt_text),
                data=data,
                alt=alt_text,
                caption=[
                    "Lines: median of each scenario. Shaded: 50% (darker) and 90% (lighter) "
                    "intervals of the combined estimate; the intervals of the other scenarios "
                    "are in the data table. Red markers: published claims, shaped by who made "
                    "them (never used as input).",
                    ref,
                ],
            ),
        ]
        return blocks

    def _comparison_blocks(self) -> list[Block]:
        comp = self.est.comparison()
        if comp is None or len(comp) == 0:
            return [
                Unavailable(
                    "comparison with claims", "no annual claim falls in the estimated years"
                )
            ]
        need(comp, "year", "value", "ratio_median", what="estimate.comparison()")
        table = comp.copy()
        if "claim_id" in table.columns:
            off = self.est.official()
            src = dict(zip(off["claim_id"].astype(str), off["source_id"].astype(str), strict=False))
            table["source_id"] = table["claim_id"].astype(str).map(src)
        table = table.sort_values(["year", "party"] if "party" in table else ["year"])
        return [
            Table(
                name="comparison",
                title="Estimate compared with each published claim",
                data=table,
                sortable=True,
                links={"source_id": ""},
                caption=[
                    "ratio = estimate ÷ claim (median and 90% interval over model runs); "
                    "p_claim_at_or_above_estimate = share of runs in which the claim is at least "
                    "the estimate.",
                    self.cite_estimate("Comparison of the estimate with published claims."),
                ],
            )
        ]

    def _cumulative_blocks(self) -> list[Block]:
        cum = self.est.cumulative()
        need(cum, "year", "scenario", "median", "p05", "p95", what="estimate.cumulative()")
        scen = _pick_scenario(cum)
        last = cum[cum["scenario"].astype(str) == scen].sort_values("year").iloc[-1]
        first_year = int(cum["year"].min())
        label = charts.SCENARIO_LABELS.get(scen, scen)
        ref = self.cite_estimate(f"Cumulative estimate since {first_year}.")
        alt_text = (
            f"Line chart of cumulative estimated transplants since {first_year} by scenario; "
            f"the {label} reaches {rounded(last['median'])} by {int(last['year'])} "
            f"(90% interval {rounded(last['p05'])} to {rounded(last['p95'])})."
        )
        return [
            Para(
                [
                    f"Added up from {first_year} to {int(last['year'])}, the {label} is "
                    f"{rounded(last['median'])} transplants (90% interval "
                    f"{rounded(last['p05'])} to {rounded(last['p95'])}).",
                    ref,
                ]
            ),
            Figure(
                name="cumulative",
                title=f"Cumulative transplants since {first_year}",
                spec=charts.cumulative(cum, alt_text),
                data=cum,
                alt=alt_text,
                caption=[
                    "Running total of the yearly estimate: median of each scenario; shaded: "
                    "90% interval of the combined estimate.",
                    ref,
                ],
            ),
        ]

    # breakdowns ------------------------------------------------------------
    def breakdowns(self) -> Section:
        sec = Section("breakdowns", "By organ and by licence")
        sec.add(*guarded("estimate by organ", self._by_organ))
        sec.add(*guarded("licensed vs unlicensed hospitals", self._by_stratum))
        return sec

    def _year_slice(self, df: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
        if "year" not in df.columns or df.empty:
            return df, None
        years = pd.to_numeric(df["year"], errors="coerce")
        have = set(years.dropna().astype(int))
        year = self.headline_year if self.headline_year in have else int(years.max())
        return df[years == year], year

    def _interval_figure(
        self, df: pd.DataFrame, category: str, name: str, title: str, what: str, scenario: str
    ) -> list[Block]:
        need(df, category, "median", "p05", "p95", what=what)
        df, year = self._year_slice(df)
        when = f" in {year}" if year is not None else ""
        if df.empty:
            return [Unavailable(title, f"{what} returned no rows")]
        df = df.sort_values("median", ascending=False)
        label = charts.SCENARIO_LABELS.get(scenario, scenario)
        alt_text = (
            f"Bar chart of the {label}{when} by {category}, with 90% intervals: "
            + "; ".join(
                f"{r[category]} {rounded(r['median'])} ({rounded(r['p05'])} to {rounded(r['p95'])})"
                for _, r in df.head(12).iterrows()
            )
            + "."
        )
        ref = self.cite_estimate(f"{title}{when} ({label}).")
        return [
            Figure(
                name=name,
                title=f"{title}{when} ({label})",
                spec=charts.interval_bars(df, category, f"{title}{when}", alt_text),
                data=df,
                alt=alt_text,
                caption=["Median (bar) with 90% interval (black line).", ref],
            )
        ]

    def _by_organ(self) -> list[Block]:
        df = self.est.by_organ()
        need(df, "organ", "scenario", what="estimate.by_organ()")
        scen = _pick_scenario(df)
        df = df[df["scenario"].astype(str) == scen]
        sliced, _ = self._year_slice(df)
        zero = sliced[(sliced["median"].fillna(0) == 0) & (sliced["p95"].fillna(0) == 0)]
        df = df[~df["organ"].isin(set(zero["organ"]))]
        blocks = self._interval_figure(
            df, "organ", "by_organ", "Transplants by organ", "estimate.by_organ()", scen
        )
        if len(zero):
            blocks.append(
                Para([f"No stated count in that year for: {', '.join(map(str, zero['organ']))}."])
            )
        if scen == "documented":
            blocks.insert(
                0,
                Para(
                    [
                        "The split by organ uses the stated counts only (the documented floor): "
                        "capacity figures rarely say which organ. 'unspecified' is volume whose "
                        "source does not name the organ."
                    ]
                ),
            )
        return blocks

    def _by_stratum(self) -> list[Block]:
        df = self.est.by_stratum()
        need(df, "stratum", "scenario", what="estimate.by_stratum()")
        scen = _pick_scenario(df)
        df = df[df["scenario"].astype(str) == scen]
        licence = df[
            df["stratum"].isin(["licensed", "unlicensed", "licence_unknown", "pre_licensing"])
        ]
        blocks: list[Block] = [
            Para(
                [
                    "Hospitals with a national transplant licence against those without one "
                    "that are documented as transplanting; 'pre_licensing' is volume before "
                    "licensing began (the year is the assumption ",
                    Link("licensing_year", ASM + "licensing_year"),
                    "). 'licence_unknown' is hospitals whose licence status no published list "
                    "settles; they are never counted as unlicensed. Volume at unlicensed "
                    "hospitals is, by its nature, the least documented part of the estimate.",
                ]
            )
        ]
        blocks += self._interval_figure(
            licence,
            "stratum",
            "by_licence",
            "Licensed vs unlicensed hospitals",
            "estimate.by_stratum()",
            scen,
        )
        sliced, year = self._year_slice(df)
        blocks.append(
            Table(
                name="by_stratum",
                title=f"Every stratum in {year}" if year else "Every stratum",
                data=sliced,
                sortable=True,
                caption=[
                    "licensed + unlicensed + licence_unknown + pre_licensing = total; military + "
                    "civilian + imputed = total (the military status of imputed hospitals is "
                    "unknown)."
                ],
            )
        )
        return blocks

    # hospitals --------------------------------------------------------------
    def hospitals(self) -> Section:
        sec = Section("hospitals", "Top hospitals")
        sec.add(*guarded("top hospitals", self._hospitals))
        return sec

    def _hospitals(self) -> list[Block]:
        df = self.est.by_hospital()
        need(df, "hospital_id", "median", "p05", "p95", what="estimate.by_hospital()")
        if "scenario" in df.columns:
            df = df[df["scenario"].astype(str) == _pick_scenario(df)]
        df, year = self._year_slice(df)
        when = f" in {year}" if year is not None else ""
        top = df.sort_values("median", ascending=False).head(TOP_HOSPITALS)
        names = self.ev.hospitals.set_index(self.ev.hospitals["id"].astype(str))

        def name_of(h: str, col: str) -> str:
            if h in names.index and not is_missing(names.at[h, col]):
                v = names.at[h, col]
                if isinstance(v, bool) or str(v) in ("True", "False"):
                    return "yes" if str(v) == "True" else "no"
                return str(v)
            return "unknown" if col == "licensed" else ""

        table = pd.DataFrame(
            {
                "rank": range(1, len(top) + 1),
                "hospital": [name_of(h, "name_en") or h for h in top["hospital_id"].astype(str)],
                "name_zh": [name_of(h, "name_zh") for h in top["hospital_id"].astype(str)],
                "province": [name_of(h, "province") for h in top["hospital_id"].astype(str)],
                "licensed": [name_of(h, "licensed") for h in top["hospital_id"].astype(str)],
                "median": top["median"].round(0).to_numpy(),
                "p05": top["p05"].round(0).to_numpy(),
                "p95": top["p95"].round(0).to_numpy(),
                "methods": top["methods"].to_numpy() if "methods" in top else "",
                "derivation": top["hospital_id"].astype(str).to_numpy(),
            }
        )
        if not table["name_zh"].astype(bool).any():
            table = table.drop(columns=["name_zh"])
        blocks: list[Block] = [
            Para(
                [
                    f"The {len(table)} hospitals with the largest estimated volume{when} "
                    "(combined estimate, transplants per year). The derivation of each figure "
                    "(its observations, sources and assumptions) follows the table; in the web "
                    "version, click a column heading to sort and a hospital id to jump to it.",
                    self.cite_estimate(f"Hospital estimates{when}."),
                ]
            ),
            Table(
                name="top_hospitals",
                title=f"Top hospitals{when}",
                data=table,
                sortable=True,
                links={"derivation": DERIV},
                caption=[
                    "median, p05, p95: transplants per year (median and 90% interval over "
                    "model runs). A lower bound of 0 means that in some runs no figure of the "
                    "hospital applies to that year (e.g. its bed count was stated too many "
                    "years earlier); methods: which routes produced the figure."
                ],
            ),
        ]
        if year is not None:
            for hid in top["hospital_id"].astype(str):
                blocks.extend(
                    guarded(
                        f"derivation of {hid} in {year}", lambda h=hid: [self._derivation(h, year)]
                    )
                )
        return blocks

    def _derivation(self, hid: str, year: int) -> Derivation:
        exp = self.est.explain(hid, year)
        names = self.ev.hospitals.set_index(self.ev.hospitals["id"].astype(str))
        title = str(names.at[hid, "name_en"]) if hid in names.index else hid
        zh = names.at[hid, "name_zh"] if hid in names.index else None
        if not is_missing(zh) and str(zh):
            title += f" {zh}"
        lines: list[list[Run]] = []
        hosp = exp.get("hospital") or {}
        if hosp:

            def word(v: Any) -> str:
                if isinstance(v, bool):
                    return "yes" if v else "no"
                if isinstance(v, float) and v == int(v):
                    return str(int(v))
                return str(v)

            lines.append(
                [
                    "Hospital: "
                    + ", ".join(
                        f"{k.replace('_', ' ')}: {word(v)}"
                        for k, v in hosp.items()
                        if v is not None and not is_missing(v)
                    ),
                    " (",
                    Link("appendix entry", HOSP + hid),
                    ")",
                ]
            )
        for method, s in (exp.get("values") or {}).items():
            if isinstance(s, Mapping):
                share = s.get("share_of_draws")
                tail = (
                    f", applies in {pct(share)} of runs" if share is not None and share < 1 else ""
                )
                lines.append([f"{method.replace('_', ' ')}: {_stats_text(s)}{tail}"])
        for o in exp.get("observations") or []:
            oid = str(o.get("observation_id", ""))
            sid = str(o.get("source_id", ""))
            organ = f" ({o['organ']})" if o.get("organ") else ""
            qual = o.get("qualifier")
            qual = "" if qual in (None, "exact") else f" [{str(qual).replace('_', ' ')}]"
            used = ", ".join(o.get("used_by") or [])
            run: list[Run] = [
                f"Observation {o.get('indicator')}{organ} = {num(o.get('value'))}{qual}"
                f"{', ' + str(o['period']) if o.get('period') else ''}; used by {used}; "
            ]
            if oid:
                run += [Link(oid, OBS + oid), " "]
            if sid:
                run += ["source ", Link(sid, sid)]
            if o.get("locator"):
                run.append(f", {o['locator']}")
            lines.append(run)
        for a in exp.get("assumptions") or []:
            name = str(a.get("name", ""))
            run = ["Assumption ", Link(name, ASM + name), f": {a.get('distribution', '')}"]
            for s in a.get("sources") or []:
                sid = str(s.get("source_id", "")) if isinstance(s, Mapping) else str(s)
                if sid:
                    run += [" ", Link(sid, sid)]
            lines.append(run)
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
            return [
                Unavailable(
                    "backtest between methods",
                    "no hospital-year has both its own stated count and a capacity figure",
                )
            ]
        summary = self.est.check_summary() if hasattr(self.est, "check_summary") else None
        ref = self.cite_estimate("Backtest: stated counts against each capacity method.")
        blocks: list[Block] = [
            Para(
                [
                    "Backtest: where a hospital states its own count for a year and a capacity "
                    "method also applies, the two are compared. A ratio below 1 means the "
                    "hospital stated fewer transplants than its capacity allows (expected: "
                    "capacity is a ceiling); 'covered' means the stated count falls inside the "
                    "method's 90% interval.",
                    ref,
                ]
            )
        ]
        if summary is not None and len(summary):
            blocks.append(
                Table(
                    name="backtest_summary", title="Backtest by method", data=summary, sortable=True
                )
            )
            if {"method", "ratio_median"} <= set(summary.columns):
                alt_text = (
                    "Bar chart of the median ratio of stated to modelled volume per method: "
                    + "; ".join(
                        f"{r['method']} {r['ratio_median']:.2f}" for _, r in summary.iterrows()
                    )
                    + "."
                )
                data = summary.assign(measure="median ratio stated ÷ method")
                blocks.append(
                    Figure(
                        name="backtest_ratio",
                        title="Stated volume ÷ method's estimate (median over hospital-years)",
                        spec=charts.grouped_bars(
                            data,
                            "method",
                            "ratio_median",
                            "measure",
                            "Backtest: stated ÷ modelled",
                            alt_text,
                            "stated ÷ modelled",
                        ),
                        data=data,
                        alt=alt_text,
                        caption=["1 means the method reproduces the stated count.", ref],
                    )
                )
        blocks.append(
            Table(
                name="backtest",
                title="Backtest, every hospital-year",
                data=chk,
                sortable=True,
                links={"hospital_id": HOSP},
                max_rows_pdf=40,
            )
        )
        return blocks

    def _sobol(self) -> list[Block]:
        sens = self.est.sensitivity()
        need(sens, "assumption", "S1", "S1_conf", "ST", "ST_conf", what="estimate.sensitivity()")
        if sens.empty:
            return [
                Unavailable(
                    "Sobol sensitivity",
                    "no assumption varies (all are fixed values), so there is no variance to split",
                )
            ]
        sens = sens.sort_values("ST", ascending=False)
        top = sens.iloc[0]
        year = None
        try:
            year = self.est.sensitivity_year()
        except Exception:  # noqa: BLE001 - the year is only a label
            year = None
        when = f" in {year}" if year else ""
        alt_text = (
            f"Bar chart of Sobol sensitivity indices of the national estimate{when} for "
            f"{len(sens)} assumptions. The largest total index is {top['assumption']} "
            f"(ST {top['ST']:.2f}, S1 {top['S1']:.2f})."
        )
        ref = self.notes.cite(
            f"Sobol indices (Saltelli sampling) of the national estimate{when}.",
            assumptions=sens["assumption"].astype(str),
        )
        return [
            Para(
                [
                    f"Which assumptions matter most{when}: {top['assumption']} alone explains "
                    "about "
                    f"{pct(top['S1'])} of the variance of the estimate, and {pct(top['ST'])} with "
                    "its interactions. Better evidence on the assumptions at the top of this chart "
                    "would narrow the estimate most.",
                    ref,
                ]
            ),
            Figure(
                name="sobol",
                title=f"Sobol sensitivity indices{when}",
                spec=charts.sobol(sens, alt_text),
                data=sens,
                alt=alt_text,
                caption=[
                    "S1: effect of the assumption alone; ST: including its interactions. Black "
                    "lines show each index's 95% confidence interval.",
                    ref,
                ],
            ),
        ]

    def _tornado(self) -> list[Block]:
        tor = self.est.tornado()
        need(tor, "assumption", what="estimate.tornado()")
        if tor.empty:
            return [Unavailable("tornado", "no assumption varies, so there is nothing to swing")]
        low = first_col(tor, "total_at_low", "low_output", "output_low")
        high = first_col(tor, "total_at_high", "high_output", "output_high")
        if low is None or high is None:
            raise KeyError(
                "estimate.tornado() has no output columns at low/high "
                f"(has: {', '.join(tor.columns)})"
            )
        data = tor.rename(columns={low: "low_output", high: "high_output"})
        base_col = first_col(tor, "base", "baseline")
        baseline = float(tor[base_col].iloc[0]) if base_col else None
        data["swing"] = (data["high_output"] - data["low_output"]).abs()
        data = data.sort_values("swing", ascending=False)
        top = data.iloc[0]
        alt_text = (
            f"Tornado chart of {len(data)} assumptions: each bar spans the national estimate with "
            f"one assumption at its low and at its high end, the others at their middle. Widest: "
            f"{top['assumption']}, from {rounded(top['low_output'])} "
            f"to {rounded(top['high_output'])}."
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
                    "The national estimate with one assumption at its low and at its high end, "
                    "all others at their middle; dashed line: all at their middle.",
                    ref,
                ],
            )
        ]

    # methods ------------------------------------------------------------------
    def assumptions_table(self) -> pd.DataFrame | None:
        """The assumptions the estimate actually used (with defaults and overrides), or None."""
        asm = getattr(self.est, "assumptions", None)
        if not isinstance(asm, Mapping) or not asm:
            return None
        rows = []
        for a in asm.values():
            rows.append(
                {
                    "name": a.name,
                    "distribution": a.describe() if hasattr(a, "describe") else a.distribution,
                    "low": a.low,
                    "mode": a.mode,
                    "high": a.high,
                    "unit": a.unit,
                    "justification": a.justification,
                    "source_ids": ";".join(a.source_ids),
                    "origin": getattr(a, "origin", ""),
                }
            )
        return pd.DataFrame(rows)

    def notes_from_model(self) -> list[str]:
        return [str(n) for n in getattr(self.est, "notes", []) or []]


# ---------------------------------------------------------------- forensics


def _base_series(name: str) -> str:
    """``national_deceased_donors[2010=34,2017=5148]`` → ``national_deceased_donors``."""
    return str(name).split("[")[0].split(" / ")[0].strip()


def _fr_sources(ev: Evidence, fr: Any, name: str) -> list[str]:
    try:
        found = list(fr.sources(name))
    except Exception:  # noqa: BLE001 - fall back to the evidence table
        found = []
    return found or _series_sources(ev, [_base_series(name)])


RANKING_ROWS = 50
"""Reference windows shown in the report's ranking table (the tested series always)."""


def _top_windows(rank: pd.DataFrame, rows: int) -> pd.DataFrame:
    """The tested row(s) and the ``rows`` reference windows with the best adjusted R²."""
    if "tested" not in rank.columns or len(rank) <= rows + 1:
        return rank
    tested = rank["tested"].astype(bool)
    return pd.concat([rank[tested], rank[~tested].head(rows)]).reset_index(drop=True)


def forensics_section(ev: Evidence, fr: Any, notes: Notes) -> Section:
    """Forensic tests of the official series, with a fit chart per series."""
    sec = Section("forensics", "Forensic tests of the official figures")
    sec.add(
        Para(
            [
                "These tests ask whether the official series behave like counts of real events "
                "(irregular from year to year, with at least the spread of natural counts) or "
                "like numbers produced by a formula. A flag is a reason to look closer, not "
                "proof; a test that was not run says why. Where two reports give different "
                "figures for the same year, each version of the series is tested separately "
                "(shown as series[year=value]). A figure stated as a bound ('more than 6,300') "
                "is never tested as a count, and an 'about' figure only for a year with no "
                "exact one; where either contradicts an exact figure, that is reported as a "
                "source disagreement."
            ]
        )
    )

    def findings() -> list[Block]:
        return _findings_blocks(ev, fr, notes, "forensic_tests", "Every forensic test")

    def fits() -> list[Block]:
        return _fit_chart_blocks(ev, fr, notes)

    def ranking() -> list[Block]:
        rank = fr.reference_ranking()
        if rank is None or len(rank) == 0:
            return [
                Unavailable(
                    "reference ranking",
                    "no reference-country series are in the evidence, so the official series "
                    "cannot be ranked against real registries",
                )
            ]
        shown = _top_windows(rank, RANKING_ROWS)
        return [
            Table(
                name="reference_ranking",
                title="Where the official series rank among other countries' series"
                + (
                    f" (the {RANKING_ROWS} best-fitting of {len(rank) - 1} reference windows; "
                    "every window: ForensicsResult.reference_ranking() in Python)"
                    if len(shown) < len(rank)
                    else ""
                ),
                data=shown,
                sortable=True,
                links={"source_id": ""} if "source_id" in rank.columns else {},
            )
        ]

    sec.add(*guarded("forensic findings", findings))
    sec.add(
        *guarded(
            "range across versions",
            lambda: _variant_range_blocks(
                fr, "forensic_variant_ranges", "Range across versions of each series"
            ),
        )
    )
    sec.add(*guarded("fit charts", fits))
    sec.add(*guarded("reference ranking", ranking))
    return sec


def _findings_blocks(
    ev: Evidence, fr: Any, notes: Notes, table_name: str, table_title: str
) -> list[Block]:
    """Counts, flagged findings in words and the table of every test of one forensics result."""
    records = fr.to_records()
    if not records:
        return [Unavailable("forensic findings", "no forensic test produced a result")]
    df = pd.DataFrame(records)
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
    not_run = df["verdict"].astype(str).str.startswith("Not run")
    flagged = df[df["flagged"]]
    all_sources = [s for n in df["series"].unique() for s in _fr_sources(ev, fr, n)]
    ref = notes.cite("Official series tested, as reported.", sources=all_sources)
    blocks: list[Block] = [
        Para(
            [
                f"{len(df)} tests on {df['series'].nunique()} series: "
                f"{len(flagged)} flagged, {len(df) - len(flagged) - int(not_run.sum())} "
                f"not flagged, {int(not_run.sum())} not run (too few years or no "
                "reference data).",
                ref,
            ]
        )
    ]
    summary = getattr(fr, "summary", None)
    if callable(summary):
        blocks.append(
            Table(
                name=f"{table_name}_summary",
                title="Summary: one line per test, flagged first",
                data=summary(),
                sortable=True,
            )
        )
    blocks.extend(_rank_contrast_blocks(df))
    if len(flagged):
        blocks.append(
            Para(
                ["Flagged findings (identical findings on versions of one series are listed once):"]
            )
        )
    for (test, verdict), grp in flagged.groupby(["test", "verdict"], sort=False):
        series_names = list(dict.fromkeys(grp["series"].astype(str)))
        srcs = [s for n in series_names for s in _fr_sources(ev, fr, n)]
        r_ref = notes.cite(f"Series {', '.join(series_names)} as reported.", sources=srcs)
        blocks.append(Para([f"{'; '.join(series_names)} ({test}): {verdict}", r_ref]))
    keep = [
        c
        for c in ("series", "test", "flagged", "statistic", "p_value", "verdict", "caveats")
        if c in df.columns
    ]
    table = df[keep].sort_values(["flagged", "series"], ascending=[False, True])
    blocks.append(Table(name=table_name, title=table_title, data=table, sortable=True))
    return blocks


RANK_CONTRAST = (
    "Two rankings, side by side. The paper's measure is how well a quadratic fits (adjusted "
    "R²); the smoothness measure is the dispersion D of the residuals against counting noise. "
    "R² rewards steep growth: the same residuals are small against a large total variation, "
    "so a fast-growing real programme out-ranks flat ones on R² without being any less "
    "noisy. D does not depend on growth, so it is the one that can flag."
)


def _rank_contrast_blocks(df: pd.DataFrame) -> list[Block]:
    """R² rank (the paper's measure) next to the dispersion rank, per series, in words."""
    if not {"r2_rank_quadratic", "reference_ranking"} <= set(df["test"]):
        return []
    lines = []
    for base in dict.fromkeys(df["series"].map(_base_series)):
        rows = df[df["series"].map(_base_series) == base]
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


def _fit_chart_blocks(ev: Evidence, fr: Any, notes: Notes) -> list[Block]:
    """One fit chart per tested series (its first version when sources conflict)."""
    series = getattr(fr, "series", {}) or {}
    blocks: list[Block] = []
    shown: set[str] = set()
    for name in series:
        base = _base_series(name)
        if base in shown:
            continue
        try:
            df = fr.fits(name)
        except KeyError:
            continue  # not fit-tested by design (running totals, rates); the table says why
        shown.add(base)

        def one(n: str = str(name), df: pd.DataFrame = df, base: str = base) -> list[Block]:
            need(df, "year", "value", what=f"forensics.fits({n!r})")
            fitted = [c for c in df.columns if c not in ("year", "value")]
            alt_text = (
                f"Chart of the official series '{n}' ({len(df)} years, "
                f"{int(df['year'].min())} to {int(df['year'].max())}): reported values as "
                f"points, {len(fitted)} fitted formulas as lines ({', '.join(fitted)})."
            )
            spec = None
            try:
                from transplant_audit.forensics.charts import fit_chart as fr_fit_chart

                spec = fr_fit_chart(fr, n).to_dict()
                spec.pop("$schema", None)
                spec["description"] = alt_text + (
                    " Lower panel: residuals of the best formula against the band where "
                    "Poisson counts would fall."
                )
            except Exception:  # noqa: BLE001 - our own simpler chart instead
                spec = charts.fit_chart(df, n, alt_text)
            safe = "".join(ch if ch.isalnum() else "_" for ch in base)
            return [
                Figure(
                    name=f"fit_{safe}",
                    title=f"'{n}': reported vs fitted",
                    spec=spec,
                    data=df,
                    alt=alt_text,
                    caption=[
                        "If the points sit on a smooth formula more closely than real counts "
                        "can (residuals well inside the grey band), the series looks "
                        "computed rather than counted.",
                        notes.cite(f"Official series '{n}'.", sources=_fr_sources(ev, fr, n)),
                    ],
                )
            ]

        blocks.extend(guarded(f"fit chart for {name}", one))
    if not blocks:
        return [Unavailable("fit charts", "no series had enough years for a formula fit")]
    return blocks


def _variant_range_blocks(fr: Any, name: str, title: str) -> list[Block]:
    """The range of each main test's statistic and p-value across conflict variants."""
    getter = getattr(fr, "variant_ranges", None)
    if getter is None:
        return []
    df = getter()
    if df is None or len(df) == 0:
        return []
    if "variants" in df.columns:  # a series with one version has no range to show
        df = df[df["variants"] > 1].reset_index(drop=True)
        if df.empty:
            return []
    return [
        Table(
            name=name,
            title=title,
            data=df,
            sortable=True,
            caption=[
                "Where sources give different exact figures for a year, every version of the "
                "series is tested; this table shows the lowest and highest statistic, p-value "
                "and quadratic adjusted R² over the versions, and in how many a test flagged."
            ],
        )
    ]


PAPER_SERIES = "national_deceased_donors"
"""The series Robertson, Hinde & Lavee analysed."""
PAPER_WINDOW = (2010, 2018)
"""The years Robertson, Hinde & Lavee (BMC Medical Ethics 20:79, 2019) tested."""
PAPER_WHY = (
    "Robertson, Hinde & Lavee (BMC Medical Ethics 20:79, 2019) tested China's official "
    "deceased-donor counts for 2010–2018 and found they fit a quadratic almost exactly. The "
    "official series in the evidence now runs to 2024 and includes the fall of 2020 (COVID-19), "
    "which no smooth formula follows, so tests on the full series answer a different question "
    "from the paper's. To check the paper's finding on its own terms, the tests below use "
    "{first}–{last} only; the previous section tests every year available."
)


def paper_window_section(ev: Evidence, fr: Any, notes: Notes) -> Section:
    """The forensic tests of the deceased-donor series restricted to the paper's years."""
    first, last = PAPER_WINDOW
    sec = Section(
        "forensics-window",
        f"Forensic tests in the paper's window, {first}–{last} ({PAPER_SERIES})",
    )
    sec.add(Para([PAPER_WHY.format(first=first, last=last)]))
    sec.add(
        *guarded(
            f"forensic findings {first}–{last}",
            lambda: _findings_blocks(
                ev, fr, notes, "forensic_tests_window", f"Every forensic test, {first}–{last}"
            ),
        )
    )
    sec.add(
        *guarded(
            f"range across versions {first}–{last}",
            lambda: _variant_range_blocks(
                fr,
                "forensic_variant_ranges_window",
                f"Range across versions of the series, {first}–{last}",
            ),
        )
    )

    def fit_table() -> list[Block]:
        series = getattr(fr, "series", {}) or {}
        rows = []
        for name in series:
            try:
                summary = fr.fit_summary(name)
            except (KeyError, AttributeError):
                continue
            for _, r in summary.iterrows():
                rows.append(
                    {
                        "series": name,
                        "formula": r.get("formula"),
                        "k": r.get("k"),
                        "r2": r.get("r2"),
                        "adj_r2": r.get("adj_r2"),
                        "aic": r.get("aic"),
                    }
                )
        if not rows:
            return []
        return [
            Table(
                name="forensic_fits_window",
                title=f"Formula fits, {first}–{last} (the paper reported adjusted R² 0.9995)",
                data=pd.DataFrame(rows),
                sortable=True,
            )
        ]

    sec.add(*guarded(f"formula fits {first}–{last}", fit_table))
    sec.add(*guarded(f"fit charts {first}–{last}", lambda: _fit_chart_blocks(ev, fr, notes)))
    return sec


def _series_sources(ev: Evidence, names: Iterable[str]) -> list[str]:
    off = ev.official_series
    wanted = set(map(str, names))
    if off.empty:
        return []
    return list(dict.fromkeys(off[off["series"].astype(str).isin(wanted)]["source_id"].astype(str)))
