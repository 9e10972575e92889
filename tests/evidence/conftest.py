"""Fixtures for the evidence store's tests.

Everything built here is SYNTHETIC: a tiny made-up data package (invented
hospitals, figures and example.org URLs) that exercises the store. It never
enters data/.

``store`` is parametrised over SQLite (a file in tmp_path) and PostgreSQL (a
fresh database per test module, from ``TRANSPLANT_AUDIT_TEST_PG_URL``). Without
that variable or a reachable server the PostgreSQL cases skip with the reason;
under ``CI=true`` that is a failure instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pg_database import fresh_database
from transplant_audit.evidence.frames import COLUMNS, Evidence


def _sid(url: str) -> str:
    return "src_" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]


def _hid(prefix: str, text: str) -> str:
    return prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


SYN_URLS = [
    "https://example.org/synthetic/report-a",
    "https://example.org/synthetic/hospital-b",
    "https://example.org/synthetic/news-c",
]
S1, S2, S3 = (_sid(u) for u in SYN_URLS)
OBS = {k: _hid("obs_", k) for k in ("beds_a_1", "beds_a_2", "tx_a", "national", "beds_b")}


def synthetic_frames() -> dict[str, pd.DataFrame]:
    """A small, valid, entirely synthetic package as text frames (resource -> frame)."""
    rows: dict[str, list[list[str]]] = {
        "sources": [
            [
                S1,
                SYN_URLS[0],
                "Synthetic report A",
                "Example Publisher",
                "investigators",
                "2016",
                "2024-01-02",
                "en",
                "report",
                "",
                "synthetic test source",
            ],
            [
                S2,
                SYN_URLS[1],
                "Synthetic hospital page B",
                "Example Hospital",
                "hospital",
                "2015-05",
                "",
                "zh",
                "hospital_site",
                "",
                "",
            ],
            [
                S3,
                SYN_URLS[2],
                "Synthetic news C",
                "Example News",
                "state_media",
                "2017-03-04",
                "",
                "zh",
                "news",
                "",
                'has a, comma and "quotes"',
            ],
        ],
        "hospitals": [
            [
                "syn_alpha",
                "Synthetic Alpha Central Hospital",
                "合成甲中心医院",
                "Tianjin",
                "Tianjin",
                "false",
                "true",
                "liver;kidney",
                "2007",
                "liver;kidney",
                S1,
                "",
                "syn_alpha_old;Synthetic Alpha No. 1 Hospital",
            ],
            [
                "syn_beta",
                "Synthetic Beta PLA Hospital",
                "合成乙医院",
                "Beijing",
                "Beijing",
                "true",
                "false",
                "",
                "",
                "kidney",
                S2,
                "synthetic",
                "",
            ],
        ],
        "observations": [
            [
                OBS["beds_a_1"],
                "syn_alpha",
                "transplant_beds",
                "",
                "",
                "",
                "2006",
                "500",
                "exact",
                "beds",
                S1,
                "p. 12",
                "extracted",
                "",
                "transplant_ward",
            ],
            [
                OBS["beds_a_2"],
                "syn_alpha",
                "transplant_beds",
                "",
                "",
                "",
                "2006",
                "700",
                "approx",
                "beds",
                S3,
                "para 3",
                "extracted",
                "conflicts with report A",
                "building",
            ],
            [
                OBS["tx_a"],
                "syn_alpha",
                "transplants_in_period",
                "liver",
                "2005-01",
                "2005-12",
                "",
                "330",
                "at_least",
                "transplants",
                S2,
                "table 1",
                "disputed",
                "",
                "",
            ],
            [
                OBS["national"],
                "national",
                "transplants_in_period",
                "all",
                "2010",
                "2010",
                "",
                "10000",
                "approx",
                "transplants",
                S1,
                "ch. 2",
                "extracted",
                "",
                "",
            ],
            [
                OBS["beds_b"],
                "syn_beta",
                "bed_occupancy_rate",
                "",
                "",
                "",
                "2012",
                "1.25",
                "exact",
                "fraction",
                S2,
                "",
                "disputed",
                "",
                "",
            ],
        ],
        "official_series": [
            [
                _hid("off_", "d2015"),
                "deceased_donors",
                "2015",
                "2766",
                "donors",
                "exact",
                "false",
                S3,
                "para 1",
                "",
                "false",
            ],
        ],
        "claims": [
            [
                _hid("clm_", "c1"),
                "transplants_per_year",
                "Synthetic Claimant",
                "investigators",
                "2016",
                "2016",
                "60000",
                "100000",
                "transplants",
                "approx",
                S1,
                "p. 1",
                "",
            ],
        ],
        "assumptions": [
            [
                "syn_occupancy",
                "triangular",
                "0.8",
                "1",
                "1.5",
                "fraction",
                "all hospitals",
                "synthetic assumption for tests",
                f"{S1};{S2}",
            ],
        ],
        "reference_series": [
            [
                _hid("ref_", "r1"),
                "Spain",
                "deceased_donors",
                "2015",
                "1851",
                "donors",
                S1,
                "table 3",
                "",
            ],
        ],
        "licences": [
            [
                _hid("lic_", "l1"),
                "syn_alpha",
                "liver",
                "Synthetic list of licensed hospitals",
                "2007",
                "true",
                S1,
                "list item 3",
                "",
            ],
            [
                _hid("lic_", "l2"),
                "syn_beta",
                "kidney",
                "Synthetic list of licensed hospitals",
                "2007",
                "false",
                S1,
                "whole list",
                "absent from a list that names every kidney centre of its province",
            ],
        ],
    }
    return {name: pd.DataFrame(rows[name], columns=COLUMNS[name]) for name in COLUMNS}


def write_synthetic_package(path: Path, edit: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write the synthetic package (optionally with some resources replaced) to ``path``."""
    from transplant_audit.evidence.package import write_package

    frames = synthetic_frames()
    frames.update(edit or {})
    write_package(Evidence(**frames), path)
    return path


@pytest.fixture()
def synthetic_package(tmp_path: Path) -> Path:
    """A valid synthetic data package directory."""
    return write_synthetic_package(tmp_path / "synthetic-package")


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL database for this test module (dropped afterwards)."""
    with fresh_database("ta_store_") as url:
        yield url


def _empty_all_tables(url: str) -> None:
    from sqlalchemy import create_engine, text

    from transplant_audit.evidence.all_tables import metadata

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            names = [t.name for t in metadata.sorted_tables]
            existing = set(
                conn.scalars(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                )
            )
            present = [n for n in names if n in existing]
            if present:
                conn.execute(text("TRUNCATE " + ", ".join(f'"{n}"' for n in present) + " CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty store: a SQLite file, or the module's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'home' / 'store.sqlite'}"
    url = request.getfixturevalue("pg_url")
    _empty_all_tables(url)
    return url


@pytest.fixture()
def store(store_url: str) -> Iterator[object]:
    """An open, empty, migrated store on each backend."""
    from transplant_audit.evidence.store import Store

    s = Store.open(url=store_url)
    try:
        yield s
    finally:
        s.close()


class SyntheticKit:
    """The synthetic package's helpers and ids, handed to tests as the ``syn`` fixture."""

    OBS = OBS
    S1, S2, S3 = S1, S2, S3
    frames = staticmethod(synthetic_frames)
    write = staticmethod(write_synthetic_package)

    @property
    def rows(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in synthetic_frames().items()}


@pytest.fixture(scope="session")
def syn() -> SyntheticKit:
    """Helpers for the SYNTHETIC test package (frames, writer, ids)."""
    return SyntheticKit()


@pytest.fixture()
def quick_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import validates with our own rules only, skipping Frictionless's slower pass.

    For tests of the store's mechanics; the bad-input catalogue and the CLI tests
    keep the full validation that ``transplant-audit import`` runs.
    """
    from functools import partial

    from transplant_audit.evidence import package

    monkeypatch.setattr(
        package, "validate_package", partial(package.validate_package, frictionless=False)
    )
