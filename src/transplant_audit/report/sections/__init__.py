"""The report's sections, one module each: evidence and results in, report blocks out (pure).

Each module holds its section's text and tables: ``evidence``, ``official``, ``headline``,
``national``, ``breakdowns``, ``hospitals``, ``checks``, ``forensics``, ``window``,
``methods`` and ``appendix`` (``anchors`` holds the element ids they link to, ``context``
what the estimate sections share). A part with nothing to show (no claims, no reference
series) is an ``Unavailable`` box with the reason; a part that fails raises, and the report
fails naming the section (``build.assemble``), so no failure is ever hidden.
"""

from transplant_audit.report.sections.anchors import (
    ASM,
    ASM_ANCHOR,
    CLAIMS_ANCHOR,
    DERIV,
    HOSP,
    HOSP_ANCHOR,
    OBS,
    OBS_ANCHOR,
    SOURCES_ANCHOR,
)

__all__ = [
    "ASM",
    "ASM_ANCHOR",
    "CLAIMS_ANCHOR",
    "DERIV",
    "HOSP",
    "HOSP_ANCHOR",
    "OBS",
    "OBS_ANCHOR",
    "SOURCES_ANCHOR",
]
