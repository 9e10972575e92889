"""What moved between two sets of tables: two reports' ``data/``, or two data packages.

``compare_tables(old, new)`` takes ``{table name: DataFrame}`` for each side and
returns one row per figure that changed, appeared or disappeared: table, key (the
row's text columns, e.g. ``year=2015 scenario=combined``), column, old, new,
change and relative change. Rows are matched by their text and year columns (or by ``id``
when the table has one; rows repeating a key are matched in order); numbers are compared
exactly. Pure: frames in, frame out.
``report --compare OLD_DIR`` and ``tools/data_changelog.py`` do the reading.
"""

from __future__ import annotations

import math

import pandas as pd

COLUMNS = ["table", "key", "column", "old", "new", "change", "relative"]


def _key_columns(frame: pd.DataFrame) -> list[str]:
    if "id" in frame.columns:
        return ["id"]
    return [
        c
        for c in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[c]) or str(c).endswith("year")
    ]


def _keyed(frame: pd.DataFrame, keys: list[str]) -> dict[str, pd.Series]:
    # keys as text column by column (a row Series would upcast a year to 2015.0)
    # A key met again (two rows with the same text columns) is numbered "#2", "#3", ... in
    # row order, so every row is compared (the n-th with the n-th) and none is dropped.
    text = {k: frame[k].astype(str).tolist() for k in keys}
    out: dict[str, pd.Series] = {}
    seen: dict[str, int] = {}
    for i, (_, row) in enumerate(frame.iterrows()):
        key = " ".join(f"{k}={text[k][i]}" for k in keys) if keys else str(i)
        seen[key] = seen.get(key, 0) + 1
        out[key if seen[key] == 1 else f"{key} #{seen[key]}"] = row
    return out


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _row(table: str, key: str, column: str, old: object, new: object) -> dict[str, object]:
    a, b = _number(old), _number(new)
    change = b - a if a is not None and b is not None else None
    relative = change / abs(a) if change is not None and a else None
    return dict(zip(COLUMNS, [table, key, column, old, new, change, relative], strict=True))


def compare_tables(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure that differs between ``old`` and ``new`` (see the module docstring)."""
    rows: list[dict[str, object]] = []
    for table in sorted(set(old) | set(new)):
        if table not in old or table not in new:
            side = "new" if table in new else "old"
            rows.append(_row(table, f"(whole table only in the {side} set)", "", None, None))
            continue
        keys = _key_columns(new[table])
        if any(k not in old[table].columns for k in keys):
            rows.append(_row(table, "(columns changed)", "", None, None))
            continue
        before, after = _keyed(old[table], keys), _keyed(new[table], keys)
        numeric = [c for c in new[table].columns if c not in keys]
        for key in sorted(set(before) | set(after)):
            if key not in before or key not in after:
                where = after if key in after else before
                for column in numeric:
                    value = where[key].get(column)
                    old_v, new_v = (None, value) if key in after else (value, None)
                    rows.append(_row(table, key, column, old_v, new_v))
                continue
            for column in numeric:
                a, b = before[key].get(column), after[key].get(column)
                if _number(a) is not None or _number(b) is not None:
                    if _number(a) != _number(b):
                        rows.append(_row(table, key, column, a, b))
                elif str(a) != str(b):
                    rows.append(_row(table, key, column, a, b))
    return pd.DataFrame(rows, columns=COLUMNS)
