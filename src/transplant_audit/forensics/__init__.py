"""Forensic tests of official statistics: formula fits, smoothness, digits, ratios.

Entry point: :func:`run_forensics` (the same object ``transplant-audit forensics``
prints). Pure computations; the CLI in ``commands.py`` does the I/O.
"""

from transplant_audit.lazy import lazy_getattr

# Loaded on first use (PEP 562): the fits import scipy, which the command line's
# start-up must not pay for.
_LAZY = {
    "ForensicsResult": "transplant_audit.forensics.api",
    "TestResult": "transplant_audit.forensics.api",
    "run_forensics": "transplant_audit.forensics.api",
    "SeriesData": "transplant_audit.forensics.series",
    "read_series_csv": "transplant_audit.forensics.series",
    "series_from_mapping": "transplant_audit.forensics.series",
}

__all__ = [
    "ForensicsResult",
    "SeriesData",
    "TestResult",
    "read_series_csv",
    "run_forensics",
    "series_from_mapping",
]


__getattr__ = lazy_getattr(__name__, _LAZY)
