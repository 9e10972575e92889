"""Forensic tests of official statistics: formula fits, smoothness, digits, ratios.

Entry point: :func:`run_forensics` (the same object ``transplant-audit forensics``
prints). Pure computations; the CLI in ``commands.py`` does the I/O.
"""

from transplant_audit.forensics.api import ForensicsResult, TestResult, run_forensics
from transplant_audit.forensics.series import SeriesData, read_series_csv, series_from_mapping

__all__ = [
    "ForensicsResult",
    "SeriesData",
    "TestResult",
    "read_series_csv",
    "run_forensics",
    "series_from_mapping",
]
