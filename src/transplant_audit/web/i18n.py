"""The interface language: English or Chinese, from a ``lang`` cookie or the browser.

Catalogues are Babel/gettext files in ``locales/<lang>/LC_MESSAGES/messages.po``,
compiled to ``messages.mo`` (committed; rebuild with
``pybabel compile -d src/transplant_audit/web/locales``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT = "en"


@functools.cache
def translations(lang: str) -> NullTranslations:
    return Translations.load(str(LOCALES_DIR), [lang], domain="messages")


def choose(cookie: str | None, accept_language: str | None) -> str:
    """``cookie`` when it names a language we have, else the browser's first we have."""
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        base = tag.split("-")[0]
        if base in LANGUAGES:
            return base
    return DEFAULT
