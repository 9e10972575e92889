"""Every dependency in pyproject.toml (build, runtime, each extra) has a lower AND an upper
bound, and is listed once per list: a new major release can neither break an install
nor be pinned out by a forgotten duplicate. ``.ci/clean_venv_check`` installs the newest
versions these bounds allow."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
LOWER, UPPER = {">=", ">", "~=", "=="}, {"<", "<=", "~=", "=="}


def _lists() -> dict[str, list[str]]:
    meta = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    out = {"build-system": meta["build-system"]["requires"]}
    out["dependencies"] = meta["project"]["dependencies"]
    out |= {f"extra {k}": v for k, v in meta["project"]["optional-dependencies"].items()}
    return out


def bound_problems(lists: dict[str, list[str]]) -> list[str]:
    """Each requirement lacking a lower or an upper bound, and each name listed twice."""
    found = []
    for where, reqs in lists.items():
        names: set[str] = set()
        for text in reqs:
            req = Requirement(text)
            ops = {s.operator for s in req.specifier}
            if not ops & LOWER:
                found.append(f"{where}: {text} has no lower bound")
            if not ops & UPPER:
                found.append(f"{where}: {text} has no upper bound")
            name = req.name.lower().replace("_", "-")
            if name in names:
                found.append(f"{where}: {req.name} listed twice")
            names.add(name)
    return found


def test_every_dependency_is_bounded_below_and_above_and_listed_once() -> None:
    lists = _lists()
    assert len(lists["dependencies"]) > 20 and "extra test" in lists
    assert bound_problems(lists) == []


@pytest.mark.parametrize(
    ("reqs", "problems"),
    [
        (["wheel"], ["no lower bound", "no upper bound"]),
        (["numpy>=1.26"], ["no upper bound"]),
        (["numpy<3"], ["no lower bound"]),
        (["ruff>=0.5,<1", "ruff>=0.4,<1"], ["listed twice"]),
        (["ruff~=0.5"], []),
    ],
)
def test_the_check_sees_a_missing_bound_and_a_duplicate(
    reqs: list[str], problems: list[str]
) -> None:
    found = bound_problems({"x": reqs})
    assert len(found) == len(problems)
    assert all(p in f for p, f in zip(problems, found, strict=True))


def test_license_is_an_spdx_string_that_the_build_backend_reads() -> None:
    """``project.license`` as a TOML table ({text = ...}) is deprecated by setuptools (a
    build warning in the fresh venv says builds stop being supported after 2027-02-18, and
    the newest setuptools our bounds allow could be that release): it is an SPDX string,
    which needs setuptools >= 77, so the build requirement's lower bound says so."""
    from packaging.version import Version

    meta = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "Apache-2.0"
    (setuptools,) = [
        Requirement(r) for r in meta["build-system"]["requires"] if r.startswith("setuptools")
    ]
    lower = [Version(s.version) for s in setuptools.specifier if s.operator == ">="]
    assert lower and min(lower) >= Version("77")
