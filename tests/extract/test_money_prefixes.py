"""The conversion test reads a currency prefix as the rules read the currency before a
number (money._currency_before, patterns.CURRENCY_PREFIX_UNITS and HK$): one source, no
second list of prefixes in money.py. Synthetic inputs only (misc13)."""

from __future__ import annotations

import pytest

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.money import _converts_a_figure, _currency_before


def _conversion_read_alone(pre: str) -> bool:
    """Whether '(1,000' after '{pre}8,000 ' is read when nothing before it was: a conversion
    of an amount the rules read (and left out) is no figure."""
    norm = f"the seller got {pre}8,000 (1,000"
    return _converts_a_figure(norm, norm.rindex("1,000"), [])


@pytest.mark.parametrize("pre", ["$", "us$", "hk$", "rmb", "rmb ", "rmb¥", "rmb ¥", "¥"])
def test_a_conversion_of_an_amount_in_a_read_currency_is_no_figure(pre: str) -> None:
    assert _currency_before(pre, len(pre))
    assert not _conversion_read_alone(pre)


@pytest.mark.parametrize("pre", ["nt$", "s$", "a$", "c$", "£", "€"])
def test_a_conversion_of_an_amount_in_another_currency_is_read(pre: str) -> None:
    assert not _currency_before(pre, len(pre))
    assert _conversion_read_alone(pre)


def test_every_prefix_key_binds_a_currency() -> None:
    for key, kind in pat.CURRENCY_PREFIX_UNITS.items():
        assert _currency_before(key, len(key)) == kind
