"""Estimate transplant volume from hospital evidence, with uncertainty, sensitivity and provenance.

``estimate(evidence, ...)`` runs the Monte Carlo model and returns an
``EstimateResult``; see docs/estimate.md for the methods, rules and the
``--json`` structure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transplant_audit.lazy import lazy_getattr

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult

__all__ = ["DEFAULT_SEED", "EstimateResult", "estimate"]

# The engine imports scipy and pandas: load it on first use (PEP 562), so importing
# ``transplant_audit.estimate.commands`` for the command line stays cheap.
_LAZY = {
    "DEFAULT_SEED": "transplant_audit.estimate.api",
    "estimate": "transplant_audit.estimate.api",
    "EstimateResult": "transplant_audit.estimate.result",
}


__getattr__ = lazy_getattr(__name__, _LAZY)


def _estimate_from_home(evidence=None, *, home=None, db=None, **kwargs) -> EstimateResult:
    """``transplant_audit.estimate(...)``: like the CLI, read the evidence when none is given.

    With ``evidence=None`` the store's evidence is used when an import was done
    (``home``/``db`` as for the CLI), otherwise the bundled data package.
    """
    if evidence is None:
        from transplant_audit.evidence.load import load_evidence

        evidence = load_evidence(home, db)
    from transplant_audit.estimate.api import estimate

    return estimate(evidence, **kwargs)


class _CallableModule(__import__("types").ModuleType):
    """Lets ``transplant_audit.estimate(...)`` mirror ``transplant-audit estimate``.

    The name ``transplant_audit.estimate`` is this subpackage, so the call is
    made on the module itself; ``transplant_audit.estimate.estimate`` remains
    the pure function over an ``Evidence``.
    """

    def __call__(self, evidence=None, **kwargs) -> EstimateResult:
        return _estimate_from_home(evidence, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule
