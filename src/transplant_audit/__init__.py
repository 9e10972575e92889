"""transplant-audit: sourced evidence, estimates with honest uncertainty, and forensic
tests for organ transplant volume in China.

The Python API mirrors the command line::

    import transplant_audit as ta

    evidence = ta.load_evidence()          # the store after an import, else the bundled package
    result = ta.estimate(evidence, draws=10_000, seed=20160622)   # transplant-audit estimate
    result.national()                      # DataFrame: year, scenario, mean, median, p05 ... p95
    findings = ta.run_forensics(evidence)  # transplant-audit forensics --all
"""

from __future__ import annotations

__version__ = "0.1.0"

from transplant_audit import estimate  # noqa: E402  (callable module: ta.estimate(...))
from transplant_audit.evidence.load import load_evidence  # noqa: E402
from transplant_audit.evidence.package import read_package, validate_package  # noqa: E402
from transplant_audit.forensics import run_forensics  # noqa: E402

__all__ = [
    "__version__",
    "estimate",
    "load_evidence",
    "read_package",
    "run_forensics",
    "validate_package",
]
