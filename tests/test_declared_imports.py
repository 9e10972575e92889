"""Every third-party package the code imports is declared in pyproject.toml (so that
test_dependency_bounds' lower and upper bounds cover it): a package that arrives only as
another's dependency is unbounded by us, and a new major release of it can break an install
(starlette, pydantic, markupsafe and lxml were imported this way until 2026-12-06)."""

from __future__ import annotations

import ast
import importlib.metadata as md
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(src: Path) -> set[str]:
    """Top-level names of every absolute import under ``src`` (in functions too)."""
    names: set[str] = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"transplant_audit"}


def declared(pyproject: Path) -> set[str]:
    """Canonical names of every requirement: runtime and every extra."""
    meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    reqs = [*meta["dependencies"], *(r for v in meta["optional-dependencies"].values() for r in v)]
    return {canonicalize_name(Requirement(r).name) for r in reqs}


def undeclared(modules: set[str], names: set[str]) -> list[str]:
    """The modules none of whose installing distributions is declared."""
    dists = md.packages_distributions()
    return sorted(
        m for m in modules if not {canonicalize_name(d) for d in dists.get(m, [m])} & names
    )


def test_every_imported_package_is_declared() -> None:
    assert undeclared(imported_modules(ROOT / "src"), declared(ROOT / "pyproject.toml")) == []


def test_an_undeclared_import_is_found() -> None:
    names = declared(ROOT / "pyproject.toml") - {"pydantic"}
    assert undeclared({"pydantic", "numpy"}, names) == ["pydantic"]
