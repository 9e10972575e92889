"""The extractor's modules import in one direction: ``core`` (the pipeline) imports its
stages; no stage imports ``core``, and no module imports another that imports it back.
Read from the source with ``ast`` (nothing is executed), so a cycle fails here before it
fails at import time."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import transplant_audit.extract as extract_pkg

PKG = extract_pkg.__name__
DIR = Path(extract_pkg.__path__[0])
STAGES = (
    "classify",
    "context",
    "spans",
    "hospitals",
    "counters",
    "money",
    "ranges",
    "years",
    "tables",
    "ranks",
    "numbers",
    "patterns",
    "period",
    "text",
    "rxprefix",
)
"""The pure stages ``core`` is built from: none may import ``core``."""


def _absolute(node: ast.ImportFrom) -> str:
    """The absolute module an import-from names: ``from .core import x`` inside the package
    is ``PKG.core``, ``from . import core`` is ``PKG`` (a module two levels up is outside)."""
    if node.level == 0:
        return node.module or ""
    if node.level > 1:
        return ""
    return f"{PKG}.{node.module}" if node.module else PKG


def _imports(name: str) -> set[str]:
    """Modules of the package that module ``name`` imports, absolute or relative (``from PKG
    import x`` and ``from . import x`` count x when x is a module of the package)."""
    tree = ast.parse((DIR / f"{name}.py").read_text(encoding="utf-8"))
    modules = {p.stem for p in DIR.glob("*.py")}
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = _absolute(node)
            if module == PKG:
                out |= {a.name for a in node.names if a.name in modules}
            elif module.startswith(PKG + "."):
                out.add(module.split(".")[2])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[2] for a in node.names if a.name.startswith(PKG + ".")}
    return out - {name}


def test_no_stage_imports_core() -> None:
    offenders = {s: sorted(_imports(s)) for s in STAGES if "core" in _imports(s)}
    assert not offenders, offenders


def test_no_import_cycle() -> None:
    graph = {p.stem: _imports(p.stem) for p in DIR.glob("*.py") if p.stem != "__init__"}

    def reaches(a: str, b: str, seen: set[str]) -> bool:
        nexts = graph.get(a, set())
        return b in nexts or any(reaches(n, b, seen | {n}) for n in nexts - seen)

    cycles = sorted(m for m in graph if reaches(m, m, {m}))
    assert not cycles, cycles


@pytest.mark.parametrize("name", STAGES)
def test_stage_imports_alone(name: str) -> None:
    """Each stage imports by itself (no hidden reliance on core having been imported)."""
    mod = importlib.import_module(f"{PKG}.{name}")
    assert mod.__name__ == f"{PKG}.{name}"
