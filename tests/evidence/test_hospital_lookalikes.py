"""Hospital names typed with full-width letters, zero-width or bidi characters, or letters
from another script (x7's adversarial audit).

A Chinese keyboard in full-width mode types ``Ｔｉａｎｊｉｎ``; text pasted from a web page
can carry U+200B or U+202E. On main these found nothing, and full-width got no "did you
mean" either. Now the query is NFKC-normalised and stripped of format characters before
matching. A Cyrillic look-alike (``Сentral`` with U+0421) is a different name: it is never
matched silently, only suggested.
"""

from __future__ import annotations

import pytest

from transplant_audit.errors import ConfigError
from transplant_audit.evidence.commands import find_hospital
from transplant_audit.evidence.load import read_bundled


@pytest.fixture(scope="module")
def evidence():
    return read_bundled()


@pytest.mark.parametrize(
    "query",
    [
        "Ｔｉａｎｊｉｎ Ｆｉｒｓｔ Ｃｅｎｔｒａｌ",  # full-width Latin
        "Tianjin First\u200b Central",  # zero-width space
        "\u202aTianjin First Central\u202c",  # bidi embedding
        "\ufefftianjin_first_central",  # a BOM pasted in front of the id
        "Tianjin\u00a0First Central",  # no-break space
    ],
    ids=["fullwidth", "zero-width", "bidi", "bom-id", "nbsp"],
)
def test_normalised_query_finds_the_hospital(evidence, query: str) -> None:
    assert find_hospital(evidence, query)["id"] == "tianjin_first_central"


def test_a_cyrillic_lookalike_is_suggested_never_matched(evidence) -> None:
    with pytest.raises(ConfigError, match="did you mean: tianjin_first_central"):
        find_hospital(evidence, "Tianjin First \u0421entral")
