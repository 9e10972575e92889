"""One rule for turning computed values into JSON: numpy and pandas scalars become Python
ones, and every missing or non-finite number (NaN, +inf, -inf, ``pd.NA``, ``pd.NaT``)
becomes ``null``, because strict JSON has no NaN or Infinity and the writers call
``json.dumps(..., allow_nan=False)``. Timestamps and dates become ISO text; arrays and
series become lists, data frames lists of row records, dataclasses dicts of their fields.
Used by ``estimate --json``, ``explain --json``, the estimate's provenance,
``forensics --json`` (its details), the report's ``data/`` files and its chart specs (in
the HTML, and the PDF's rendering and PNG cache key), the workbench's job results, the
exhibit's JSON files, ``show --json`` and ``coverage --json``. Hash inputs with a fixed
canonical form of their own (the ledger's ``canonical_json``,
``estimate.api.inputs_digest``) are not writers of computed values.

Imports neither numpy nor pandas, so the CLI's start-up stays light.
"""

from __future__ import annotations

import dataclasses
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
    if isinstance(value, float):  # numpy's float64 is a float: made a plain one
        if not math.isfinite(value):
            return None
        return value if type(value) is float else float(value)
    ndim = getattr(value, "ndim", None)
    if ndim == 0:  # a numpy scalar (np.int64, np.bool_, np.float32, np.datetime64)
        return _scalar(value)
    if _missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "columns") and hasattr(value, "to_dict"):  # a data frame: its rows
        return plain(value.to_dict(orient="records"))
    if ndim and hasattr(value, "tolist"):  # an array or series
        return plain(value.tolist())
    return _scalar(value)


def _scalar(value: Any) -> Any:
    """A scalar with ``.item()`` (numpy's) as the Python value it holds, made plain."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return plain(item())
        except (ValueError, TypeError):
            return value
    return value
