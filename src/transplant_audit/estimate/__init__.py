"""Estimate transplant volume from hospital evidence, with uncertainty, sensitivity and provenance.

``estimate(evidence, ...)`` runs the Monte Carlo model and returns an
``EstimateResult``; see docs/estimate.md for the methods, rules and the
``--json`` structure.
"""

from __future__ import annotations

from transplant_audit.estimate.api import DEFAULT_SEED, estimate
from transplant_audit.estimate.result import EstimateResult

__all__ = ["DEFAULT_SEED", "EstimateResult", "estimate"]
