"""Altair charts of a tested series against its fitted formulas, and its residuals.

Data helpers return tidy DataFrames (so the report can restyle them); the
chart functions only draw. No computation beyond reshaping happens here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from transplant_audit.forensics.api import ForensicsResult
from transplant_audit.forensics.fits import best_fit


def fit_frame(result: ForensicsResult, name: str) -> pd.DataFrame:
    """Long table: year, formula ('stated' for the series itself), value."""
    wide = result.fits(name).rename(columns={"value": "stated"})
    return wide.melt(id_vars="year", var_name="formula", value_name="value")


def residual_frame(result: ForensicsResult, name: str) -> pd.DataFrame:
    """year, formula (the best by AIC), residual, and ±2√fitted: the Poisson band."""
    fits = result.fit_results(name)
    best = best_fit(fits)
    return pd.DataFrame(
        {
            "year": best.years,
            "formula": best.formula,
            "residual": best.residuals,
            "poisson_2sd": 2 * (abs(best.fitted) ** 0.5),
        }
    )


def fit_chart(result: ForensicsResult, name: str) -> alt.Chart:
    """The series (points) with every fitted formula (lines), above the best fit's residuals.

    The grey band in the residual panel is ±2√μ: where Poisson counts would
    fall 95% of the time. Residuals far inside it are what "too smooth" means.
    """
    data = fit_frame(result, name)
    stated = data[data["formula"] == "stated"]
    curves = data[data["formula"] != "stated"]
    base = (
        alt.Chart(curves)
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("year:Q", title="year", axis=alt.Axis(format="d")),
            y=alt.Y("value:Q", title="count"),
            color=alt.Color("formula:N", title="formula"),
        )
    )
    points = (
        alt.Chart(stated)
        .mark_point(filled=True, size=60, color="black")
        .encode(x="year:Q", y="value:Q", tooltip=["year", "value"])
    )
    top = (base + points).properties(
        title=f"{name}: stated values and fitted formulas", width=480, height=260
    )
    res = residual_frame(result, name)
    res["lo"] = -res["poisson_2sd"]
    band = (
        alt.Chart(res)
        .mark_area(opacity=0.25, color="grey")
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d")),
            y=alt.Y("lo:Q", title="residual (stated − fitted)"),
            y2="poisson_2sd:Q",
        )
    )
    dots = (
        alt.Chart(res)
        .mark_circle(size=60, color="firebrick")
        .encode(x="year:Q", y="residual:Q", tooltip=["year", "residual", "formula"])
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="black").encode(y="zero:Q")
    bottom = (band + rule + dots).properties(
        title=f"residuals of the best formula ({res['formula'].iloc[0]}); grey: ±2√fitted "
        "(Poisson)",
        width=480,
        height=160,
    )
    return alt.vconcat(top, bottom)


def ranking_chart(result: ForensicsResult, name: str | None = None) -> alt.Chart:
    """Dispersion around a quadratic for every reference window, the tested series in red."""
    table = result.reference_ranking(name)
    if table.empty:
        return (
            alt.Chart(pd.DataFrame({"note": ["no reference series"]}))
            .mark_text()
            .encode(text="note:N")
        )
    t = table.copy()
    t["label"] = t["country"] + " " + t["start"].astype(str) + "–" + t["end"].astype(str)
    return (
        alt.Chart(t)
        .mark_circle(size=50)
        .encode(
            x=alt.X(
                "dispersion:Q",
                scale=alt.Scale(type="symlog"),
                title="dispersion around a quadratic (1 ≈ Poisson)",
            ),
            y=alt.Y("country:N", title=None),
            color=alt.condition("datum.tested", alt.value("red"), alt.value("steelblue")),
            tooltip=["label", "adj_r2", "dispersion"],
        )
        .properties(title="tested series (red) among reference-country windows", width=480)
    )
