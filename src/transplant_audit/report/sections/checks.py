"""Section: backtest of the capacity methods against stated counts, and sensitivity."""

from __future__ import annotations

import pandas as pd

from transplant_audit.report import charts
from transplant_audit.report.fmt import pct, rounded
from transplant_audit.report.model import Block, Figure, Para, Ref, Section, Table, Unavailable
from transplant_audit.report.sections.anchors import HOSP
from transplant_audit.report.sections.context import EstimateContext, first_col, need


def checks_section(ctx: EstimateContext) -> Section:
    """Backtest of the capacity methods, Sobol indices and the tornado chart."""
    sec = Section("checks", "Backtest and sensitivity")
    sec.add(*_backtest(ctx))
    sec.add(*_sobol(ctx))
    sec.add(*_tornado(ctx))
    return sec


BACKTEST_TEXT = (
    "Backtest: where a hospital states its own count for a year and a capacity "
    "method also applies, the two are compared. A ratio below 1 means the "
    "hospital stated fewer transplants than its capacity allows (expected: "
    "capacity is a ceiling); 'covered' means the stated count falls inside the "
    "method's 90% interval."
)


def _backtest(ctx: EstimateContext) -> list[Block]:
    chk = ctx.est.check()
    if len(chk) == 0:
        return [
            Unavailable(
                "backtest between methods",
                "no hospital-year has both its own stated count and a capacity figure",
            )
        ]
    summary = ctx.est.check_summary()
    ref = ctx.cite("Backtest: stated counts against each capacity method.")
    blocks: list[Block] = [Para([BACKTEST_TEXT, ref])]
    if len(summary):
        blocks.append(
            Table(name="backtest_summary", title="Backtest by method", data=summary, sortable=True)
        )
        blocks.append(_ratio_figure(summary, ref))
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


def _ratio_figure(summary: pd.DataFrame, ref: Ref) -> Figure:
    """The median ratio stated ÷ modelled of each capacity method, as bars."""
    need(summary, "method", "ratio_median", what="estimate.check_summary()")
    alt_text = (
        "Bar chart of the median ratio of stated to modelled volume per method: "
        + "; ".join(f"{r['method']} {r['ratio_median']:.2f}" for _, r in summary.iterrows())
        + "."
    )
    data = summary.assign(measure="median ratio stated ÷ method")
    return Figure(
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


def _sobol(ctx: EstimateContext) -> list[Block]:
    sens = ctx.est.sensitivity()
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
    year = ctx.est.sensitivity_year()
    when = f" in {year}" if year else ""
    alt_text = (
        f"Bar chart of Sobol sensitivity indices of the national estimate{when} for "
        f"{len(sens)} assumptions. The largest total index is {top['assumption']} "
        f"(ST {top['ST']:.2f}, S1 {top['S1']:.2f})."
    )
    ref = ctx.notes.cite(
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


def _tornado(ctx: EstimateContext) -> list[Block]:
    tor = ctx.est.tornado()
    need(tor, "assumption", what="estimate.tornado()")
    if tor.empty:
        return [Unavailable("tornado", "no assumption varies, so there is nothing to swing")]
    low = first_col(tor, "total_at_low", "low_output", "output_low")
    high = first_col(tor, "total_at_high", "high_output", "output_high")
    if low is None or high is None:
        raise KeyError(
            f"estimate.tornado() has no output columns at low/high (has: {', '.join(tor.columns)})"
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
    ref = ctx.notes.cite(
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
