"""Fixtures for the capture tests. Every document made here is SYNTHETIC (invented text).

The pages imitate what investigators capture: Chinese hospital pages in GB2312,
GBK, GB18030 and Big5, an English page, a small PDF-like file and a PNG header.
"""

from __future__ import annotations

from pathlib import Path

ZH_SIMPLIFIED = "器官移植中心简介：本中心开展肝移植、肾移植，年手术量约 {n} 例。"
ZH_TRADITIONAL = "器官移植中心簡介：本中心開展肝移植、腎移植，年手術量約 {n} 例。"


def html(body: str, charset: str, title: str = "移植中心", declare: bool = True) -> bytes:
    """A synthetic HTML page encoded in ``charset`` (optionally declaring it in <meta>)."""
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if declare
        else ""
    )
    page = (
        f'<!DOCTYPE html><html lang="zh"><head>{meta}<title>{title}</title></head>'
        f"<body><p>{body}</p></body></html>"
    )
    return page.encode(charset)


def make_documents(directory: Path) -> dict[str, Path]:
    """Write a set of synthetic documents and return them by name."""
    directory.mkdir(parents=True, exist_ok=True)
    docs = {
        "gb2312.html": html(ZH_SIMPLIFIED.format(n=1200) * 4, "gb2312"),
        "gbk.html": html(ZH_SIMPLIFIED.format(n=2100) * 4 + "镕", "gbk"),
        "gb18030.html": html(ZH_SIMPLIFIED.format(n=3300) * 4, "gb18030"),
        "big5.html": html(ZH_TRADITIONAL.format(n=800) * 4, "big5", title="移植中心"),
        "undeclared-gbk.html": html(ZH_SIMPLIFIED.format(n=450) * 6, "gbk", declare=False),
        "english.html": html(
            "The centre performed about 500 liver transplants.", "utf-8", title="Transplant centre"
        ),
        "report.pdf": b"%PDF-1.4\n% synthetic\n1 0 obj << /Type /Catalog >> endobj\n"
        + bytes(range(256)) * 4
        + b"\n%%EOF\n",
        "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3,
        "notes.txt": "Synthetic notes: 肝移植 1,234 例\n".encode(),
    }
    out = {}
    for name, data in docs.items():
        path = directory / name
        path.write_bytes(data)
        out[name] = path
    return out
