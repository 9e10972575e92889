"""bench_extract.py names the held-out sets from the trainer's ``HALF_SETS``, not a list of
its own: a set joined by halves is scored by ``--values`` with its halves, and a half of a
set not tuned on by half (heldout2, a blind set) is no name ``load_realtext`` knows. The two
identity checks leave heldout8.json and every later heldoutN.json unopened by one rule
(``extract_identity.is_blind``), not two hand lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import load_benchmark


def test_value_only_sets_follow_the_trainers_half_sets() -> None:
    bench = load_benchmark("bench_extract")
    names = bench.value_only_sets()
    for name in bench._trainer().HALF_SETS:
        n = name.removeprefix("heldout")
        assert {name, f"h{n}-tune", f"h{n}-check"} <= set(names), name
    assert names[-4:] == ["heldout2", "heldout", "dev", "dev2"]


def test_the_status_line_follows_the_lists() -> None:
    """What the real-text table says each set has been through comes from
    ``SCORED_NOT_JOINED`` and the trainer's ``HALF_SETS``, not a hand list that goes stale."""
    bench = load_benchmark("bench_extract")
    joined = bench._trainer().HALF_SETS
    line = bench._status_line(False)
    for name in bench.SCORED_NOT_JOINED:
        assert f"{name} scored blind once and not yet read" in line
    assert f"{joined[-1]} to {joined[0]} each scored blind once, then joined" in line
    assert bench._status_line(True) == "dev and dev2 tuned on"


def test_a_half_of_a_set_not_tuned_by_half_is_refused() -> None:
    bench = load_benchmark("bench_extract")
    assert "heldout2" not in bench._trainer().HALF_SETS
    with pytest.raises(FileNotFoundError):
        bench.load_realtext("h2-tune")


def test_identity_checks_leave_heldout8_and_every_later_set_unopened() -> None:
    identity = load_benchmark("extract_identity")
    blind = ["heldout8.json", "heldout12.json", "heldout13.json", "heldout100.json"]
    assert all(identity.is_blind(n) for n in blind)
    assert not any(identity.is_blind(n) for n in ("heldout7.json", "heldout.json", "dev2.json"))
    assert not any(identity.is_blind(p.name) for p in identity.SETS)


def test_confidence_identity_never_opens_a_blind_file(tmp_path: Path) -> None:
    """On a stand-in tests/extract (never the real blind files): a blind file that is no JSON
    fails the run if it is opened."""
    (tmp_path / "realtext").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "realtext" / "heldout7.json").write_text("[]", encoding="utf-8")
    (tmp_path / "realtext" / "heldout13.json").write_text("blind", encoding="utf-8")
    conf = load_benchmark("confidence_identity")
    conf.TESTS = tmp_path
    assert "realtext/heldout7.json" in conf.documents()


def test_the_real_text_table_scores_the_default_method_first(monkeypatch) -> None:  # noqa: ANN001
    """The row that decides whether the targets are met is the default method's: with
    ``learned`` the default (9b20719) the table scored only the rules and ``combined``, so no
    row could find the targets unmet. Each method once, whatever the default is."""
    from transplant_audit.extract import learned

    bench = load_benchmark("bench_extract")
    assert bench.realtext_methods()[0] == learned.DEFAULT_METHOD
    assert set(bench.realtext_methods()) == {"learned", "rules", "combined"}
    for default in ("rules", "combined", "learned"):
        monkeypatch.setattr(learned, "DEFAULT_METHOD", default)
        methods = bench.realtext_methods()
        assert methods[0] == default and len(methods) == len(set(methods)) == 3


def test_the_throughput_section_times_the_default_method(monkeypatch, request) -> None:  # noqa: ANN001
    """The extractor timed (one process and the worker pool) is the default method's,
    whatever the default is, and pickles for the pool (``default_extractor``)."""
    import pickle

    from transplant_audit.extract import learned

    bench = load_benchmark("bench_extract")
    text = "2018年该院完成肝移植120例。"  # SYNTHETIC
    assert pickle.loads(pickle.dumps(bench.default_extractor()))(text) == learned.extract(text)
    seen = request.getfixturevalue("methods_extracted")
    for default in ("rules", "combined", "learned"):
        monkeypatch.setattr(learned, "DEFAULT_METHOD", default)
        bench.default_extractor()(text)
    assert seen == ["rules", "combined", "learned"]


def test_a_set_scored_blind_and_not_joined_is_the_headline() -> None:
    """A set scored blind once and not yet joined by half (``SCORED_NOT_JOINED``: no model or
    rule has read it) is scored first by the table and ``--values`` (its row decides whether
    the targets are met) and its confidence is after the fact; it is never one of the
    trainer's ``HALF_SETS``, and it is read whole (no halves). With none, the newest set
    joined by half comes first."""
    bench = load_benchmark("bench_extract")
    blind = bench.SCORED_NOT_JOINED
    assert not set(blind) & set(bench._trainer().HALF_SETS)
    newest = bench._trainer().HALF_SETS[-1]
    assert bench.value_only_sets()[: len(blind) + 1] == [*blind, newest]
    assert sorted(h for pool in bench.AFTER_THE_FACT.values() for h in pool) == sorted(blind)
    for name in blind:
        n = name.removeprefix("heldout")
        assert bench.load_realtext(name)
        with pytest.raises(FileNotFoundError):
            bench.load_realtext(f"h{n}-tune")


def test_the_rules_gap_refuses_a_set_not_joined_by_halves(capsys: pytest.CaptureFixture) -> None:
    """bench_rules_gap.py reads tune and check halves, so a set not joined by halves (heldout2,
    trained on whole; a blind set; an unknown one) is refused before any half is built; a
    joined set runs and prints both halves' figures."""
    bench = load_benchmark("bench_rules_gap")
    assert bench.main(["--groups", "2-2"]) == 2
    assert "heldout2 not joined" in capsys.readouterr().out
    assert bench.main(["--groups", "99-99"]) == 2
    assert "heldout99 not joined" in capsys.readouterr().out
    assert bench.main(["--groups", "27-28"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("heldout27-28: tune P ") and "| check P " in out
