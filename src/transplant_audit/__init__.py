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

import importlib
from typing import Any

# Heavy modules (pandas, scipy) load on first use, so `transplant-audit --help` and
# commands that never estimate do not pay for them. Name -> (module, attribute).
_LAZY: dict[str, tuple[str, str | None]] = {
    "estimate": ("transplant_audit.estimate", None),  # callable module: ta.estimate(...)
    "load_evidence": ("transplant_audit.evidence.load", "load_evidence"),
    "read_package": ("transplant_audit.evidence.package", "read_package"),
    "validate_package": ("transplant_audit.evidence.package", "validate_package"),
    "run_forensics": ("transplant_audit.forensics.api", "run_forensics"),
}


def __getattr__(name: str) -> Any:
    """Import the public API on first access (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "estimate",
    "load_evidence",
    "read_package",
    "run_forensics",
    "validate_package",
]
