"""Coverage table, imputed share, and the link checker against a local test server.

Everything here is SYNTHETIC (the conftest's invented package, a throw-away
http.server on 127.0.0.1) except one run of ``coverage`` on the bundled data/,
whose imputed share must be the estimate API's own.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import ConfigError
from transplant_audit.evidence.coverage import coverage_table, imputed_share, licensed_status
from transplant_audit.evidence.linkcheck import RateLimit, check_links, check_url
from transplant_audit.evidence.package import read_package

runner = CliRunner()


def test_coverage_table_counts_kinds_by_province_and_licence(synthetic_package: Path) -> None:
    table = coverage_table(read_package(synthetic_package))
    rows = {(r.province, r.licensed): r for r in table.itertuples(index=False)}
    alpha = rows[("Tianjin", "true")]  # transplant beds and an own count
    assert (alpha.hospitals, alpha.beds, alpha.own_counts, alpha.staff) == (1, 1, 1, 0)
    beta = rows[("Beijing", "false")]  # only an occupancy rate: a figure, but no beds
    assert (beta.hospitals, beta.with_any_figure, beta.beds) == (1, 1, 0)
    total = rows[("all", "all")]
    assert (total.hospitals, total.with_any_figure, total.beds) == (2, 2, 1)
    assert list(table["province"])[-1] == "all"


def test_licensed_status_reads_every_spelling() -> None:
    assert [licensed_status(v) for v in (True, False, pd.NA, None, "TRUE", "maybe")] == [
        "true",
        "false",
        "unknown",
        "unknown",
        "true",
        "unknown",
    ]


class _FakeResult:
    def imputed(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "year": [2016, 2016, 2015],
                "scenario": ["capacity", "combined", "combined"],
                "imputed_share": [0.9, 0.25, 0.5],
            }
        )


def test_imputed_share_is_the_results_own() -> None:
    assert imputed_share(_FakeResult(), 2016) == 0.25
    assert math.isnan(imputed_share(_FakeResult(), 2010))


def test_coverage_json_on_bundled_data_matches_the_estimate(tmp_path: Path) -> None:
    from transplant_audit.estimate.api import estimate

    env = {"TRANSPLANT_AUDIT_HOME": str(tmp_path / "home"), "TRANSPLANT_AUDIT_DB": None}
    out = tmp_path / "coverage.json"
    result = runner.invoke(app, ["coverage", "--draws", "300", "--json", str(out)], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    bundled = read_package(Path(__file__).resolve().parents[2] / "data")
    direct = estimate(bundled, draws=300, years="2016-2016", scenarios=["combined"])
    assert data["imputed_share"] == pytest.approx(imputed_share(direct, 2016))
    assert 0 < data["imputed_share"] < 1
    assert f"{data['imputed_share']:.1%}" in result.output
    total = data["rows"][-1]
    assert total["province"] == "all" and total["hospitals"] == len(bundled.hospitals)


def test_coverage_json_to_stdout_without_estimate(synthetic_package: Path, tmp_path: Path) -> None:
    env = {"TRANSPLANT_AUDIT_HOME": str(tmp_path / "home")}
    assert runner.invoke(app, ["import", str(synthetic_package)], env=env).exit_code == 0
    result = runner.invoke(app, ["coverage", "--draws", "0", "--json", "-"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["imputed_share"] is None and "skipped" in data["imputed_share_note"]
    assert data["rows"][-1]["hospitals"] == 2
    bad = runner.invoke(app, ["coverage", "--draws", "-1"], env=env)
    assert isinstance(bad.exception, ConfigError) and "--draws" in str(bad.exception)


# --------------------------------------------------------------------------- link check


class _Handler(BaseHTTPRequestHandler):
    hits: list[tuple[str, str]] = []

    def log_message(self, *_args: object) -> None:
        pass

    def _answer(self, body: bool) -> None:
        _Handler.hits.append((self.command, self.path))
        if self.path == "/slow":
            time.sleep(1.5)
        code = {"/ok": 200, "/gone": 404, "/broken": 500, "/slow": 200}.get(self.path, 404)
        if self.path == "/nohead":
            code = 200 if body else 405
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(body=True)


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.hits = []
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_check_url_outcomes(server: str) -> None:
    assert check_url(f"{server}/ok", 2)[:3] == ("ok", 200, "HEAD")
    assert check_url(f"{server}/moved", 2)[:2] == ("ok", 200)
    assert check_url(f"{server}/gone", 2)[:3] == ("dead", 404, "HEAD")
    assert check_url(f"{server}/nohead", 2)[:3] == ("ok", 200, "GET")  # HEAD refused
    assert check_url(f"{server}/broken", 2)[0] == "error"  # 5xx: maybe temporary
    outcome, status, _, reason = check_url(f"{server}/slow", 0.3)
    assert (outcome, status) == ("error", None) and "timed out" in reason
    assert check_url(f"http://127.0.0.1:{_free_port()}/x", 2)[0] == "dead"  # refused
    assert check_url("file:///etc/passwd", 2)[0] == "skipped"
    assert ("GET", "/nohead") in _Handler.hits and ("GET", "/ok") not in _Handler.hits


def test_rate_limit_spaces_requests() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    limit = RateLimit(2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        limit.wait()
        now[0] += 0.1
    assert slept == pytest.approx([0.4, 0.4])
    with pytest.raises(ValueError):
        RateLimit(0)


def test_check_links_reports_progress_and_archives(server: str) -> None:
    done: list[int] = []
    results = check_links(
        [("src_a", f"{server}/ok"), ("src_b", f"{server}/gone")],
        timeout=2,
        rate=50,
        archived={"src_b": "archive/x.warc.gz (sha256:...)"},
        progress=done.append,
    )
    assert [r.outcome for r in results] == ["ok", "dead"]
    assert results[1].archived.startswith("archive/") and done == [1, 2]


def test_sources_check_cli_marks_dead_and_points_to_archive(
    syn,  # type: ignore[no-untyped-def]
    server: str,
    tmp_path: Path,
) -> None:
    from transplant_audit.evidence.archive_schema import ArchiveRecord, Capture
    from transplant_audit.evidence.store import Store

    src = syn.frames()["sources"].copy()
    src["url"] = [f"{server}/ok", f"{server}/gone", f"{server}/nohead"]
    package = syn.write(tmp_path / "pkg", {"sources": src})
    home = tmp_path / "home"
    env = {"TRANSPLANT_AUDIT_HOME": str(home), "COLUMNS": "250"}
    assert runner.invoke(app, ["import", str(package)], env=env).exit_code == 0
    gone_id = str(src["id"].iloc[1])
    digest = "sha256:" + "b" * 64
    with Store.open(home=home) as store, store.session(write=True) as s:
        s.add(
            ArchiveRecord(
                digest=digest,
                warc_file="synthetic-00001.warc.gz",
                offset=0,
                length=10,
                record_digest=digest,
                size=2,
                media_type="text/html",
                charset=None,
                target_uri=f"{server}/gone",
                warc_date="2026-12-01T00:00:00Z",
                record_id="<urn:uuid:synthetic>",
            )
        )
        s.flush()
        s.add(Capture(digest=digest, uri=f"{server}/gone", captured_at="2026", source_id=gone_id))
    result = runner.invoke(app, ["sources", "--check", "--rate", "50", "--timeout", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert "1 of 3 source URLs not reachable" in result.output
    assert "archive/synthetic-00001.warc.gz" in result.output and gone_id in result.output
    as_json = runner.invoke(app, ["sources", "--check", "--rate", "50", "--json"], env=env)
    outcomes = {r["source_id"]: r["outcome"] for r in json.loads(as_json.output)}
    assert outcomes[gone_id] == "dead" and sorted(outcomes.values()).count("ok") == 2
    bad = runner.invoke(app, ["sources", "--check", "--rate", "0"], env=env)
    assert isinstance(bad.exception, ConfigError)
