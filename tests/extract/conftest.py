"""Fixtures of the extraction tests: synthetic documents built in memory."""

from __future__ import annotations

import io

import pytest

from pg_database import fresh_database


def make_pdf(pages: list[str]) -> bytes:
    """A small synthetic PDF with one line of text per page (reportlab)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    return make_pdf(
        [
            "Synthetic test page. The hospital has 1,500 beds.",
            "It performed 300 liver transplants in 2015.",
        ]
    )


# --- stores for the review tests: SQLite always, PostgreSQL when configured ---------------


@pytest.fixture()
def pg_review_url():  # type: ignore[no-untyped-def]
    """A fresh PostgreSQL database for one test (dropped afterwards)."""
    with fresh_database("ta_review_") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def review_store(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    """An empty store with one synthetic source and one synthetic hospital."""
    from transplant_audit.evidence.schema import Hospital, Source
    from transplant_audit.evidence.store import Store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        url = request.getfixturevalue("pg_review_url")
    store = Store.open(url=url)
    with store.session(write=True) as s:
        s.add(
            Source(
                id=SYN_SOURCE,
                url="https://example.org/synthetic/extract-test",
                title="synthetic",
                party="other",
                kind="web",
            )
        )
        s.flush()
        s.add(
            Hospital(
                id=SYN_HOSPITAL,
                name_en="Dongjiang First People's Hospital (synthetic)",
                name_zh="东江市第一人民医院",
                province="",
                city="",
                military=False,
                source_id=SYN_SOURCE,
            )
        )
    yield store
    store.close()


SYN_SOURCE = "src_00000e0001"
SYN_HOSPITAL = "hosp_synthetic_dongjiang"
SYN_TEXT = (
    "东江市第一人民医院器官移植中心（合成测试文本）现有移植病床86张。"
    "截至2016年底累计完成肝移植1300余例。"
)
