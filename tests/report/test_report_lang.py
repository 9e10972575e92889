"""``report --lang zh-Hans`` (issue 18, item 10): Chinese headline, section titles, methods
summary and glossary; numbers, links and anchors identical to English. SYNTHETIC evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from transplant_audit.errors import ConfigError
from transplant_audit.report import pdf as pdf_mod
from transplant_audit.report.build import write_report
from transplant_audit.report.localize import available_languages, load_translation, localize

from .conftest import synthetic_report

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d[\d,.]*")


def _build(lang: str):  # noqa: ANN202 - Report
    rep = synthetic_report()
    tr = load_translation(lang)
    return localize(rep, tr) if tr else rep


def _body(html: str) -> str:
    html = re.sub(r"<header.*?</header>", " ", html, flags=re.S)  # time of the run
    return re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = {}
    for lang in ("en", "zh-Hans"):
        where = tmp_path_factory.mktemp(lang) / "report"
        write_report(_build(lang), where, pdf=False)
        out[lang] = (where / "index.html").read_text("utf-8")
    return out


def test_headline_titles_methods_and_glossary_are_in_chinese(pages: dict[str, str]) -> None:
    zh = pages["zh-Hans"]
    assert '<html lang="zh-Hans">' in zh and '<html lang="en">' in pages["en"]
    titles = re.findall(r'<h2 id="[^"]+-title">(.*?)</h2>', zh)
    untranslated = [t for t in titles if not CJK.search(t)]
    assert titles and not untranslated, f"add to report/i18n/zh-Hans.json: {untranslated}"
    assert "要点" in titles[0]  # the headline
    labels = re.findall(r'<div class="label">([^<]*)', zh)
    untranslated = [label for label in labels if not CJK.search(label)]
    assert labels and not untranslated, f"add to report/i18n/zh-Hans.json: {untranslated}"
    assert "蒙特卡洛模拟" in zh and "术语表" in zh and "方法与假设" in zh


def test_numbers_links_and_anchors_are_the_same_as_in_english(pages: dict[str, str]) -> None:
    en, zh = _body(pages["en"]), _body(pages["zh-Hans"])
    for pattern in (r'href="([^"]+)"', r'\sid="([^"]+)"'):
        only_zh = set(re.findall(pattern, zh)) - set(re.findall(pattern, en))
        assert set(re.findall(pattern, en)) <= set(re.findall(pattern, zh))
        assert only_zh <= {"#glossary", "glossary", "glossary-title"}, only_zh
    text_en = NUMBER.findall(re.sub(r"<[^>]+>", " ", en))
    text_zh = NUMBER.findall(re.sub(r"<[^>]+>", " ", zh))
    assert set(text_en) == set(text_zh)


def test_an_unknown_language_is_refused_naming_the_known_ones() -> None:
    assert available_languages() == ["en", "zh-Hans"]
    with pytest.raises(ConfigError, match="zh-Hans"):
        load_translation("fr")


def test_the_chinese_pdf_shows_chinese_titles(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    one = pdf_mod.chart_png(
        {"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}}
    )
    monkeypatch.setattr(pdf_mod, "chart_png", lambda spec: one)
    path = tmp_path / "report.pdf"
    pdf_mod.render_pdf(_build("zh-Hans"), path, version="test")
    reader = PdfReader(path)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "方法与假设" in top and "术语表" in top
