"""Rules' (indicator, value) and value-only scores per language over the READABLE sets only
(dev, dev2, heldout v1, heldout2, tune halves h3..h12), pooled, plus per set totals.
Run: PYTHONPATH=src python scratch/miss18/readable_scores.py"""

import sys

sys.path.insert(0, "benchmarks")
sys.path.insert(0, "scratch/miss18")
import bench_extract as be  # noqa: E402
from missed_values import READABLE  # noqa: E402

from transplant_audit.extract.core import extract_candidates  # noqa: E402
from transplant_audit.extract.evaluate import evaluate_any_indicator, evaluate_values  # noqa: E402

docs = [d for name in READABLE for d in be.load_realtext(name)]
found = {d["text"]: extract_candidates(d["text"]) for d in docs}
named = evaluate_values(docs, found.__getitem__)
anyi = evaluate_any_indicator(docs, found.__getitem__)
print("readable pooled   (indicator, value)            | value only")
for lang in ("en", "zh-Hans", "zh-Hant", "all"):
    n = named.total if lang == "all" else named.by_language[lang]
    a = anyi.total if lang == "all" else anyi.by_language[lang]
    print(
        f"  {lang:<8} P {n.precision:.3f} R {n.recall:.3f} tp {n.tp:4} fp {n.fp:4} fn {n.fn:4}"
        f" | P {a.precision:.3f} R {a.recall:.3f} tp {a.tp:4} fp {a.fp:4} fn {a.fn:4}"
    )
