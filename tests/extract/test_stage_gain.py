"""The paired page bootstrap the trainer's stage rule is decided by
(``train_extractor.paired_bootstrap``; benchmarks/bench_stage_gain.py calls the same function):
on per-page tallies written for the test, with answers known without running it. No real-text
set is read."""

from __future__ import annotations

import numpy as np
import pytest

from .conftest import TOOLS, import_script, load_benchmark
from .test_default_rule import pages  # n pages alike, (tp, fp, fn) per language


@pytest.fixture(scope="module")
def trainer():  # noqa: ANN201
    return import_script(TOOLS, "train_extractor")


BASE = [(7, 3, 3), (7, 3, 3), (7, 3, 3)]  # P 0.7, R 0.7 in every language
ONE_MORE = [(8, 3, 2), (8, 3, 2), (8, 3, 2)]  # one missed figure found in every language


def test_identical_methods_gain_nothing(trainer) -> None:  # noqa: ANN001
    base = np.array(
        [[(3, 1, 2), (1, 0, 1), (0, 0, 0)], [(2, 2, 0), (0, 1, 3), (4, 0, 0)]], dtype=np.int64
    )
    gain = trainer.paired_bootstrap(base, base.copy(), rounds=200, seed=1)
    assert gain.observed == 0.0
    assert np.all(gain.replicates == 0.0)
    assert (gain.low, gain.high, gain.above_zero) == (0.0, 0.0, 0.0)
    assert not gain.real


def test_a_gain_on_every_page_is_real(trainer) -> None:  # noqa: ANN001
    """A stage that finds one more figure on every page: every resample gains, so the
    whole interval is above 0."""
    gain = trainer.paired_bootstrap(pages(*BASE, n=30), pages(*ONE_MORE, n=30), rounds=300, seed=2)
    assert gain.observed > 0
    assert gain.replicates.shape == (300,)
    assert gain.low > 0 and gain.high >= gain.low
    assert gain.above_zero == 1.0
    assert gain.real


def test_a_gain_from_one_page_only_touches_zero(trainer) -> None:  # noqa: ANN001
    """The same stage helping on one page of 40 only, however much: about 36% of resamples
    ((39/40)**40) leave that page out and gain exactly nothing, so the 5th percentile is 0,
    not above it."""
    base = pages(*BASE, n=40)
    base[0] = [(7, 3, 43)] * 3  # a long page with 50 figures per language
    stage = base.copy()
    stage[0] = [(47, 3, 3)] * 3  # 40 more found on it
    gain = trainer.paired_bootstrap(base, stage, rounds=2000, seed=14)
    assert gain.observed > 0.05  # large, far above the old fixed bar of 0.005
    assert gain.low == pytest.approx(0.0)
    assert gain.high > 0
    assert 0.5 < gain.above_zero < 0.75
    assert not gain.real


def test_same_seed_same_result_other_seed_other_draws(trainer) -> None:  # noqa: ANN001
    """The rule must decide the same on a re-run: the same arrays and seed give the same
    replicates; another seed draws other pages (so the seed is really used)."""
    base = pages(*BASE, n=20)
    stage = base.copy()
    stage[:7] = ONE_MORE
    stage[7:10] = [(6, 4, 4)] * 3  # the stage hurts on three pages
    first = trainer.paired_bootstrap(base, stage, rounds=500, seed=5)
    again = trainer.paired_bootstrap(base, stage, rounds=500, seed=5)
    other = trainer.paired_bootstrap(base, stage, rounds=500, seed=6)
    assert np.array_equal(first.replicates, again.replicates)
    assert (first.low, first.high, first.above_zero) == (again.low, again.high, again.above_zero)
    assert not np.array_equal(first.replicates, other.replicates)
    assert (first.replicates > 0).any() and (first.replicates < 0).any()


def test_the_methods_are_resampled_together(trainer) -> None:  # noqa: ANN001
    """Paired: a stage that helps on half the pages and hurts as much on the other half has
    replicates on both sides of zero, centred on it; the gain of one method over another is
    the negative of the reverse."""
    missed = pages((3, 0, 1), (2, 0, 0), (2, 0, 0), n=10)
    found = pages((4, 0, 0), (2, 0, 0), (2, 0, 0), n=10)
    base, stage = np.concatenate([missed, found]), np.concatenate([found, missed])
    gain = trainer.paired_bootstrap(base, stage, rounds=400, seed=3)
    back = trainer.paired_bootstrap(stage, base, rounds=400, seed=3)
    assert gain.observed == pytest.approx(0.0)
    assert (gain.replicates > 0).any() and (gain.replicates < 0).any()
    assert np.allclose(gain.replicates, -back.replicates)


def test_bad_shapes_are_refused(trainer) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="one shape"):
        trainer.paired_bootstrap(pages(*BASE, n=3), pages(*BASE, n=4))
    with pytest.raises(ValueError, match="one shape"):
        trainer.paired_bootstrap(pages(*BASE, n=0), pages(*BASE, n=0))


def test_degenerate_bootstraps_are_refused(trainer) -> None:  # noqa: ANN001
    """One page resamples to itself (its gain would pass as certain: low = high = observed);
    no rounds, or a percentile at or past the median (low above high), decide nothing."""
    with pytest.raises(ValueError, match="2 pages or more"):
        trainer.paired_bootstrap(pages(*BASE, n=1), pages(*ONE_MORE, n=1))
    assert trainer.paired_bootstrap(pages(*BASE, n=2), pages(*ONE_MORE, n=2), rounds=10).real
    for bad in ({"rounds": 0}, {"percentile": 50.0}, {"percentile": 0.0}):
        with pytest.raises(ValueError, match="rounds >= 1"):
            trainer.paired_bootstrap(pages(*BASE, n=5), pages(*ONE_MORE, n=5), **bad)


def test_bench_refuses_no_rounds_before_reading_the_judge() -> None:
    bench = load_benchmark("bench_stage_gain")
    assert not hasattr(bench, "bootstrap_gain")  # the trainer's bootstrap only, no copy
    with pytest.raises(SystemExit) as stop:
        bench.main(["--rounds", "0"])
    assert stop.value.code == 2


def _cand(indicator: str, value: float):  # noqa: ANN202
    from transplant_audit.extract.context import Candidate

    return Candidate(indicator, "", value, "exact", "", "", "", 0, 1, "", 0, "", "", "")


def test_page_counts_are_the_scorers_tallies_by_page(trainer) -> None:  # noqa: ANN001
    """``page_counts`` adds each snippet's (tp, fp, fn) by (indicator, value within 2%) to its
    page's row, however the URL is spelled; summed over pages they are ``evaluate_values``'
    tallies (the one scorer), so the bootstrap resamples what the judge reports."""
    from transplant_audit.extract.evaluate import evaluate_values

    k, c = "transplants_in_period", "transplants_cumulative"
    snippets = [  # (url, language, gold, candidates)
        ("https://www.a.example/1/", "en", [{"indicator": k, "value": 100}], [_cand(k, 101)]),
        ("http://a.example/1", "zh-Hans", [{"indicator": c, "value": 50}], [_cand(k, 50)]),
        ("https://b.example/2", "en", [{"indicator": k, "value": 7}], []),
        ("https://b.example/2", "zh-Hant", [], [_cand(c, 3), _cand(k, 4)]),
    ]
    pages = sorted(set(trainer.page_keys(u for u, *_ in snippets)))
    assert pages == ["a.example/1", "b.example/2"]
    counts = trainer.page_counts(pages, iter(snippets))
    assert counts.shape == (2, 3, 3)
    en, hans, hant = (trainer.LANGUAGES.index(x) for x in ("en", "zh-Hans", "zh-Hant"))
    assert counts[0, en].tolist() == [1, 0, 0] and counts[0, hans].tolist() == [0, 1, 1]
    assert counts[1, en].tolist() == [0, 0, 1] and counts[1, hant].tolist() == [0, 2, 0]
    cands = {str(i): s[3] for i, s in enumerate(snippets)}
    docs = [
        {"id": str(i), "language": s[1], "text": str(i), "gold": s[2]}
        for i, s in enumerate(snippets)
    ]
    scorer = evaluate_values(docs, cands.__getitem__).by_language
    assert trainer.tallies_of(counts) == {lang: scorer.get(lang) for lang in trainer.LANGUAGES}


def test_judge_table_names_the_interval_it_shows(trainer, monkeypatch) -> None:  # noqa: ANN001
    """The printed table's interval is named from BOOTSTRAP_PERCENTILE, not written in."""
    from transplant_audit.extract import learned

    stored = learned.load_model().meta["judge"]
    assert "| 90% interval |" in trainer.markdown_table(stored).splitlines()[0]
    monkeypatch.setattr(trainer, "BOOTSTRAP_PERCENTILE", 2.5)
    assert "| 95% interval |" in trainer.markdown_table(stored).splitlines()[0]


@pytest.mark.usefixtures("f05_objective")
def test_rule_2_tests_and_chooses_stages_by_macro_f05(trainer) -> None:  # noqa: ANN001
    """pf18: rule 2 measures a stage's gain and chooses among acceptable variants in macro
    F0.5 (``DEFAULT_BETA``), not macro F1. On 50 pages alike, the re-labeller drops three
    false figures per language (P 0.722, R 0.7: F1 0.711, F0.5 0.717) and the span stage
    finds four more true and two more false (P 0.698, R 0.74: F1 0.718, F0.5 0.706): both
    gain in both figures on every page and keep rule 1's guard, so both are acceptable alone
    (with both on, nothing is gained over the span stage). By F1 the span stage would run;
    by F0.5 the re-labeller does."""
    off, relab, span, both = (False, False), (False, True), (True, False), (True, True)
    variants = {
        off: pages((70, 30, 30), n=50),
        relab: pages((70, 27, 30), n=50),
        span: pages((74, 32, 26), n=50),
        both: pages((74, 32, 26), n=50),
    }
    t = {v: trainer.tallies_of(c) for v, c in variants.items()}
    f1, f05 = trainer.macro_f1, trainer.macro_f_default
    assert f1(t[span]) > f1(t[relab]) > f1(t[off])
    assert f05(t[relab]) > f05(t[span]) > f05(t[off])
    assert trainer.eligible(t[span], t[off]) and trainer.eligible(t[relab], t[off])
    gains = trainer.stage_gains(variants)
    assert gains[(span, off)].observed == pytest.approx(f05(t[span]) - f05(t[off]))
    assert gains[(relab, off)].observed == pytest.approx(f05(t[relab]) - f05(t[off]))
    assert gains[(span, off)].real and gains[(relab, off)].real
    assert not gains[(both, span)].real
    assert trainer.decide_stages(variants) == relab
    assert trainer.decide_stages(variants, gains) == relab
    # handed the F1 tests (the same verdicts here), the choice is still by F0.5
    assert trainer.decide_stages(variants, trainer.stage_gains(variants, trainer.macro_f1)) == relab
    # a variant that breaks the synthetic corpus is no choice, whatever its gain: the next best
    assert trainer.decide_stages(variants, gains, {relab: False}) == span
    assert trainer.decide_stages(variants, gains, {relab: False, span: False}) == off
    assert trainer.decide_stages(variants, gains, {relab: True, span: False}) == relab


@pytest.mark.usefixtures("f05_objective")
def test_rule_2_refuses_a_stage_whose_f1_gain_is_real_and_f05_gain_is_not(trainer) -> None:  # noqa: ANN001
    """A stage trading precision for recall within rule 1's guard (en, zh-Hans, zh-Hant
    P 0.692, R 0.72 against 0.7 / 0.7): real in macro F1 on every page, a loss in macro
    F0.5, so rule 2 (pf18) leaves it off."""
    off, relab, span, both = (False, False), (False, True), (True, False), (True, True)
    rules, stage = pages((70, 30, 30), n=50), pages((72, 32, 28), n=50)
    variants = {off: rules, relab: rules, span: stage, both: stage}
    assert trainer.stage_gains(variants, trainer.macro_f1)[(span, off)].real
    assert not trainer.stage_gains(variants)[(span, off)].real
    assert trainer.decide_stages(variants) == off


def test_the_relabellers_setting_is_picked_among_those_that_keep_the_synthetic_corpus(
    trainer,  # noqa: ANN001
) -> None:
    """The CV's re-labeller rows are cut to the settings that keep the synthetic corpus, as
    the span stage's are; when no kept setting moves anything, all stay (the judge refuses
    the variant then)."""
    never = trainer.NEVER
    rows = [
        {"relabel_C": 1.0, "switch_threshold": 0.5, "drop_threshold": 0.5},
        {"relabel_C": 1.0, "switch_threshold": 0.9, "drop_threshold": never},
        {"relabel_C": 1.0, "switch_threshold": never, "drop_threshold": never},
    ]
    ok = {("span_relabel", 1.0, 0.5, 0.5): False, ("span_relabel", 1.0, 0.9, never): True}
    ok[("span_relabel", 1.0, never, never)] = True
    assert trainer.synthetic_rows(rows, "span_relabel", ok) == rows[1:]
    ok[("span_relabel", 1.0, 0.9, never)] = False
    assert trainer.synthetic_rows(rows, "span_relabel", ok) == rows


def test_the_judge_reads_each_variants_synthetic_verdict_from_the_cv_rows(trainer) -> None:  # noqa: ANN001
    """The judge refuses a variant by the verdict its CV row recorded (the span stage's from
    ``synthetic_check``, the re-labeller's from ``relabel_synthetic_ok``), not by checking the
    synthetic corpus a second time; a row without a verdict keeps it."""
    best = {
        "span": {"synthetic_ok": True},
        "relabel": {"synthetic_ok": True},
        "span_relabel": {"synthetic_ok": False},
    }
    off, relab, span, both = (False, False), (False, True), (True, False), (True, True)
    assert trainer.synthetic_verdicts(best) == {relab: True, span: True, both: False}
    del best["relabel"]["synthetic_ok"]
    assert trainer.synthetic_verdicts(best)[relab] is True
    assert off not in trainer.synthetic_verdicts(best)
