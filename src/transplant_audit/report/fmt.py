"""Number and text formatting shared by the report views (pure)."""

from __future__ import annotations

import math
import re
from typing import Any

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else False
    except (TypeError, ValueError):
        return False


def num(value: Any, digits: int = 0) -> str:
    """``12345.6`` → ``"12,346"``; missing → ``"–"``; small fractions keep 2 significant digits."""
    if is_missing(value):
        return "–"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if digits == 0 and abs(x) < 10 and x != int(x):
        return f"{x:.2g}"
    return f"{x:,.{digits}f}"


def rounded(value: Any) -> str:
    """A headline number rounded to what the uncertainty justifies: 3 significant digits."""
    if is_missing(value):
        return "–"
    x = float(value)
    if x == 0:
        return "0"
    magnitude = 10 ** max(0, int(math.floor(math.log10(abs(x)))) - 2)
    return f"{round(x / magnitude) * magnitude:,.0f}"


def ratio(value: Any) -> str:
    if is_missing(value):
        return "–"
    return f"{float(value):.1f}×"


def pct(value: Any) -> str:
    if is_missing(value):
        return "–"
    return f"{100 * float(value):.0f}%"


def cjk_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into (chunk, is_cjk) pieces, so the PDF can switch fonts for Chinese."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _CJK.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def year_of(value: Any) -> int | None:
    """The year of a partial date ("2016", "2016-05", "2016-05-16") or None."""
    if is_missing(value):
        return None
    text = str(value).strip()
    m = re.match(r"^(\d{4})", text)
    return int(m.group(1)) if m else None


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is read as a formula by spreadsheets (OWASP CSV
injection); the report's data/ CSVs prefix such cells with ``'`` (issue 10, hole 9)."""

_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def spreadsheet_safe_cell(value: Any) -> Any:
    """``'=HYPERLINK(...)`` for a formula-like text cell; numbers and other cells unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def spreadsheet_safe(df: Any) -> Any:
    """A copy of DataFrame ``df`` with every text (object/string) column neutralised."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(spreadsheet_safe_cell)
    return out
