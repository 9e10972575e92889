"""Fixtures of the extraction tests: synthetic documents built in memory."""

from __future__ import annotations

import io

import pytest


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
