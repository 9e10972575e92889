"""The report in another language: headline, section titles, methods summary and glossary.

``load_translation(tag)`` reads ``i18n/<tag>.json`` (a BCP 47 tag, as ``extract``
uses: ``zh-Hans``); ``localize(report, translation)`` applies it to the report
model. Only words change: every number, link and anchor stays as in English
(labels are translated by patterns that carry their numbers over), and text
without a translation stays in English. Pure apart from reading the JSON.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from transplant_audit.errors import ConfigError
from transplant_audit.report.model import Headline, Para, Report, Section, Table

DEFAULT_LANG = "en"


def available_languages() -> list[str]:
    """BCP 47 tags the report can be written in."""
    folder = resources.files("transplant_audit.report").joinpath("i18n")
    tags = [p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")]
    return [DEFAULT_LANG, *sorted(tags)]


def load_translation(tag: str) -> dict[str, Any] | None:
    """The translation for ``tag`` (None for English); an unknown tag is a ConfigError."""
    if tag == DEFAULT_LANG:
        return None
    known = available_languages()
    if tag not in known:
        raise ConfigError(f"--lang {tag!r}: the report is available in {', '.join(known)}")
    path = resources.files("transplant_audit.report").joinpath("i18n", f"{tag}.json")
    return json.loads(path.read_text("utf-8"))


def _translator(patterns: list[list[str]]):  # noqa: ANN202 - a str -> str function
    compiled = [(re.compile(p), r) for p, r in patterns]

    def translate(text: str) -> str:
        for pattern, replacement in compiled:
            if pattern.fullmatch(text):
                return pattern.sub(replacement, text)
        return text

    return translate


def localize(report: Report, tr: dict[str, Any]) -> Report:
    """Translate ``report`` in place with ``tr`` (from ``load_translation``) and return it."""
    translate = _translator(tr.get("titles", []))
    report.lang = tr["lang"]
    report.title, report.subtitle = tr["title"], tr["subtitle"]
    report.ui = dict(tr.get("ui", {}))
    for section in report.sections:
        section.title = translate(section.title)
        for block in section.blocks:
            if isinstance(block, Headline):
                for item in block.items:
                    item.label = translate(item.label)
        if section.id == "headline" and report.ui.get("english_note"):
            section.blocks.append(Para([report.ui["english_note"]], kind="caveat"))
        if section.id == "methods" and tr.get("methods_summary"):
            section.blocks[0:0] = [Para([text]) for text in tr["methods_summary"]]
    if tr.get("glossary"):
        report.sections.append(_glossary(tr))
    return report


def _glossary(tr: dict[str, Any]) -> Section:
    import pandas as pd

    title = tr.get("glossary_title", "Glossary")
    columns = tr.get("glossary_columns", ["English", tr["lang"], "meaning"])
    terms = pd.DataFrame(tr["glossary"], columns=columns)
    return Section("glossary", title).add(
        Table(name="glossary", title=title, data=terms, export=False)
    )
