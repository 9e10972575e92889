"""The registry's aggregates page: released counts as inline SVG bar charts and tables.

It shows only what ``GET /api/registry/aggregates`` releases (suppressed cells marked, not
drawn), for the registry roles; no JavaScript, no CDN."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from transplant_audit.registry import publish
from transplant_audit.registry.api import AGGREGATE_ROLES, current_release, roles
from transplant_audit.web.accounts import Principal

router = APIRouter(include_in_schema=False)
BAR_W, BAR_GAP, CHART_H = 36, 8, 160


def bars(cells: Sequence[dict[str, Any]], axis: str) -> dict[str, Any]:
    """Bar geometry of a one-axis released table (suppressed cells get no bar)."""
    top = max([c["count"] or 0 for c in cells] + [1])
    out = []
    for i, c in enumerate(cells):
        h = 0 if c["suppressed"] else round((c["count"] or 0) / top * CHART_H, 1)
        out.append({"x": i * (BAR_W + BAR_GAP), "h": h, "y": CHART_H - h, "label": c[axis],
                    "count": c["count"], "suppressed": c["suppressed"]})  # fmt: skip
    return {"bars": out, "width": max(len(out), 1) * (BAR_W + BAR_GAP), "height": CHART_H,
            "bar_w": BAR_W}  # fmt: skip


@router.get("/registry/aggregates", response_class=HTMLResponse)
def aggregates_page(request: Request, who: Principal = roles(*AGGREGATE_ROLES)) -> HTMLResponse:
    from transplant_audit.web.pages import render

    rel = current_release(request)
    by_year = rel.table(["year"])
    by_country = rel.table(["destination_country"])
    return render(request, "registry_aggregates.html", {
        "rule": publish.RULE, "by_year": bars(by_year, "year"),
        "by_country": bars(by_country, "destination_country"),
        "cells": rel.table(["year", "destination_country", "organ"]),
    })  # fmt: skip
