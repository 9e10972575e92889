"""The documentation's relative links resolve (tools/check_doc_links.py): docs/extract.md and
docs/extract-history.md link each other's sections by anchor, so a renamed heading or a moved
section must fail here rather than leave a dead link."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def links() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_doc_links", ROOT / "tools" / "check_doc_links.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heading_ids_follow_github(links: ModuleType) -> None:
    md = (
        "# Run-on texts: time linear (perf13, 2026-12-06)\n"
        "## What `extract` does\n"
        "### heldout5's tune half\n"
        "```\n# not a heading\n```\n"
        "## Notes\n## Notes\n"
    )
    assert links.heading_ids(md) == {
        "run-on-texts-time-linear-perf13-2026-12-06",
        "what-extract-does",
        "heldout5s-tune-half",
        "notes",
        "notes-1",
    }


def test_a_broken_anchor_and_a_missing_file_are_reported(links: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# Kept heading\n", encoding="utf-8")
    a = tmp_path / "a.md"
    a.write_text(
        "# A\n[ok](b.md#kept-heading) [self](#a) [web](https://example.org/x#y)\n"
        "[gone](b.md#moved-heading) [nofile](c.md)\n",
        encoding="utf-8",
    )
    found = links.broken_links(a)
    assert len(found) == 2
    assert "b.md#moved-heading: no such heading" in found[0]
    assert "c.md: no such file" in found[1]
    assert links.main([str(a)]) == 1
    assert links.main([str(tmp_path / "absent.md")]) == 2


def test_the_documentation_links_resolve(links: ModuleType) -> None:
    files = links.default_files()
    assert ROOT / "docs" / "extract-history.md" in files
    assert [line for f in files for line in links.broken_links(f)] == []


def test_code_spans_are_not_links_and_titled_links_are_checked(
    links: ModuleType, tmp_path: Path
) -> None:
    a = tmp_path / "a.md"
    a.write_text(
        "# A\nWrite `[x](nofile.md)` or ``[y](`gone`.md)``, wrapped `[z](\nnone.md)`.\n\n"
        '[titled](a.md#nope "A title") [kept](<a.md#a>)\n',
        encoding="utf-8",
    )
    assert links.broken_links(a) == [f"{a}: a.md#nope: no such heading"]


def test_hostile_markdown_is_read_in_linear_time(links: ModuleType, tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    a.write_text("`" * 50_000 + "](" * 50_000 + "`a\n" * 20_000, encoding="utf-8")
    start = time.perf_counter()
    assert links.broken_links(a) == []
    # 0.03 s now, 32 s with the quadratic regexes of 8152217 (both give []): only the time
    # can tell them apart, and 5 s leaves room for a loaded machine
    assert time.perf_counter() - start < 5
