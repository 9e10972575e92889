"""The extractor's modules import in one direction: ``core`` (the pipeline) imports its
stages; no stage imports ``core``, and no module imports another that imports it back.
Read from the source with ``ast`` (nothing is executed), so a cycle fails here before it
fails at import time."""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
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
    "zh_donations",
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


_IMPORT_ALONE = """
import importlib, json, sys
mod = importlib.import_module(sys.argv[1])
print(json.dumps({"name": mod.__name__, "core": "%s.core" % sys.argv[2] in sys.modules}))
"""
"""Run in a fresh interpreter: import the stage named argv[1]; did core come with it?"""


def import_alone(
    module: str, pkg: str = PKG, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``import module`` in a fresh Python process (the test run's interpreter, and its
    environment unless ``env``), printing its name and whether ``pkg``.core came too."""
    return subprocess.run(
        [sys.executable, "-c", _IMPORT_ALONE, module, pkg],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


@pytest.mark.parametrize("name", STAGES)
def test_stage_imports_alone(name: str) -> None:
    """Each stage imports by itself in a FRESH process, without core: an import that works
    only because another test (or module) imported something first fails here."""
    proc = import_alone(f"{PKG}.{name}")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"name": f"{PKG}.{name}", "core": False}


def test_import_alone_sees_what_this_process_hides(tmp_path: Path) -> None:
    """The check itself can fail: a module that uses a sibling it never imports works in a
    process where the sibling is loaded, and fails in a fresh one."""
    pkg = tmp_path / "hiddendep"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "base.py").write_text("VALUE = 1\n")
    (pkg / "user.py").write_text("import hiddendep\n\nVALUE = hiddendep.base.VALUE + 1\n")
    sys.path.insert(0, str(tmp_path))
    try:
        importlib.import_module("hiddendep.base")
        assert importlib.import_module("hiddendep.user").VALUE == 2  # passes in this process
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
        proc = import_alone("hiddendep.user", "hiddendep", env)
        assert proc.returncode != 0 and "AttributeError" in proc.stderr, proc.stderr
    finally:
        sys.path.remove(str(tmp_path))
        for mod in [m for m in sys.modules if m.split(".")[0] == "hiddendep"]:
            del sys.modules[mod]
