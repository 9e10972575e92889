"""Chart specifications (Vega-Lite through Altair): DataFrame in, spec dict out.

Pure functions: no files, no rendering. The HTML view embeds the specs with
vega-embed (inlined, offline); the PDF view renders them to PNG with
vl-convert. Every spec carries a ``description`` (screen readers read it as
the chart's accessible description) and a title, and uses a fixed width so it
prints the same on paper as on screen.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

WIDTH = 640
PANEL_WIDTH = 170  # one panel of a small-multiples chart, three to a row
HEIGHT = 300

SCENARIO_COLORS = {
    "documented": "#4d4d4d",
    "capacity": "#d95f02",
    "combined": "#1b6ca8",
}
SCENARIO_LABELS = {
    "documented": "documented floor (stated figures only)",
    "capacity": "capacity model",
    "combined": "flat-prior estimate (combined)",
    "calibrated": "calibrated estimate (sourced disclosure prior)",
}


def _finish(chart: alt.TopLevelMixin, description: str) -> dict[str, Any]:
    spec = chart.properties(description=description).configure_view(stroke=None)
    spec = spec.configure_axis(labelFontSize=11, titleFontSize=12, labelLimit=280).configure_legend(
        labelFontSize=11, titleFontSize=12, orient="bottom", columns=2, labelLimit=360
    )
    out = spec.to_dict()
    out.pop("$schema", None)  # not fetched by anyone; dropped so nothing looks like a URL to load
    return out


def _scenario_scale(scenarios: list[str]) -> alt.Scale:
    labels = [SCENARIO_LABELS.get(s, s) for s in scenarios]
    colors = [SCENARIO_COLORS.get(s, "#7570b3") for s in scenarios]
    return alt.Scale(domain=labels, range=colors)


def _year_axis(title: str = "year") -> alt.X:
    return alt.X(
        "year:Q",
        title=title,
        scale=alt.Scale(zero=False, nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True),
    )


def _by_scenario(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str], str]:
    """(a copy of ``df`` with each scenario's label, the scenarios in legend order, the scenario
    whose band is drawn): documented, capacity, combined first, then the rest sorted; the band
    is the combined estimate's, else the last scenario's."""
    out = df.copy()
    out["scenario_label"] = out["scenario"].map(lambda s: SCENARIO_LABELS.get(s, s))
    present = set(out["scenario"])
    order = [s for s in ("documented", "capacity", "combined") if s in present]
    order += sorted(present - set(order))
    return out, order, "combined" if "combined" in present else order[-1]


def _interval_tooltip(*lead: alt.Tooltip) -> list[alt.Tooltip]:
    """``lead``, then the median and its 90% interval (p05 to p95), as whole numbers."""
    return [
        *lead,
        alt.Tooltip("median:Q", format=",.0f"),
        alt.Tooltip("p05:Q", format=",.0f", title="5%"),
        alt.Tooltip("p95:Q", format=",.0f", title="95%"),
    ]


_YEAR_SCENARIO_TIPS = (
    alt.Tooltip("year:Q", format="d"),
    alt.Tooltip("scenario_label:N", title="scenario"),
)
"""The first lines of a scenario line's tooltip (national series, cumulative)."""


def national_series(
    national: pd.DataFrame, official: pd.DataFrame | None, description: str
) -> dict[str, Any]:
    """Estimated transplants per year: a median line per scenario, 50% and 90% bands of the
    combined estimate, and published claims as red markers (shape = who made the claim).

    ``national`` has year, scenario, median, p05, p25, p75, p95; ``official``
    (optional) has year, label, value. Only the combined estimate gets bands, so
    the chart stays readable; every scenario's interval is in the data table.
    """
    df, order, band_scen = _by_scenario(national)
    scale = _scenario_scale(order)
    bands = df[df["scenario"] == band_scen]
    band_base = alt.Chart(bands).encode(x=_year_axis())
    band90 = band_base.mark_area(
        opacity=0.15, color=SCENARIO_COLORS.get(band_scen, "#7570b3")
    ).encode(y=alt.Y("p05:Q", title="transplants per year"), y2="p95:Q")
    band50 = band_base.mark_area(
        opacity=0.3, color=SCENARIO_COLORS.get(band_scen, "#7570b3")
    ).encode(y="p25:Q", y2="p75:Q")
    line = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=_year_axis(),
            y="median:Q",
            color=alt.Color("scenario_label:N", title="estimate (median)", scale=scale),
            tooltip=_interval_tooltip(*_YEAR_SCENARIO_TIPS),
        )
    )
    layers: list[alt.Chart] = [band90, band50, line]
    if official is not None and not official.empty:
        off = (
            alt.Chart(official)
            .mark_point(size=80, filled=True, color="#b2182b", opacity=0.9)
            .encode(
                x=_year_axis(),
                y="value:Q",
                shape=alt.Shape("label:N", title="published claim by"),
                tooltip=[
                    alt.Tooltip("year:Q", format="d"),
                    alt.Tooltip("label:N", title="by"),
                    "claimant:N",
                    alt.Tooltip("value:Q", format=",.0f"),
                ],
            )
        )
        layers.append(off)
    chart = alt.layer(*layers).properties(
        width=WIDTH, height=HEIGHT, title="Transplants per year: estimate and published claims"
    )
    return _finish(chart, description)


def interval_bars(
    df: pd.DataFrame,
    category: str,
    title: str,
    description: str,
    value_title: str = "transplants per year",
    color: str | None = None,
) -> dict[str, Any]:
    """Horizontal bars of the median with a 90% interval (p05 to p95) for each category."""
    enc_color: Any = alt.value("#1b6ca8")
    if color:
        enc_color = alt.Color(f"{color}:N", title=color)
    base = alt.Chart(df).encode(y=alt.Y(f"{category}:N", title=None, sort="-x"))
    bars = base.mark_bar(opacity=0.8).encode(
        x=alt.X("median:Q", title=value_title),
        color=enc_color,
        tooltip=_interval_tooltip(alt.Tooltip(f"{category}:N")),
    )
    rules = base.mark_rule(color="#222").encode(x="p05:Q", x2="p95:Q")
    height = max(60, 24 * len(df))
    chart = alt.layer(bars, rules).properties(width=WIDTH - 160, height=height, title=title)
    return _finish(chart, description)


def cumulative(df: pd.DataFrame, description: str) -> dict[str, Any]:
    """Cumulative transplants since the first year: median line per scenario, 90% band of the
    combined estimate (the other scenarios' intervals are in the data table)."""
    data, order, band_scen = _by_scenario(df)
    base = alt.Chart(data).encode(
        x=_year_axis(),
        color=alt.Color("scenario_label:N", title="scenario", scale=_scenario_scale(order)),
    )
    band = (
        alt.Chart(data[data["scenario"] == band_scen])
        .mark_area(opacity=0.18, color=SCENARIO_COLORS.get(band_scen, "#7570b3"))
        .encode(x=_year_axis(), y=alt.Y("p05:Q", title="cumulative transplants"), y2="p95:Q")
    )
    line = base.mark_line(point=True).encode(
        y="median:Q",
        tooltip=_interval_tooltip(*_YEAR_SCENARIO_TIPS),
    )
    chart = alt.layer(band, line).properties(
        width=WIDTH, height=HEIGHT, title="Cumulative transplants"
    )
    return _finish(chart, description)


def sobol(df: pd.DataFrame, description: str) -> dict[str, Any]:
    """First-order (S1) and total (ST) Sobol indices per assumption, with confidence bars."""
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "assumption": df["assumption"],
                    "index": label,
                    "value": df[col],
                    "low": df[col] - df[f"{col}_conf"],
                    "high": df[col] + df[f"{col}_conf"],
                }
            )
            for col, label in (("S1", "first order (S1)"), ("ST", "total (ST)"))
        ],
        ignore_index=True,
    )
    order = list(df.sort_values("ST", ascending=False)["assumption"])
    base = alt.Chart(long).encode(
        y=alt.Y("assumption:N", sort=order, title=None),
        yOffset=alt.YOffset("index:N"),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title="share of output variance"),
        color=alt.Color(
            "index:N",
            title="Sobol index",
            scale=alt.Scale(range=["#7fb3d5", "#1b4f72"]),
        ),
        tooltip=["assumption:N", "index:N", alt.Tooltip("value:Q", format=".3f")],
    )
    rules = base.mark_rule(color="#222").encode(x="low:Q", x2="high:Q")
    chart = alt.layer(bars, rules).properties(
        width=WIDTH - 200,
        height=max(80, 34 * len(df)),
        title="Which assumptions drive the uncertainty",
    )
    return _finish(chart, description)


def tornado(df: pd.DataFrame, baseline: float | None, description: str) -> dict[str, Any]:
    """One bar per assumption from the output at its low value to the output at its high value."""
    data = df.copy()
    data["swing"] = (data["high_output"] - data["low_output"]).abs()
    order = list(data.sort_values("swing", ascending=False)["assumption"])
    base = alt.Chart(data).encode(y=alt.Y("assumption:N", sort=order, title=None))
    bars = base.mark_bar(color="#1b6ca8", opacity=0.8).encode(
        x=alt.X("low_output:Q", title="estimate when the assumption is at its low / high end"),
        x2="high_output:Q",
        tooltip=[
            "assumption:N",
            alt.Tooltip("low_output:Q", format=",.0f", title="at low end"),
            alt.Tooltip("high_output:Q", format=",.0f", title="at high end"),
        ],
    )
    layers: list[alt.Chart] = [bars]
    if baseline is not None:
        rule = (
            alt.Chart(pd.DataFrame({"baseline": [baseline]}))
            .mark_rule(color="#b2182b", strokeDash=[4, 3])
            .encode(x="baseline:Q")
        )
        layers.append(rule)
    chart = alt.layer(*layers).properties(
        width=WIDTH - 200, height=max(80, 26 * len(data)), title="Tornado: one assumption at a time"
    )
    return _finish(chart, description)


def counts_by_year(df: pd.DataFrame, description: str) -> dict[str, Any]:
    """Stacked bars: number of observations per year, by kind of indicator."""
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X(
                "year:O",
                title="year the figure refers to",
                axis=alt.Axis(labelAngle=0, labelOverlap=True),
            ),
            y=alt.Y("observations:Q", title="observations"),
            color=alt.Color("group:N", title="kind of figure"),
            tooltip=["year:O", "group:N", "observations:Q"],
        )
        .properties(width=WIDTH, height=220, title="Evidence coverage by year")
    )
    return _finish(chart, description)


def official_lines(df: pd.DataFrame, description: str) -> dict[str, Any]:
    """Official series as reported: one small panel per series, each on its own y scale.

    The series differ by orders of magnitude (registrations in the millions,
    transplants in the thousands), so one shared axis flattens all but the largest.
    """
    chart = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=_year_axis(),
            y=alt.Y("value:Q", title="reported value", axis=alt.Axis(format="~s")),
            tooltip=[
                alt.Tooltip("year:Q", format="d"),
                "series:N",
                alt.Tooltip("value:Q", format=",.0f"),
            ],
        )
        .properties(width=PANEL_WIDTH, height=120)
        .facet(
            facet=alt.Facet("series:N", title=None, header=alt.Header(labelLimit=PANEL_WIDTH)),
            columns=3,
            title="Official figures as reported (each series on its own scale)",
        )
        .resolve_scale(y="independent")
    )
    return _finish(chart, description)


def grouped_bars(
    df: pd.DataFrame, x: str, y: str, color: str, title: str, description: str, y_title: str
) -> dict[str, Any]:
    """Plain grouped bars, used for the backtest between methods."""
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset(f"{color}:N"),
            y=alt.Y(f"{y}:Q", title=y_title),
            color=alt.Color(f"{color}:N", title=color),
            tooltip=[f"{x}:N", f"{color}:N", alt.Tooltip(f"{y}:Q", format=",.2f")],
        )
        .properties(width=WIDTH - 100, height=240, title=title)
    )
    return _finish(chart, description)


def donor_curve(curve: pd.DataFrame, donors: pd.DataFrame, description: str) -> dict[str, Any]:
    """Deceased donors a year needed (y, log) against mean wait in days (x, log).

    ``curve``: label, organ, wait_days, donors_per_year_median/_p05/_p95 (one line per
    volume and organ, with its 90% band); ``donors``: label, donors (official counts, as rules).
    """
    data = curve.assign(series=curve["label"] + ", " + curve["organ"])
    x = alt.X(
        "wait_days:Q", title="mean waiting time (days, log scale)", scale=alt.Scale(type="log")
    )
    y_scale = alt.Scale(type="log")
    band = (
        alt.Chart(data)
        .mark_area(opacity=0.15)
        .encode(
            x=x,
            y=alt.Y("donors_per_year_p05:Q", scale=y_scale, title="deceased donors a year (log)"),
            y2="donors_per_year_p95:Q",
            color=alt.Color("label:N", title="volume"),
            detail="organ:N",
        )
    )
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("donors_per_year_median:Q", scale=y_scale),
            color=alt.Color("label:N", title="volume"),
            strokeDash=alt.StrokeDash("organ:N", title="organ"),
            tooltip=[
                "label:N",
                "organ:N",
                alt.Tooltip("wait_days:Q", format=",.0f"),
                alt.Tooltip("donors_per_year_median:Q", format=",.0f"),
                alt.Tooltip("donors_per_year_p05:Q", format=",.0f"),
                alt.Tooltip("donors_per_year_p95:Q", format=",.0f"),
            ],
        )
    )
    layers = [band, lines]
    if len(donors):
        rules = alt.Chart(donors).mark_rule(color="#444", strokeDash=[2, 2]).encode(y="donors:Q")
        text = (
            alt.Chart(donors)
            .mark_text(align="left", dx=4, dy=-6, fontSize=11, color="#444")
            .encode(y="donors:Q", x=alt.value(4), text="label:N")
        )
        layers += [rules, text]
    chart = alt.layer(*layers).properties(
        width=WIDTH, height=300, title="Donors a year needed for a mean wait"
    )
    return _finish(chart, description)
