"""Would a (keep, add) pair per language beat the one pair the judge chooses? (issue 14)

Run:  python benchmarks/bench_language_pairs.py

Scores the stored span model on the judge (the pooled check halves of the joined sets, never
trained on; aggregate figures only) at every (keep, add) pair of the trainer's grids that runs
the span stage, set by set (``train_extractor.set_counts``), then cross-fits two choices by set
with the trainer's own ``choose_setting`` (each set decided at the pair chosen on the others):
the one pair for all languages, as the trainer chooses it, and a pair per language (the other
languages' counts zeroed, so the same function chooses by that language's F-beta alone). Prints
each choice's cross-fitted precision / recall per language and the objective (macro F-beta at
``DEFAULT_BETA``). The synthetic corpus check the trainer adds is left out here. Reads no blind
set.

Measured 2026-12-07 (main 8236610e's model, heldout3-29 judged: 2,660 snippets, 27 sets, 79 pairs;
11 s): one pair 0.7233 (en 0.742 / 0.634, zh-Hans 0.768 / 0.719, zh-Hant 0.787 / 0.691: the
trainer's cross-fitted figure to the digit), a pair per language 0.7185 (0.735 / 0.638, 0.770 /
0.717, 0.779 / 0.673): each language's own pair fits the other sets and loses on the one left out.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))


def cross_fitted(trainer, per_set: dict[tuple, np.ndarray]) -> np.ndarray:  # noqa: ANN001
    """(languages, 3) counts of each set decided at the pair ``choose_setting`` picks with
    that set left out. Pure."""
    _, left_out, _ = trainer.choose_setting(per_set)
    return sum(per_set[pair][i] for i, pair in enumerate(left_out))


def per_language(trainer, per_set: dict[tuple, np.ndarray]) -> np.ndarray:  # noqa: ANN001
    """``cross_fitted`` with a pair chosen for each language on its own counts. Pure."""
    out = np.zeros_like(next(iter(per_set.values()))[0])
    for k in range(len(trainer.LANGUAGES)):
        only = {}
        for pair, counts in per_set.items():
            one = np.zeros_like(counts)
            one[:, k] = counts[:, k]
            only[pair] = one
        out[k] = cross_fitted(trainer, only)[k]
    return out


def _line(trainer, name: str, counts: np.ndarray) -> str:  # noqa: ANN001
    tallies = trainer.tallies_of(counts)
    cells = ", ".join(f"{lang} {t.precision:.3f} / {t.recall:.3f}" for lang, t in tallies.items())
    objective = trainer.macro_f_default(tallies)
    return f"{name}: macro F{trainer.DEFAULT_BETA:.2f} {objective:.4f} ({cells})"


def main() -> int:
    import train_extractor as te

    from transplant_audit.extract import learned

    start = time.perf_counter()
    model = learned.load_model()
    judge = te.load_judge()
    sets = sorted({d.set for d in judge})
    probs = [learned.probabilities(model, d.features) for d in judge]
    classes, counts = [model.classes] * len(judge), [model.span_counts] * len(judge)
    pairs = [(k, a) for k in te.GRID_KEEP for a in te.GRID_ADD if k > 0 or a < te.NEVER]
    per_set = {
        (k, a): te.set_counts(judge, sets, te._decisions(judge, probs, classes, k, a, counts))
        for k, a in pairs
    }
    print(f"judge: {len(judge)} snippets in {len(sets)} sets; {len(pairs)} pairs")
    print(_line(te, "one pair, cross-fitted by set", cross_fitted(te, per_set)))
    print(_line(te, "a pair per language, cross-fitted by set", per_language(te, per_set)))
    print(f"{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
