"""``bench_extract_speed.py --method span`` and ``profile_extract.py --method span`` time
``combined`` with the span stage forced on: the setting must turn the stage on. The stored
model's stage rule decides whether the stage is on (off as of perf14, on since 2dee09b), so
the setting is applied here to the stored model with the stage turned off first: a setting
that failed to turn it on would time the rules twice, whatever the stored model says."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

from transplant_audit.extract import learned

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _bench_module():  # noqa: ANN202
    sys.path.insert(0, str(BENCH))  # the script imports its neighbour bench_extract
    spec = importlib.util.spec_from_file_location(
        "bench_extract_speed", BENCH / "bench_extract_speed.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _stage_off() -> learned.Model:
    """The stored model with the span stage off (keep 0, add above 1: the stage rule's off)."""
    model = dataclasses.replace(learned.load_model(), keep_threshold=0.0, add_threshold=1.5)
    assert not model.span_stage
    return model


def test_span_setting_turns_the_span_stage_on() -> None:
    model = dataclasses.replace(_stage_off(), **_bench_module().SPAN_ON)
    assert model.span_stage


def test_span_setting_scores_the_numbers_the_rules_left(monkeypatch) -> None:  # noqa: ANN001
    model = dataclasses.replace(_stage_off(), **_bench_module().SPAN_ON)
    asked: list[int] = []
    score = learned.score_spans

    def counted(model, norm, spans, lang, cues=None):  # noqa: ANN001, ANN202
        asked.append(len(spans))
        return score(model, norm, spans, lang, cues)

    monkeypatch.setattr(learned, "score_spans", counted)
    text = "2018年该院完成肝移植120例,共有床位56张,医生12名。"  # SYNTHETIC
    learned.extract(text, method="combined", model=model)
    assert asked and sum(asked) > 0  # 2018 at least is a number the rules left
