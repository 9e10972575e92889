"""``bench_extract_speed.py --method span`` and ``profile_extract.py --method span`` time
``combined`` with the span stage forced on: the setting must turn the stage on whatever the
stored model says. The stored model may run the stage itself (6dd53d8: keep 0, add 0.9, the
same as ``SPAN_ON``; 6ad9b0b: keep 0, add 0.95), so the tests start from the model with the
stage switched off: on a stored model with the stage on, they would pass with an empty setting."""

from __future__ import annotations

import dataclasses

from transplant_audit.extract import learned

from .conftest import load_benchmark


def _bench_module():  # noqa: ANN202
    return load_benchmark("bench_extract_speed")


def _stage_off() -> learned.Model:
    """The stored model with the span stage off (keep 0 vetoes nothing, add above 1 adds
    nothing): what ``SPAN_ON`` must turn on."""
    model = dataclasses.replace(learned.load_model(), keep_threshold=0.0, add_threshold=1.1)
    assert not model.span_stage
    return model


def test_span_setting_turns_the_span_stage_on() -> None:
    model = dataclasses.replace(_stage_off(), **_bench_module().SPAN_ON)
    assert model.span_stage


def test_span_setting_scores_the_numbers_the_rules_left(monkeypatch) -> None:  # noqa: ANN001
    """Through ``extractor("span")``, the builder both benchmarks time: SPAN_ON must reach
    the model it runs, not only the constant."""
    stage_off = _stage_off()
    monkeypatch.setattr(learned, "load_model", lambda *a, **k: stage_off)
    run = _bench_module().extractor("span")
    asked: list[int] = []
    score = learned.score_spans

    def counted(model, norm, spans, lang, cues=None):  # noqa: ANN001, ANN202
        asked.append(len(spans))
        return score(model, norm, spans, lang, cues)

    monkeypatch.setattr(learned, "score_spans", counted)
    text = "2018年该院完成肝移植120例,共有床位56张,医生12名。"  # SYNTHETIC
    run(text)
    assert asked and sum(asked) > 0  # 2018 at least is a number the rules left


def test_profile_reports_the_sampling_interval_it_had(capsys) -> None:  # noqa: ANN001
    """The CPU timer samples no more often than the kernel's tick (1-10 ms on Linux): asked
    for one sample per 0.01 ms, the header says how often it really sampled (CPU time over
    samples), not the interval asked. Timed on the rules: the loop looks at the clock only
    after each round of the dense pages (about 0.1 s of the rules), so it stops within the
    0.6 s allowed; with a learned method, the profiler's default since bench24, a round takes
    twice as long and overshot it in CI (52 samples, 0.76 s)."""
    mod = load_benchmark("profile_extract")
    argv = ["--method", "rules", "--seconds", "0.3", "--top", "1", "--interval-ms", "0.01"]
    assert mod.main(argv) == 0
    head = capsys.readouterr().out.splitlines()[0]
    samples = int(head.split(": ")[1].split(" samples")[0])
    had = float(head.split("one per ")[1].split(" ms")[0])
    assert samples >= 1 and had > 0.1  # ten times the 0.01 asked at least
    assert 300 / samples <= had * 1.01 and had <= 2 * 300 / samples  # 0.3-0.6 s sampled


def test_speed_benchmark_times_the_clis_default_method_by_default(monkeypatch) -> None:  # noqa: ANN001
    """What ``bench_extract_speed.py`` and ``profile_extract.py`` time unless told is the
    method a user's ``extract`` runs, read from ``learned.DEFAULT_METHOD`` whatever a retrain
    stores there (they timed the rules alone while the default was ``combined`` and then
    ``learned``)."""
    mod = _bench_module()
    assert learned.DEFAULT_METHOD in mod.METHODS
    for default in ("rules", "combined", "learned"):
        monkeypatch.setattr(learned, "DEFAULT_METHOD", default)
        assert mod.default_method() == default


def test_learned_is_timed_as_the_learned_method(methods_extracted) -> None:  # noqa: ANN001
    """``extractor("learned")`` runs ``learned.extract`` with method ``learned`` (not
    ``combined``, which it ran for every non-rules method before)."""
    seen = methods_extracted
    _bench_module().extractor("learned")("2018年该院完成肝移植120例。")  # SYNTHETIC
    _bench_module().extractor("combined")("2018年该院完成肝移植120例。")  # SYNTHETIC
    assert seen == ["learned", "combined"]
