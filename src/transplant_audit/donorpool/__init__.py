"""The donor pool implied by waiting times: rates and distributions of populations.

Chinese hospitals advertised waits of days to weeks for a matched kidney or
liver. This package turns that into a checkable quantity: given a yearly
transplant volume and a mean waiting time, how many donors a year (and how
large a standing pool of available donors) a matching system would need; and,
the other way round, what waits a given number of donors would produce.

Ethical line, in the code as in the docs: every input and output is a rate or
a distribution over a population (blood-group shares, compatibility
probabilities, volumes per year). There is no individual, no identifier, no
per-patient input and no matching of people anywhere in this package.

Layout: ``queue.py`` holds the formulas (a birth-death chain per blood group,
pure numpy); ``params.py`` reads the sourced assumptions into draws;
``model.py`` runs the two directions with uncertainty and Sobol sensitivity;
``commands.py`` is the ``transplant-audit donorpool`` command.
"""

from __future__ import annotations

from transplant_audit.lazy import lazy_getattr

__all__ = ["DonorPoolResult", "implied_donors", "waits_from_donors"]


# The model (numpy, scipy) loads on first use, not when the CLI starts (PEP 562).
__getattr__ = lazy_getattr(__name__, dict.fromkeys(__all__, "transplant_audit.donorpool.model"))
