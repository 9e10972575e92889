"""`user` commands and the authenticated `review` on the command line (SQLite store).

Run as subprocesses so passwords really come from stdin, as a user would type or pipe
them. Accounts and candidates are SYNTHETIC (see helpers.py)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from cli_process import run_cli

from .helpers import PASSWORD, add_user, seed_candidates

pytestmark = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)


def cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--db", url, stdin=stdin)


def test_user_add_list_disable_passwd(store_url: str) -> None:
    r = cli(store_url, "user", "add", "Alice", "--role", "reviewer", "--password-stdin",
            stdin=PASSWORD + "\n")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert PASSWORD not in r.stdout + r.stderr
    again = cli(store_url, "user", "add", "alice", "--role", "viewer", "--password-stdin",
                stdin=PASSWORD + "\n")  # fmt: skip
    assert again.returncode == 2 and "exists already" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    bad = cli(store_url, "user", "add", "bob", "--role", "boss", "--password-stdin",
              stdin=PASSWORD + "\n")  # fmt: skip
    assert bad.returncode == 2 and "role 'boss'" in bad.stderr
    assert cli(store_url, "user", "disable", "alice").returncode == 0
    listed = json.loads(cli(store_url, "user", "list", "--json").stdout)
    assert [(u["username"], u["role"], u["disabled"]) for u in listed] == [
        ("alice", "reviewer", True)
    ]
    new = "another-synthetic-pw"
    r = cli(store_url, "user", "passwd", "alice", "--password-stdin", stdin=new + "\n")
    assert r.returncode == 0, r.stderr
    assert cli(store_url, "user", "role", "alice", "admin").returncode == 0
    assert json.loads(cli(store_url, "user", "list", "--json").stdout)[0]["role"] == "admin"


def test_review_on_the_command_line_authenticates(store: Any, store_url: str) -> None:
    from transplant_audit.extract.review_schema import ReviewDecision

    add_user(store, "alice", "reviewer")
    add_user(store, "carol", "investigator")
    cand = seed_candidates(store, "carol")[0]
    args = ("review", "--candidate", cand, "--accept", "--hospital", "tianjin_first_central")
    no_password = cli(store_url, *args, "--reviewer", "alice")
    assert no_password.returncode == 2 and "review refused" in no_password.stderr
    wrong = cli(store_url, *args, "--reviewer", "alice", stdin="wrong-password\n")
    assert wrong.returncode == 2 and "wrong account name or password" in wrong.stderr
    own = cli(store_url, *args, "--reviewer", "carol", stdin=PASSWORD + "\n")
    assert own.returncode == 2 and "extracted" in own.stderr and "two-person rule" in own.stderr
    ok = cli(store_url, *args, "--reviewer", "alice", stdin=PASSWORD + "\n")
    assert ok.returncode == 0, ok.stderr
    with store.session() as s:
        reviewers = [d.reviewer for d in s.query(ReviewDecision).all()]
    assert reviewers == ["alice"]
