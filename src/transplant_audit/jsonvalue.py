"""One rule for turning computed values into JSON: numpy and pandas scalars become Python
ones, and every missing or non-finite number (NaN, +inf, -inf, ``pd.NA``, ``pd.NaT``)
becomes ``null``, because strict JSON has no NaN or Infinity and the writers call
``json.dumps(..., allow_nan=False)``. Timestamps and dates become ISO text. Used by
``estimate --json``, the estimate's provenance and the report's ``data/`` files.

Imports neither numpy nor pandas, so the CLI's start-up stays light.
"""

from __future__ import annotations

import math
from typing import Any


def _missing(value: object) -> bool:
    """True for pandas' NA and NaT (which are not floats)."""
    name = type(value).__name__
    return name in {"NAType", "NaTType"}


def plain(value: Any) -> Any:
    """``value`` with every container walked and every scalar made JSON-safe (see module)."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | bytes | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if _missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return plain(item())
        except (ValueError, TypeError):
            return value
    return value
