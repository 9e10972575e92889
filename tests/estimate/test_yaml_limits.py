"""--assumptions YAML limits against SYNTHETIC hostile files built here (issue 10, hole 7).

On the old main a 'billion laughs' YAML (9 levels) was accepted after using
3.2 GB and 40 s; now it is refused before any object is built.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bombs import yaml_bomb
from transplant_audit import limits
from transplant_audit.cli import app
from transplant_audit.errors import DataError
from transplant_audit.estimate.assumptions import read_overrides

runner = CliRunner()


def test_billion_laughs_is_refused_with_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    bomb = yaml_bomb(tmp_path / "laughs.yaml", levels=9)
    assert bomb.stat().st_size < 600
    args = ["estimate", "--draws", "10", "--no-sensitivity", "--assumptions", str(bomb)]
    result = runner.invoke(app, [*args, "--home", str(tmp_path / "h")])
    exc = result.exception
    assert isinstance(exc, DataError), result.output
    assert exc.code == "yaml-too-many-nodes" and exc.exit_code == 2
    assert "laughs.yaml" in str(exc) and limits.YAML_NODES.env in str(exc)


@pytest.mark.parametrize(
    ("text", "code", "limit"),
    [
        ("x: " + "[" * 30 + "]" * 30 + "\n", "yaml-too-deep", limits.YAML_DEPTH),
        (
            "a: &a [1]\nb: [" + ", ".join(["*a"] * 101) + "]\n",
            "yaml-too-many-aliases",
            limits.YAML_ALIASES,
        ),
        ("# " + "x" * (1 << 20) + "\n", "yaml-too-large", limits.YAML_BYTES),
    ],
    ids=["nesting", "aliases", "size"],
)
def test_other_yaml_limits(tmp_path: Path, text: str, code: str, limit: limits.Limit) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_overrides(path)
    assert exc.value.code == code and limit.env in str(exc.value)


def test_limits_are_raised_by_environment_variables(tmp_path: Path, monkeypatch) -> None:
    path = yaml_bomb(tmp_path / "small.yaml", levels=4, width=24)  # 73 aliases, ~346,000 nodes
    with pytest.raises(DataError, match="yaml-too-many-nodes"):
        read_overrides(path)
    monkeypatch.setenv(limits.YAML_NODES.env, "1000000")
    data = read_overrides(path)
    assert data["occupancy_rate"]["low"] == 0.9


def test_a_plain_override_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "occupancy_rate: {distribution: uniform, low: 0.9, high: 1.1}\n", encoding="utf-8"
    )
    assert read_overrides(path) == {
        "occupancy_rate": {"distribution": "uniform", "low": 0.9, "high": 1.1}
    }
