"""The national estimate as an inline SVG line chart with its 95% band (no JavaScript)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

WIDTH, HEIGHT, PAD = 720, 300, 48


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** len(str(int(value))) / 10
    return (int(value / step) + 1) * step


def national_svg(rows: Sequence[Mapping[str, Any]], scenario: str = "combined") -> dict[str, Any]:
    """Points and paths of the chart: mean line and p2.5-p97.5 band by year, plus axis ticks."""
    mine = sorted((r for r in rows if r.get("scenario") == scenario), key=lambda r: r["year"])
    if not mine:
        return {"empty": True}
    years = [int(r["year"]) for r in mine]
    top = _nice_max(max(float(r.get("p975") or r["mean"]) for r in mine))
    span = max(years[-1] - years[0], 1)

    def x(year: int) -> float:
        return round(PAD + (year - years[0]) / span * (WIDTH - 2 * PAD), 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - value / top * (HEIGHT - 2 * PAD), 1)

    line = " ".join(f"{x(yr)},{y(float(r['mean']))}" for yr, r in zip(years, mine, strict=True))
    upper = [f"{x(yr)},{y(float(r['p975']))}" for yr, r in zip(years, mine, strict=True)]
    lower = [f"{x(yr)},{y(float(r['p025']))}" for yr, r in zip(years, mine, strict=True)]
    band = " ".join(upper + lower[::-1])
    ticks_y = [{"y": y(top * k / 4), "label": f"{int(top * k / 4):,}"} for k in range(5)]
    step = max(1, len(years) // 8)
    ticks_x = [{"x": x(yr), "label": str(yr)} for yr in years[::step]]
    return {
        "empty": False,
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "line": line,
        "band": band,
        "ticks_x": ticks_x,
        "ticks_y": ticks_y,
        "rows": mine,
        "scenario": scenario,
    }
