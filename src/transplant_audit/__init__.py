"""transplant-audit: sourced evidence, estimates with honest uncertainty, and forensic
tests for organ transplant volume in China.

The Python API mirrors the command line; see the README.
"""

__version__ = "0.1.0"
