"""``registry import`` and ``registry aggregates`` on a SQLite store, run as subprocesses.
Every row is SYNTHETIC (tests/web/registry_synthetic.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from tests.web.registry_synthetic import BIRTH_DATE, NATIONAL_ID, case, random_cases

from cli_process import cli_env, run_cli


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(TRANSPLANT_AUDIT_REGISTRY_KEY_FILE=str(tmp_path / "keys" / "registry.key"))


def cli(env: dict[str, str], home: Path, *args: str, stdin: str = "") -> Any:
    return run_cli(*args, "--home", str(home), env=env, stdin=stdin)


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    fields = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return path


def count_cases(home: Path) -> int:
    import sqlite3

    with sqlite3.connect(home / "store.sqlite") as conn:
        return conn.execute("select count(*) from registry_cases").fetchone()[0]


def test_import_then_publish(tmp_path: Path, env: dict[str, str]) -> None:
    home = tmp_path / "home"
    rows = random_cases(80, seed=3)
    r = cli(env, home, "registry", "import", str(write_csv(tmp_path / "cases.csv", rows)))
    assert r.returncode == 0, r.stderr
    assert "imported 80 cases" in r.stdout
    key = Path(env["TRANSPLANT_AUDIT_REGISTRY_KEY_FILE"])
    assert key.stat().st_mode & 0o777 == 0o600
    out = tmp_path / "pub"
    r = cli(env, home, "registry", "aggregates", "--out", str(out))
    assert r.returncode == 0, r.stderr
    from frictionless import Package

    report = Package(out / "datapackage.json").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with (out / "year_x_destination_country_x_organ.csv").open() as fh:
        cells = list(csv.DictReader(fh))
    assert sum(int(c["count"] or 0) for c in cells) <= 80
    assert all(c["count"] == "" or int(c["count"]) == 0 or int(c["count"]) >= 5 for c in cells)
    assert all((c["count"] == "") == (c["suppressed"] == "True") for c in cells)
    names = {p.name for p in out.iterdir()}
    assert "total.csv" in names and "medians.csv" in names
    assert not any("hospital" in n or "city" in n for n in names)
    again = cli(env, home, "registry", "aggregates", "--out", str(out))
    assert again.returncode == 2 and "not empty" in again.stderr


@pytest.mark.parametrize(
    ("bad", "expect"),
    [
        ({"organ": "spleen"}, "row 4, field 'organ'"),
        ({"notes": f"patient {NATIONAL_ID}"}, "row 4, field 'notes'"),
        ({"birth_date": "1961-02-30"}, "row 4, field 'birth_date'"),
        ({"national_id": "SYNTH003000000000"}, "row 4: duplicate of row 2"),
    ],
)
def test_import_is_all_or_nothing(
    tmp_path: Path, env: dict[str, str], bad: dict[str, str], expect: str
) -> None:
    home = tmp_path / "home"
    rows = random_cases(3, seed=3)
    rows[0]["transplant_month"] = "2020-01"
    rows[2].update(bad)
    if "national_id" in bad:
        rows[2].update(birth_date=rows[0]["birth_date"], organ=rows[0]["organ"],
                       transplant_month="2020-01")  # fmt: skip
    r = cli(env, home, "registry", "import", str(write_csv(tmp_path / "bad.csv", rows)))
    assert r.returncode == 2, r.stdout + r.stderr
    assert expect in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert NATIONAL_ID not in r.stderr and "SYNTH003" not in r.stderr
    assert count_cases(home) == 0


def test_import_unknown_column(tmp_path: Path, env: dict[str, str]) -> None:
    rows = [{**case(), "passport": "x"}]
    r = cli(env, tmp_path / "h", "registry", "import", str(write_csv(tmp_path / "c.csv", rows)))
    assert r.returncode == 2 and "field 'passport'" in r.stderr and "unknown column" in r.stderr


def test_user_add_reporter_needs_centre(tmp_path: Path, env: dict[str, str]) -> None:
    home = tmp_path / "home"
    pw = "synthetic-password-1\n"
    r = cli(env, home, "user", "add", "rep", "--role", "reporter", "--password-stdin", stdin=pw)
    assert r.returncode == 2 and "--centre" in r.stderr
    r = cli(env, home, "user", "add", "rep", "--role", "reporter", "--centre", "centre-a",
            "--password-stdin", stdin=pw)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "centre centre-a" in r.stdout
    listed = json.loads(cli(env, home, "user", "list", "--json").stdout)
    assert [(u["username"], u["role"]) for u in listed] == [("rep", "reporter")]
    assert BIRTH_DATE  # (the synthetic constants are shared with the API tests)


def test_import_over_the_size_limit_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    env["TRANSPLANT_AUDIT_MAX_REGISTRY_CSV_BYTES"] = "100"
    path = write_csv(tmp_path / "c.csv", random_cases(5, seed=2))
    r = cli(env, tmp_path / "h", "registry", "import", str(path))
    assert r.returncode == 2 and "TRANSPLANT_AUDIT_MAX_REGISTRY_CSV_BYTES" in r.stderr
