"""Train the extractor's learned step (issue 14) and choose its settings by grouped
cross-validation.

Run:  python tools/train_extractor.py            # CV, choose, fit on everything, write
      python tools/train_extractor.py --check    # exit 1 when the stored weights are stale

Training data, named file by file in ``TRAINING_FILES`` (nothing is globbed, so a new test
set such as a blind realtext/heldout30.json can never slip in; tests/extract/test_learned.py checks
it): the real-text sets dev, dev2, held-out v1 and heldout2 from tests/extract/realtext/
whole, the TUNE halves only of heldout3 to heldout29 (``HALF_SETS``, split by page with
``build_set.halves``), and optionally the project's synthetic corpus (tests/extract/corpus/,
written by the project; never scored). Every number the parser finds is a span
(``learned.document_spans``), labelled by ``learned.label_spans``; every rules candidate is an
example for the re-labeller (``relabel.candidate_features``, ``relabel.label_candidates``).

Settings (regularisation C, the synthetic corpus in the span model's training or not, the
keep and add thresholds, the learned method's per-indicator fallback N, ``GRID_FALLBACK``,
the re-labeller's C and thresholds, the precision-first point) are chosen by 5-fold
GroupKFold by page URL (no page in two folds) over the training snippets only, by
``cv_score``: the mean over languages of the F-beta at ``DEFAULT_BETA`` (beta² = 0.8 / 0.9
since tgt31; 0.5, precision weighted, from pf18; F1 until pf18; below) of (indicator,
value within 2%), out of fold. A stage's settings are its best among those that run it (that
change something); whether it runs is the judge's decision, below. The rules are in-sample
on most training snippets, so the CV cannot say whether a stage helps.

THE JUDGE AND THE DECISION RULE (written and committed before the figures it decides were seen,
learned11, 2026-12-05 23:10 UTC). Which stages ``combined`` runs, and the default method, are
decided on the judge alone: the pooled CHECK halves of heldout3 to heldout29 (``JUDGE_SETS``;
until namer13 heldout3 to heldout8, 949 snippets, 1,587 figures: en 672, zh-Hans 527, zh-Hant
388; each later set's check half joined after its one blind score).
No check half is ever
trained on, and the rules' authors only ever scored them in aggregate, so the model fitted on
all training snippets at the chosen settings is scored on them directly (no nesting), and so
are the rules. Held-out v1 is NOT in the judge: the seventh and eighth rules passes read its
errors (the rules score in-sample there) and it is training data (it could be judged only out
of fold, with folds that move the verdict from retrain to retrain); it stays training data. The
variants of ``combined`` (rules alone, + re-labeller, + span stage, + both) are scored on the
judge, per language (precision, recall) and by the objective, macro F-beta at ``DEFAULT_BETA``
(``macro_f_default``: F0.5 from pf18, beta² 0.8 / 0.9 since tgt31; macro F1,
``macro_f1``, is printed beside it for comparison; rule 2 measured macro F1 until pf18):

  1. a variant is ELIGIBLE only if, in every language, its precision is at least the rules'
     precision less ``MAX_PRECISION_DROP`` (0.01): issue 14 asks for precision 0.9, and the
     figures must stay trustworthy before they become more numerous;
  2. a variant is ACCEPTABLE when it is eligible and, for each stage it runs, its gain in
     the judge's objective over the same variant without that stage is real by a paired page
     bootstrap (``paired_bootstrap``): the judge's pages are resampled with replacement (a
     page's snippets move together, the way the halves split them), the same resample for
     both variants, ``BOOTSTRAP_ROUNDS`` (2,000) times from ``BOOTSTRAP_SEED`` (14), and the
     ``BOOTSTRAP_PERCENTILE``-th (5th) percentile of the resampled gain must be above 0 (a
     one-sided 95% test). With both stages on, each must pass over the other alone. The rules
     are always acceptable; ``combined`` is the acceptable variant with the highest observed
     judge objective, a tie going to fewer stages.
  3. (pf16) the default method is the rules, unless an allowed other
     method (learned only when it keeps the synthetic corpus, ``synthetic_check``; combined
     as decided) is eligible by (1) and its gain over the rules in judge macro F0.5 (F-beta
     with beta ``DEFAULT_BETA``, 0.5 until tgt31, ``macro_f_default``) passes the
     same bootstrap test; then, of those, the one with the highest judge objective.

WHEN AND WHY RULES 2 AND 3 CHANGED (judge14, 2026-12-06, written and committed before any
run showed a judge figure under them, and before the eleventh blind set, heldout11, was read).
Until then rule 2 asked each stage for more than a fixed ``STAGE_MIN_GAIN`` of 0.005 macro
F1, and rule 3 the same of a default other than the rules. After heldout10's check half
joined the judge (1,120 snippets on 645 pages) the span stage added +0.0044, under that bar,
so both stages were off and ``combined`` was the rules; benchmarks/bench_stage_gain.py put
that gain's 90% interval at [+0.0018, +0.0073], above 0 in 99.8% of resamples, and on the
blind heldout10 the stage (as it stood then) added 9 true and 1 false figure. The fixed bar
refused a small gain the judge was sure of, and would let through a larger one carried by a
single page; the bootstrap asks whether the gain is real instead. This rule was written
after that scoring suggested it, so heldout10 does not test it; heldout11 was its first
blind test (frozen at 6dd53d8, the span stage on): the stage added 6 true and 5 false figures
to the rules' 156 true and 95 false (default 0.618 / 0.521 against the rules' 0.622 / 0.502).

WHEN AND WHY RULE 3 CHANGED AGAIN (pf16, 2026-12-06, written and committed before any figure
under it was computed). Rule 3 chose the default by macro F1, which weighs a figure found as
much as a wrong figure avoided; issue 14 asks precision first (0.9 before recall 0.8), and a
wrong figure in an investigator's table costs more than a missed one. Rule 3 now measures the
gain over the rules in macro F0.5 (``DEFAULT_BETA``), by the same paired page bootstrap
(``paired_bootstrap`` with ``statistic=macro_f_default``); rule 1's guard and rule 2 (stages,
macro F1) are unchanged. The rule was prompted by the last retrain's pooled figures (learned
more precise than the rules at about the same recall), so the judge does not test it; the
next blind set does.

WHEN AND WHY RULE 2 AND THE CV OBJECTIVE CHANGED (pf18, 2026-12-06, written and committed
before any figure under them was computed, and before the thirteenth blind set, heldout13,
was read). Until then every setting was chosen by out-of-fold macro F1 (``cv_score``: the
span stage's keep and add thresholds, the learned method's add threshold, the fitted C, and
in ``pick_relabel`` the re-labeller's C and move and drop thresholds), and rule 2 ran a stage
when its macro-F1 gain was real; only rule 3 (pf16) measured macro F0.5. So ``combined`` was
assembled for F1 and judged for F0.5: after heldout12 joined, both stages ran by F1 and
``combined``'s F0.5 gain over the rules was +0.0030 [-0.0015, +0.0076], not real, so it was
not the default. Issue 14 asks precision first (0.9 before recall 0.8) for every figure the
extractor reports, not only for the choice of the default; a setting that buys recall with
precision is the trade rule 3 refuses, and the settings and stages should not make it either.
Now one objective, macro F-beta at ``DEFAULT_BETA`` (``macro_f_default``), chooses every
setting in CV (``cv_score``, ``pick_relabel``, within its unchanged precision floor), decides
rule 2 (``stage_gains``' bootstraps and ``decide_stages``' choice among acceptable variants)
and rule 3; rule 1's guard and the bootstrap itself are unchanged. Macro F1 is still computed
and printed beside it (the CV table, each method's gain over the rules and every test of rule
2, as ``stage_tests_f1``), for comparison only. The change was prompted by pf16's figures on
the judge (the stages' F1 and F0.5 gains disagreeing), so the judge does not test it; the
next blind set, heldout13, does. A model decided under the F1 objective is stale
(``OBJECTIVE`` is part of ``data_digest``).

WHEN AND WHY RULE 3 GAINED A TIE RULE (tie26, 2026-12-06 20:40 UTC, written and committed
before the retrain with heldout19's halves, the first run whose figures it decides). Rule 3
took the highest observed macro F0.5 among the methods that pass it, so the default flipped
between ``learned`` and ``combined`` on differences of 0.0008, 0.0002 and 0.0047 in the last
three retrains (9b20719, a1205e2, 7187e98a), with widely overlapping intervals: a choice
decided by noise, which users see as the default's figures changing from one release to the
next. Now, of the methods that pass rule 3, the one NEARER THE RULES (``NEARER_THE_RULES``:
``combined``, which keeps the rules' figures and readings and only vetoes or adds by the
stages, before ``learned``, which names every span by the model) is the default unless the
one with the highest macro F0.5 beats it by the same paired page bootstrap
(``paired_bootstrap`` with ``macro_f_default``, ``Gain.real``): an advantage that is not real
does not move the default away from the more reviewable method. The rule is stateless (it
does not ask which default the stored model has), so a plain re-run re-decides it. Under it,
the three retrains above would each have chosen ``combined`` unless learned's lead was
real; I did not compute those tests before writing it. The test of the highest over the
nearer is printed and stored in model.json's judge (``default_tie``).

WHEN AND WHY THE SPAN STAGE'S KEEP THRESHOLD MOVED TO THE JUDGE (keepj27, 2026-12-07 06:20
UTC, written and committed before the retrain it decides, and before the twenty-fifth blind
set, heldout25, was gathered). Until then the CV chose the span stage's keep threshold (how
sure the model must be that a rules candidate is right for it to stay) with its add
threshold, out of fold on the training snippets, where the rules are in-sample (they were
written from most of those snippets' errors): in-sample rules make few false figures, so a
veto there mostly costs true ones, and the CV's keep fell from 0.5 to 0.2 and 0.1 over the
last three retrains. On both blind sets of 2026-12-07 (heldout23, heldout24) the model at keep
0.5 had 3 and 4 fewer false figures than the later ones at 0.2 and 0.1, for one true figure
more; a tie of seven figures, which suggested the change but does not test it. Now
(``choose_setting``, ``judge_setting_choice``; named choose_keep and judge_keep_choice until
the re-read of 2026-12-07) the CV still chooses C, the synthetic corpus and the add threshold,
and the keep threshold is chosen on the judge, where the rules are out of sample: among
``GRID_KEEP``'s values that run the stage and keep the synthetic corpus at the CV's add
threshold (``synthetic_check``; since addj29 the pairs of ``judge_settings``), the one with
the highest judge macro F0.5, a tie to the smaller keep (nearer the rules). The stored model
takes the keep chosen on the whole judge. So that rule 2 does not judge a threshold fitted
to its own pages, the span stage's judge figures (and those of the re-labeller on top of it)
are CROSS-FITTED by set: each set's check half is decided at the keep chosen on the other
sets' check halves (leave one set out), which is how a new blind set meets the stored keep.
The keeps chosen with each set left out, and the judge's macro F0.5 at every keep, are
stored in model.json (``judge.keep_choice``, aggregates only). The twenty-fifth blind set tests it.
(Added after a review, 2026-12-07 06:45 UTC, before the second retrain under this rule; the
choice is unchanged.) The add threshold stays the CV's, chosen there jointly with the CV's
keep: with a veto only (add ``NEVER``, as at the first retrain under this rule) the pairing
does not matter; with an add threshold the stored pair is one the CV did not rank, and the
judge's cross-fitted figures are its only test. The re-labeller on top of the span stage was
chosen in the CV on the span stage at the CV's keep; its synthetic-corpus verdict is taken
again at the judge's keep (``relabel_synthetic_ok`` at the judge's pair), so that the guard
holds for the pipeline that would be stored.

WHEN AND WHY THE ADD THRESHOLD JOINED THE KEEP ON THE JUDGE (addj29, 2026-12-07 07:34 UTC,
written and committed before the retrain it decides, while heldout27 was being gathered and
before any of it was read). keepj27 left the add threshold (how sure the span model must be
that a number the rules left is a figure for it to be added) to the CV, for the same in-sample
reason it moved the keep: the rules were written from most training snippets' errors, so they
leave few figures there for the model to add, and the CV chose add NEVER (no additions) at both
retrains under keepj27. On held-out text the rules miss more (recall 0.55-0.72 on heldout25 and
heldout26), so additions may pay there; and the review of keepj27 noted that the stored (keep,
add) pair was one the CV never ranked. Now the judge chooses the pair (``judge_settings``:
every pair of ``GRID_KEEP`` and ``GRID_ADD`` that runs the stage and keeps the synthetic
corpus), by the same highest judge macro F0.5, a tie to the pair nearer the rules (the smaller
keep, then the higher add, ``nearer_the_rules``), with the stage's judge figures cross-fitted
by set as under keepj27; the re-labeller on top is held to the synthetic corpus at the chosen
pair. The twenty-seventh blind set, heldout27, tests it.

WHEN AND WHY ADDITIONS MUST EARN THEIR PLACE AS A STAGE DOES (addg30, 2026-12-07 09:00 UTC,
written and committed before the retrain it decides, while heldout28 was being gathered and
before any of it was read). Under addj29 the judge chose add 0.95 over the veto alone for a
judge gain of +0.0003 macro F0.5 (0.7640 against 0.7637), far inside the noise rule 2's
bootstrap would show, and on heldout27 the additions made one false figure and no true one;
they cost 15% of combined's speed (the span model scores every number the rules left). A stage
runs only when its gain is real by rule 2's paired page bootstrap; additions are the model's
second job, so they are held to the same test: the judge's choice among every pair
(``judge_settings``, addj29) is compared, cross-fitted by set, with its choice among the pairs
that only veto (add ``NEVER``, cross-fitted the same way), by the gain in macro F0.5 under
``paired_bootstrap``; unless that gain is real (``Gain.real``), the veto-only choice stands
(``judge_setting_choice``, ``additions_earn``). The record keeps both choices and the gain.
heldout28 tests it.

WHEN AND WHY THE OBJECTIVE WEIGHS EACH MEASURE BY ITS TARGET (tgt31, 2026-12-07 11:26 UTC,
written and committed before the retrain it decides, while heldout30 was being gathered and
before any of it was read; the question the last stop note left for this session to decide
before measuring). Since pf18 every choice was made by macro F0.5, which at the judge's
figures (precision 0.82, recall 0.59) counts a recall point as about 0.48 of a precision
point. pf16 and pf18 reasoned that a wrong figure in an investigator's table costs more than
a missed one; but the extractor's figures reach no table unreviewed: each is a candidate that
two different people must accept, shown in its sentence (extract/review.py, the two-person
rule), so a false candidate costs a reviewer a rejection, while a missed figure is never seen
by anyone. Issue 14 asks for both targets, precision 0.9 and recall 0.8, and on each of the
nine blind sets before heldout30 (heldout21 to heldout29) recall fell further short of 0.8 than
precision of 0.9, by 1.3 to 3.1 times (median 1.6; heldout28 and heldout29: 0.575 and 0.601
against 0.8, 0.784 and 0.804 against 0.9, about twice); on heldout13, 14, 16, 19 and 20 it had
not. (Corrected at 12:50 UTC after a review, once heldout30 had been scored: the text as first
committed said "about twice on every blind set since pf18" and "0.45 of a precision point";
the rule itself is unchanged.) Now the objective
weighs each measure by its own target: macro F-beta with beta² = ``TARGET_RECALL`` /
``TARGET_PRECISION`` (beta 0.943), which per language is a constant times the harmonic mean of
precision / 0.9 and recall / 0.8, so a point short of either target counts by its size
relative to that target; it replaces F0.5 everywhere F0.5 chose (the CV's settings, rule 2,
addg30's test, the judge's keep and add, rule 3 and its tie rule). Unchanged: rule 1's guard
(no language's judge precision more than ``MAX_PRECISION_DROP`` under the rules'), the
bootstrap, the grids, the synthetic corpus check. The evidence that prompted it (additions at
0.95 would have added 17 true and 11 false figures on heldout28 and heldout29) is blind-set
evidence already spent, so it does not test the rule; heldout30 does, scored with the model
before this rule beside it.

The rule is mechanical (``decide_stages``, ``decide_default``): a plain re-run after the
rules change re-decides it. The judge's figures (per language and variant, with the size,
each method's bootstrap intervals over the rules, in macro F1 and in the objective, and every
test of rule 2, in the objective and F1, in aggregate) are
printed and stored in model.json as ``judge``; the CV figures as ``cv``. No per-item result
of a check half is printed or stored.

Needs scikit-learn (``pip install -e '.[train]'``); the stored model is JSON + NPZ, read by
``extract/learned.py`` with numpy only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np

from transplant_audit.extract import learned, relabel
from transplant_audit.extract.evaluate import (
    VALUE_TOLERANCE,
    Tally,
    evaluate,
    evaluate_values,
    matched,
    summed,
    value_only_matches,
)

ROOT = Path(__file__).resolve().parents[1]
REAL_FILES = {
    "dev": "tests/extract/realtext/dev.json",
    "dev2": "tests/extract/realtext/dev2.json",
    "heldout": "tests/extract/realtext/heldout.json",
    "heldout2": "tests/extract/realtext/heldout2.json",
}
"""The real-text training sets read whole, by name and path. Never add a set that has not
been scored yet (a next heldout30 and its gathering folders are blind)."""
HALF_FILES = {
    "heldout3": "tests/extract/realtext/heldout3.json",
    "heldout4": "tests/extract/realtext/heldout4.json",
    "heldout5": "tests/extract/realtext/heldout5.json",
    "heldout6": "tests/extract/realtext/heldout6.json",
    "heldout7": "tests/extract/realtext/heldout7.json",
    "heldout8": "tests/extract/realtext/heldout8.json",
    "heldout9": "tests/extract/realtext/heldout9.json",
    "heldout10": "tests/extract/realtext/heldout10.json",
    "heldout11": "tests/extract/realtext/heldout11.json",
    "heldout12": "tests/extract/realtext/heldout12.json",
    "heldout13": "tests/extract/realtext/heldout13.json",
    "heldout14": "tests/extract/realtext/heldout14.json",
    "heldout15": "tests/extract/realtext/heldout15.json",
    "heldout16": "tests/extract/realtext/heldout16.json",
    "heldout17": "tests/extract/realtext/heldout17.json",
    "heldout18": "tests/extract/realtext/heldout18.json",
    "heldout19": "tests/extract/realtext/heldout19.json",
    "heldout20": "tests/extract/realtext/heldout20.json",
    "heldout21": "tests/extract/realtext/heldout21.json",
    "heldout22": "tests/extract/realtext/heldout22.json",
    "heldout23": "tests/extract/realtext/heldout23.json",
    "heldout24": "tests/extract/realtext/heldout24.json",
    "heldout25": "tests/extract/realtext/heldout25.json",
    "heldout26": "tests/extract/realtext/heldout26.json",
    "heldout27": "tests/extract/realtext/heldout27.json",
    "heldout28": "tests/extract/realtext/heldout28.json",
    "heldout29": "tests/extract/realtext/heldout29.json",
}
"""Sets scored blind once and then tuned on by half: only their tune half (``build_set.halves``,
a page's snippets in one half) is trained on; the check half is never loaded here (the rules
engineers score it as their generalisation check; ``bench_extract.py --check-halves`` scores
rules and combined on it); only ``load_judge`` reads it, to score. A set joins after its one
blind score, in a commit of its own made before the retrain that uses it (``git log --grep
'joins'``; its scoring time is in docs/extract.md's table of every blind score). heldout3's
check half, trained on until learned11, is now judged only."""
HALF_SETS = tuple(HALF_FILES)
SPLIT_FILE = "tests/extract/realtext/build_set.py"
"""Where ``halves`` (the split by page) lives; its source is part of the training digest."""
REAL_SETS = (*REAL_FILES, *HALF_SETS)
SYNTH_FILES = {
    "tests/extract/corpus/zh_hans.json": "zh-Hans",
    "tests/extract/corpus/zh_hant.json": "zh-Hant",
    "tests/extract/corpus/en.json": "en",
    "tests/extract/corpus/heldout.json": None,
    "tests/extract/corpus/heldout2.json": None,
    "tests/extract/corpus/heldout3.json": None,
}
"""The synthetic corpus (written by the project, not the real-text heldout sets): training
only."""
TRAINING_FILES = (*REAL_FILES.values(), *HALF_FILES.values(), *SYNTH_FILES)
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
FOLDS = 5
SEED = 14
GRID_C = (10.0, 30.0, 100.0)
"""C = 30 was chosen at the grid's edge when the tune halves of heldout4-6 joined the data;
100 was added then and chosen (nested unseen macro F1 0.7482 against 0.7403, 2026-12-05).
With heldout7's tune half in, C = 10 was chosen at the lower edge; C = 3 added below it was
chosen with the same nested figure (0.7372) and not kept (learned9, 2026-12-05)."""
GRID_SYNTH = (False, True)
"""Whether the synthetic corpus (``SYNTH_FILES``) is in the span model's training data. It was
never chosen by the CV (2026-12-04, 12-05) and was left out of the search from then to save
time; back in the search since syn19 (2026-12-06, written before any figure under it): with
the fallback below the out-of-fold figures of syn18 favoured it (learned, C 10, add 0.6:
macro F0.5 0.8664 without, 0.8708 with), so the CV decides. Its spans never count towards
``GRID_FALLBACK``'s N (``span_counts``: real training spans only)."""
GRID_FALLBACK = (0, 10, 20, 50, 100, 200)
"""The learned method's per-indicator fallback N (``learned.fallback_rules``): a span whose
rules candidate names an indicator with fewer than N real training spans keeps the rules'
candidate(s) instead of the model's decision. Written and committed before any judge figure
under it (syn19, 2026-12-06). Chosen with the add threshold by the same out-of-fold macro
F-beta (``cv_score``, ``OBJECTIVE``) as every other setting, a tie to the smaller N; the counts
are each fit's own (``fit`` counts the spans of its training documents, so a fold's model
counts its fold's training spans only, never the held-out ones), stored in model.json
(``span_counts``, ``learned_fallback``) and applied by ``learned.extract(method="learned")``.
Why: the learned method is the most precise on recent blind sets but saw (almost) no Chinese
staff or bed spans and failed 8 of the synthetic corpus's 12 cells (rule 3's
``synthetic_check``), all Chinese; syn18 found N = 50 kept all 12 out of fold. The grid: 0 is
the learned method as it was; at 10, 20, 50, 100 and 200, 13, 23, 31, 35 and 36 of the 42
indicators with a real training span (syn18's counts, before heldout13's tune half joined;
13, 22, 31, 35 and 36 of 42 with the stored model's ``span_counts``, after heldout14's)
fall back, and every indicator with none; 200 leaves the model only the six commonest
(transplants in a period and cumulative, OPO donors, waiting time, waiting list, first
transplant year); beyond that the learned method would be little more than the rules.
Caveat: the rules are in-sample on most training snippets, so the CV flatters a larger N;
the judge (rule 3) is where it is tested."""
GRID_KEEP = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9)
"""0.0 keeps every rule candidate (the model only adds); higher values veto more of them.
0.8 and 0.9 were added (keepj28, 2026-12-07 06:35 UTC, written and committed before any figure
at either was computed, and before the twenty-sixth blind set, heldout26, was gathered): the
first retrain under keepj27 chose 0.7, the grid's top, with every one of the 22 sets left out,
and the judge's macro F0.5 was still rising there (0.7503 at 0.5, 0.7556 at 0.7), so the
grid, not the judge, set the keep. Whether the veto should go further is the judge's to say
(keepj27's rule unchanged: a higher keep only if its judge macro F0.5 is higher, and only if
it keeps the synthetic corpus); heldout26 measures it blind. The wider grid also widens the
CV's own search for the span stage's (keep, add) pair and the precision-first point's, and
``synthetic_check``'s settings."""
NEVER = 1.01
"""An add threshold no probability reaches: the model only vetoes."""
GRID_ADD = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, NEVER)
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8
"""Issue 14's recall target; with ``TARGET_PRECISION`` also what the synthetic corpus must
keep, per file and language, under any setting ``learned`` or ``combined`` may take (the
issue's "the project's existing synthetic corpus still passes"; ``synthetic_check``)."""
"""Issue 14's precision target, per language: the precision-first operating point is the
setting with the highest recall whose precision reaches it in every language (else the
setting with the highest pooled precision)."""
MIN_FEATURE_COUNT = 2
"""A feature seen in fewer training spans is left out (smaller, less fitted weights)."""
SPAN_NONE_WEIGHT = 1.0
"""The weight of a NONE span in the span model's fit (scikit-learn ``class_weight``); below
1 the model says more often that a number is a figure, and the add threshold, chosen by the
CV, decides how many of those are added. Part of the digest when it is not 1."""
RELABEL_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "transplants_in_period",
        "transplants_cumulative",
        "surgeon_transplants_cumulative",
        "surgeon_transplants_in_period",
        "transplants_per_day_max",
        "surgeries_per_year",
        "opo_donors",
        "opo_organs_utilised",
        "waitlist_size",
    ),
    (
        "total_beds",
        "transplant_beds",
        "department_beds",
        "icu_beds",
        "transplant_beds_planned",
        "total_beds_planned",
    ),
    ("price_cny", "surgical_fee_cny", "capital_investment_cny", "revenue_cny"),
    (
        "transplant_surgeons",
        "senior_staff",
        "transplant_staff",
        "staff_total",
        "department_staff",
        "medical_staff",
        "transplant_nurses",
    ),
)
"""The indicators the re-labeller may move a rules candidate between: each group is counted
the same way (a count of operations, people, organs or patients; beds; yuan; persons), so a
move keeps the value. Chosen from the rules' confusions on the five real-text sets
(2026-12-05, 1,561 rules candidates, 289 wrong): 37 running totals that were counts for a
period and 26 the reverse, 13 totals that were one surgeon's, 8 counts that were waiting
lists, 6 total beds that were transplant beds, 6 fees that were prices, 5 surgeons that were
senior staff. A price in dollars is never moved to yuan (another value), only dropped."""
GRID_RELABEL_C = (0.3, 1.0, 3.0)
GRID_SWITCH = (0.5, 0.6, 0.7, 0.8, 0.9, NEVER)
GRID_DROP = (0.5, 0.6, 0.7, 0.8, 0.9, NEVER)
"""Re-labeller settings searched by the CV; NEVER turns a move or a drop off."""
BOOTSTRAP_ROUNDS = 2000
BOOTSTRAP_SEED = 14
BOOTSTRAP_PERCENTILE = 5.0
"""The test a stage's judge gain must pass (rule 2, ``paired_bootstrap``): the judge's pages
resampled with replacement ``BOOTSTRAP_ROUNDS`` times from a generator seeded with
``BOOTSTRAP_SEED`` (the same resamples for every comparison, so a re-run decides the same),
and the ``BOOTSTRAP_PERCENTILE``-th percentile of the resampled gain in the objective
(``macro_f_default``; macro F1 until pf18) above 0 (a one-sided 95% test). These replaced
STAGE_MIN_GAIN (a fixed bar of 0.005) on 2026-12-06."""
MAX_PRECISION_DROP = 0.01
"""No stage may lower the judge's precision, in any language, by more than this against the
rules alone (about 4 more false figures in zh-Hant's 388): the figures must not become less
trustworthy than the rules' whatever the objective (kept by tgt31)."""
JUDGE_HALVES = (
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
    "heldout28",
    "heldout29",
)
"""The sets whose CHECK halves (``build_set.halves``) are pooled into the judge: heldout3 to
heldout8 from learned11, each later set's after its one blind score, in the commit that joins
it to ``HALF_FILES``, made before any run that showed a result with it."""
JUDGE_SETS = tuple(f"{name}-check" for name in JUDGE_HALVES)
"""The judge's set names: never trained on, scored only in aggregate."""
DEFAULT_BETA = (TARGET_RECALL / TARGET_PRECISION) ** 0.5
"""The trainer's one objective: macro F-beta over languages with beta² = ``TARGET_RECALL`` /
``TARGET_PRECISION`` (0.8 / 0.9, beta 0.943; tgt31, below the module's docstring section WHEN
AND WHY THE OBJECTIVE WEIGHS EACH MEASURE BY ITS TARGET): per language, F-beta at this beta is
the harmonic mean of precision / 0.9 and recall / 0.8 times 0.85, so a shortfall from either
target counts by its size relative to that target. It chooses every CV setting
(``cv_score``, ``pick_relabel``), rule 2 (which stages ``combined`` runs) and rule 3 (the
default). From pf16 / pf18 until tgt31 it was 0.5 (precision weighted: a recall point was
worth about 0.48 of a precision point at the judge's figures). Macro F1 is printed beside it
for comparison only."""
OBJECTIVE = (
    "macro F-beta at DEFAULT_BETA: CV settings, rule 2 and rule 3 (pf18); "
    "rule 3's tie to the method nearer the rules (tie26); "
    "the span stage's keep threshold on the judge, cross-fitted by set (keepj27); "
    "its add threshold with it (addj29); "
    "additions only when their gain over the veto alone is real (addg30); "
    "beta squared = target recall / target precision (tgt31)"
)
"""What the settings, stages and default are chosen by; part of ``data_digest``, so a model
chosen under another objective (macro F1 for the CV and rule 2, until pf18; rule 3 without
its tie rule, until tie26; macro F0.5, until tgt31) is stale."""

NEARER_THE_RULES = ("combined", "learned")
"""Rule 3's tie order (tie26): ``combined`` keeps the rules' figures and readings and changes
them only by its stages; ``learned`` names every span by the model. Of the methods that pass
rule 3, an earlier one here is the default unless a later one's lead over it in the objective is
real by the paired page bootstrap."""


@dataclass
class Doc:
    """One snippet or document, its spans, their features and labels."""

    id: str
    url: str
    set: str
    language: str
    text: str
    gold: list[dict]
    spans: list[learned.Span]
    features: list[list[str]]
    labels: list[str]
    cands: list = field(default_factory=list)
    """The rules' candidates, in document order (``relabel`` reads them)."""
    cand_features: list[list[str]] = field(default_factory=list)
    cand_labels: list[str] = field(default_factory=list)


def training_files() -> list[Path]:
    """Every file the model is trained on, in a fixed order."""
    return [ROOT / rel for rel in TRAINING_FILES]


def data_digest() -> str:
    """sha256 of the training files' bytes, the source of the split by page (a changed split
    makes the stored weights stale), the feature version, the search grid and the decision
    rules' settings (a model decided under another rule is stale)."""
    h = hashlib.sha256()
    for rel, p in zip(TRAINING_FILES, training_files(), strict=True):
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(split_source().encode() + b"\0")
    grid = [learned.FEATURE_VERSION, FOLDS, SEED, GRID_C, GRID_SYNTH, GRID_KEEP, GRID_ADD]
    grid += [GRID_FALLBACK, "span_counts: real training spans per label, per fit"]
    grid += [RELABEL_GROUPS, GRID_RELABEL_C, GRID_SWITCH, GRID_DROP, MAX_PRECISION_DROP]
    grid += [JUDGE_HALVES, BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED, BOOTSTRAP_PERCENTILE, DEFAULT_BETA]
    grid += [OBJECTIVE]
    h.update(json.dumps([list(g) if isinstance(g, tuple) else g for g in grid]).encode())
    h.update(str(MIN_FEATURE_COUNT).encode())
    if SPAN_NONE_WEIGHT != 1.0:
        h.update(f"none-weight {SPAN_NONE_WEIGHT}".encode())
    return "sha256:" + h.hexdigest()


def prepare(raw: dict, language: str | None, url: str, name: str) -> Doc:
    lang, norm, spans = learned.document_spans(raw["text"], language or raw.get("language"))
    cands = [c for sp in spans for c in sp.rules]
    return Doc(
        id=str(raw["id"]),
        url=url,
        set=name,
        language=lang,
        text=raw["text"],
        gold=list(raw["gold"]),
        spans=spans,
        features=learned.document_features(norm, spans, lang),
        labels=learned.label_spans(spans, raw["gold"], VALUE_TOLERANCE),
        cands=cands,
        cand_features=relabel.candidate_features(norm, cands, lang),
        cand_labels=relabel.label_candidates(cands, raw["gold"], RELABEL_GROUPS),
    )


def load_real() -> list[Doc]:
    return [prepare(raw, raw["language"], raw["url"], name) for name, raw in real_records()]


def real_records() -> list[tuple[str, dict]]:
    """(set name, snippet) of every real-text training snippet: the sets of ``REAL_FILES``
    whole, then the tune halves of ``HALF_SETS``. Nothing else under realtext/ is read."""
    out = []
    for name, rel in REAL_FILES.items():
        out.extend((name, raw) for raw in json.loads((ROOT / rel).read_text(encoding="utf-8")))
    for name in HALF_SETS:
        out.extend((name, raw) for raw in tune_half(name))
    return out


def load_judge() -> list[Doc]:
    """The judge's snippets: the check halves of ``JUDGE_HALVES`` (set ``<name>-check``),
    never trained on; scored in aggregate only."""
    return [
        prepare(raw, raw["language"], raw["url"], f"{name}-check")
        for name in JUDGE_HALVES
        for raw in check_half(name)
    ]


def _build_set() -> Any:
    """tests/extract/realtext/build_set.py under ``ROOT``, the one place sets are split."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_build_set", ROOT / SPLIT_FILE)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def tune_half(name: str) -> list[dict]:
    """The tune half of a set tuned on by half (never its check half)."""
    if name not in HALF_FILES:
        raise ValueError(f"{name} is not tuned on by half")
    return list(_build_set().halves(name)[0])


def check_half(name: str) -> list[dict]:
    """The check half of a judged set (only ``load_judge`` reads it)."""
    if name not in JUDGE_HALVES:
        raise ValueError(f"{name} is not judged by its check half")
    return list(_build_set().halves(name)[1])


def split_source() -> str:
    """The source of the split by page (``halves`` and the URL key it hashes)."""
    import inspect

    module = _build_set()
    return inspect.getsource(module.halves) + inspect.getsource(module._url_key)


def load_synthetic() -> list[Doc]:
    docs = []
    for rel, lang in SYNTH_FILES.items():
        for raw in json.loads((ROOT / rel).read_text(encoding="utf-8")):
            docs.append(prepare(raw, lang, "synthetic:" + Path(rel).name, "synthetic"))
    return docs


def folds(urls: list[str], k: int = FOLDS) -> list[np.ndarray]:
    """Test indices of each fold: GroupKFold by URL, so no page is in two folds."""
    from sklearn.model_selection import GroupKFold

    idx = np.arange(len(urls))
    return [test for _, test in GroupKFold(n_splits=k).split(idx, groups=urls)]


def _logistic(
    feats: list[list[str]], labels: list[str], c: float, weights: dict[str, float] | None = None
) -> tuple[Any, Any]:
    """(vectoriser, classifier): a logistic regression on the binary features seen in at
    least MIN_FEATURE_COUNT examples (the span model's and the re-labeller's one recipe)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for fs in feats for name in set(fs))
    keep = {name for name, n in counts.items() if n >= MIN_FEATURE_COUNT}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{name: 1.0 for name in fs if name in keep} for fs in feats])
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED, class_weight=weights)
    clf.fit(x, labels)
    return vec, clf


def span_counts(labels: Iterable[str]) -> dict[str, int]:
    """Spans per indicator label (``NONE`` left out), sorted by label: what the learned
    method's fallback (``learned.fallback_rules``) reads. Pure."""
    return dict(sorted(Counter(lab for lab in labels if lab != learned.NONE).items()))


def real_labels(docs: Iterable[Doc]) -> list[str]:
    """The span labels of the real-text documents of ``docs`` (the synthetic corpus left out:
    the fallback counts what the model saw of real text)."""
    return [lab for d in docs if d.set != "synthetic" for lab in d.labels]


def recount_spans() -> dict[str, int]:
    """``span_counts`` of every real training snippet, recomputed from the files (spans and
    labels only, no features): what the stored model's ``span_counts`` must be (``--check``)."""
    labels: list[str] = []
    for _, raw in real_records():
        _, _, spans = learned.document_spans(raw["text"], raw["language"])
        labels.extend(learned.label_spans(spans, raw["gold"], VALUE_TOLERANCE))
    return span_counts(labels)


def fit(docs: list[Doc], c: float) -> learned.Model:
    """A multinomial logistic regression on every span of ``docs``, with the real training
    spans per indicator (``span_counts``) its learned method's fallback reads."""
    labels = [lab for d in docs for lab in d.labels]
    weights = None if SPAN_NONE_WEIGHT == 1.0 else {lab: 1.0 for lab in set(labels)}
    if weights is not None:
        weights[learned.NONE] = SPAN_NONE_WEIGHT
    vec, clf = _logistic([f for d in docs for f in d.features], labels, c, weights)
    meta = {
        "features": list(vec.get_feature_names_out()),
        "classes": [str(k) for k in clf.classes_],
        "keep_threshold": 0.0,
        "add_threshold": 0.5,
        "default_method": "combined",
        "span_counts": span_counts(real_labels(docs)),
    }
    return learned.model_from(meta, clf.coef_.T, clf.intercept_)


def fit_relabel(docs: list[Doc], c: float) -> relabel.Relabeller:
    """The re-labeller: a multinomial logistic regression on every rules candidate of
    ``docs`` (targets from ``relabel.label_candidates``); both thresholds off until chosen."""
    vec, clf = _logistic(
        [f for d in docs for f in d.cand_features],
        [lab for d in docs for lab in d.cand_labels],
        c,
    )
    coef, intercept = clf.coef_.T, clf.intercept_
    if len(clf.classes_) == 2:  # a binary fit has one column: make it a softmax of two
        coef = np.hstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    meta = {
        "features": list(vec.get_feature_names_out()),
        "classes": [str(k) for k in clf.classes_],
        "groups": [list(g) for g in RELABEL_GROUPS],
        "switch_threshold": NEVER,
        "drop_threshold": NEVER,
    }
    return relabel.model_from(meta, coef, intercept)


def relabel_oof(
    real: list[Doc],
    test_folds: list[np.ndarray],
    progress: bool,
    grid: tuple[float, ...] = GRID_RELABEL_C,
) -> dict:
    """For each C of ``grid``, every real document's (fold model, out-of-fold probabilities
    of its rules candidates)."""
    out: dict[float, list] = {}
    for c in grid:
        out[c] = [None] * len(real)
        for k, test in enumerate(test_folds):
            held = set(test.tolist())
            model = fit_relabel([d for i, d in enumerate(real) if i not in held], c)
            for i in test:
                out[c][i] = (model, relabel.probabilities(model, real[i].cand_features))
            if progress:
                print(f"  re-labeller C={c} fold {k + 1}/{FOLDS}", file=sys.stderr)
    return out


def apply_relabel(
    real: list[Doc], base: dict[str, list], scored: list, switch: float, drop: float
) -> dict[str, list]:
    """``base`` predictions with every rules candidate re-labelled (or dropped)."""
    out = {}
    for d, (model, probs) in zip(real, scored, strict=True):
        kept = relabel.apply([(c, None) for c in base[d.id]], d.cands, probs, model, switch, drop)
        out[d.id] = [c for c, _ in kept]
    return out


def relabel_rows(real: list[Doc], base: dict[str, list], oof: dict) -> list[dict]:
    """Every re-labeller setting applied on top of ``base``."""
    rows = []
    for c, scored in oof.items():
        for switch in GRID_SWITCH:
            for drop in GRID_DROP:
                preds = apply_relabel(real, base, scored, switch, drop)
                rows.append(
                    {
                        "relabel_C": c,
                        "switch_threshold": switch,
                        "drop_threshold": drop,
                        "preds": preds,
                    }
                )
    return rows


def synthetic_rows(
    rows: list[dict], name: str, synthetic_ok: dict[tuple[str, float, float, float], bool]
) -> list[dict]:
    """The re-labeller rows of variant ``name`` whose setting keeps the synthetic corpus, or
    all of ``rows`` when no kept row moves anything (the judge then refuses the variant).
    Pure."""
    kept = [r for r in rows if synthetic_ok[(name, *_relabel_setting(r))]]
    return kept if any(_moves(r) for r in kept) else rows


def _relabel_setting(row: dict) -> tuple[float, float, float]:
    """A re-labeller row's grid setting: (C, switch threshold, drop threshold)."""
    return (row["relabel_C"], row["switch_threshold"], row["drop_threshold"])


def _moves(row: dict) -> bool:
    """Does a re-labeller setting move or drop anything (a threshold that can be reached)?"""
    return not (row["switch_threshold"] == NEVER and row["drop_threshold"] == NEVER)


def pick_relabel(docs: list[Doc], rows: list[dict], base: dict[str, list]) -> dict:
    """The re-labeller's setting for a variant that runs it (whether it runs is the judge's
    decision): among the settings that move or drop something, the best out-of-fold macro
    F-beta (``cv_score``, ``DEFAULT_BETA``; macro F1 until pf18) on ``docs`` of those that keep
    the pooled precision of ``base`` (tuned for precision: a move must not make the figures
    less trustworthy), else of all of them."""
    floor = summed(_scores(docs, base).values()).precision
    on = [r for r in rows if _moves(r)]
    scored = []
    for row in on:
        tallies = _scores(docs, row["preds"])
        scored.append((summed(tallies.values()).precision >= floor, macro_f_default(tallies)))
    keeps = any(k for k, _ in scored)
    best = max((i for i, (k, _) in enumerate(scored) if k or not keeps), key=lambda i: scored[i][1])
    return on[best]


NAMING_SWITCHES = (0.5, 0.6, 0.7, 0.8, 0.9)
"""The move thresholds ``--confusions`` tabulates (fixes against breaks, out of fold)."""


def naming_kind(doc: Doc, k: int) -> str:
    """What rules candidate ``k`` of ``doc`` is against the gold: ``right`` (a gold figure
    has its indicator and value), ``wrong_name`` (a gold figure has its value under another
    indicator only) or ``none`` (no gold figure has its value)."""
    c = doc.cands[k]
    names = _gold_names(doc, c)
    return "right" if c.indicator in names else "wrong_name" if names else "none"


def _gold_names(doc: Doc, c: Any) -> set[str]:
    """The indicators of the gold figures of ``doc`` that have the value of ``c`` (a rules
    candidate)."""
    return {str(g["indicator"]) for g in doc.gold if value_only_matches(c, g)}


def naming_confusions(real: list[Doc]) -> dict[str, Any]:
    """The rules' naming on the training snippets: per language the candidates by kind
    (``naming_kind``), the wrong names a group of the re-labeller could fix (the gold
    indicator is in the rules indicator's ``RELABEL_GROUPS`` group), and the (language,
    rules' indicator, gold indicator) pairs of every wrong name with their counts."""
    kinds: Counter = Counter()
    pairs: Counter = Counter()
    for d in real:
        for k, c in enumerate(d.cands):
            kind = naming_kind(d, k)
            kinds[(d.language, kind)] += 1
            if kind != "wrong_name":
                continue
            group = next((g for g in RELABEL_GROUPS if c.indicator in g), ())
            names = _gold_names(d, c)
            kinds[(d.language, "in_group")] += bool(names & set(group))
            for name in sorted(names):
                pairs[(d.language, c.indicator, name)] += 1
    return {"kinds": kinds, "pairs": pairs}


def without_rule(features: list[str], indicator: str) -> list[str]:
    """A candidate's features with every one naming the rules' indicator left out: what a
    namer reading the context alone sees (``--confusions`` compares it). A feature names it
    when one of its ``=``/``|`` parts is the indicator: ``transplants_cumulative`` does not
    remove ``nb=surgeon_transplants_cumulative`` (a neighbour's other indicator)."""
    return [
        f
        for f in features
        if indicator not in re.split(r"[=|]", f) and not f.startswith("bias_rule=")
    ]


def switch_outcomes(real: list[Doc], scored: list, switch: float) -> Counter:
    """Out of fold (``scored``: each doc's fold model and probabilities), how the moves of
    ``relabel.decide`` at move threshold ``switch`` (drop off) fall against the training
    targets (``relabel.label_candidates``): ``fix`` (moved to its target), ``break`` (its
    indicator was the target) and ``other`` (moved, the target being NONE or a third)."""
    out: Counter = Counter()
    for d, (model, probs) in zip(real, scored, strict=True):
        for k, c in enumerate(d.cands):
            new, _ = relabel.decide(c, probs[k], model, switch, NEVER)
            if new is None or new.indicator == c.indicator:
                continue
            target = d.cand_labels[k]
            out[
                "fix" if target == new.indicator else "break" if target == c.indicator else "other"
            ] += 1
    return out


def print_confusions(real: list[Doc], c: float) -> None:
    """``--confusions``: the rules' naming on the training snippets (``naming_confusions``)
    and the out-of-fold moves of the re-labeller at C = ``c``, with all its features and with
    the context alone (``without_rule``), at each of ``NAMING_SWITCHES``."""
    table = naming_confusions(real)
    kinds, pairs = table["kinds"], table["pairs"]
    print("training snippets only (rules in-sample on most); rules candidates by kind:")
    print(
        f"{'language':8} {'cands':>6} {'right':>6} {'wrong name':>10} {'in group':>8} {'none':>5}"
    )
    for lang in LANGUAGES:
        row = [kinds[(lang, k)] for k in ("right", "wrong_name", "in_group", "none")]
        print(f"{lang:8} {row[0] + row[1] + row[3]:6} {row[0]:6} {row[1]:10} {row[2]:8} {row[3]:5}")
    print("\nwrong names (language, rules' indicator -> gold indicator), 2 or more:")
    for (lang, rule, gold), n in pairs.most_common():
        if n >= 2:
            print(f"{lang:8} {rule:32} -> {gold:32} {n}")
    test_folds = folds([d.url for d in real])
    context = [
        Doc(
            **{
                **d.__dict__,
                "cand_features": [
                    without_rule(f, x.indicator)
                    for f, x in zip(d.cand_features, d.cands, strict=True)
                ],
            }
        )
        for d in real
    ]
    for name, docs in (("re-labeller", real), ("context alone", context)):
        scored = relabel_oof(docs, test_folds, False, (c,))[c]
        for switch in NAMING_SWITCHES:
            o = switch_outcomes(docs, scored, switch)
            print(
                f"{name} C={c} move at >= {switch}: fixes {o['fix']}, breaks {o['break']}, "
                f"other {o['other']}"
            )


def _scores(docs: list[Doc], preds: dict[str, list]) -> dict[str, Tally]:
    raws = [{"id": d.id, "language": d.language, "text": d.id, "gold": d.gold} for d in docs]
    return evaluate_values(raws, lambda key: preds[key]).by_language


def f_beta(t: Tally, beta: float = 1.0) -> float:
    """F-beta of one tally: beta 1 is F1; beta below 1 weighs precision above recall."""
    p, r, b2 = t.precision, t.recall, beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def cv_score(docs: list[Doc], preds: dict[str, list]) -> float:
    """The figure every setting is chosen by in CV: macro F-beta at ``DEFAULT_BETA`` (beta² 0.8 /
    0.9 since tgt31, 0.5 from pf18,
    ``macro_f_default``; macro F1 until pf18) of ``preds`` (out of fold) on the training
    ``docs``. The rules were tuned on most of them, so they score in-sample there; which
    stages run is decided on the judge instead (``decide_stages``)."""
    return macro_f_default(_scores(docs, preds))


def macro_f(tallies: dict[str, Tally], beta: float = 1.0) -> float:
    """Mean over languages of F-beta (``f_beta``)."""
    return sum(f_beta(tallies.get(lang, Tally()), beta) for lang in LANGUAGES) / len(LANGUAGES)


def macro_f1(tallies: dict[str, Tally]) -> float:
    """Mean over languages of F1: printed beside the objective for comparison (the CV's
    settings and rule 2's stages were chosen by it until pf18)."""
    return macro_f(tallies, 1.0)


def macro_f_default(tallies: dict[str, Tally]) -> float:
    """Mean over languages of F-beta at ``DEFAULT_BETA``: the trainer's objective, that
    the CV's settings (``cv_score``), rule 2's stages (``decide_stages``) and rule 3's default
    method (``decide_default``) are chosen by."""
    return macro_f(tallies, DEFAULT_BETA)


Statistic = Callable[[dict[str, Tally]], float]
"""A figure of per-language tallies that a method's gain is measured in (``paired_bootstrap``):
``macro_f_default`` for rules 2 and 3, ``macro_f1`` beside it for comparison."""


def tallies_of(counts: np.ndarray) -> dict[str, Tally]:
    """Per-language tallies of a (languages, 3) array of (tp, fp, fn), or of a (pages,
    languages, 3) one summed over its pages (``page_counts``)."""
    rows = counts.sum(axis=0) if counts.ndim == 3 else counts
    return {lang: Tally(*map(int, row)) for lang, row in zip(LANGUAGES, rows, strict=True)}


@dataclass(frozen=True)
class Gain:
    """A paired page bootstrap of one method's gain over another in a statistic (macro F1 or
    macro F-beta, ``paired_bootstrap``)."""

    observed: float
    low: float
    """The ``BOOTSTRAP_PERCENTILE``-th percentile of the resampled gain."""
    high: float
    """The (100 - ``BOOTSTRAP_PERCENTILE``)-th percentile."""
    above_zero: float
    """The share of resamples whose gain is above 0."""
    replicates: np.ndarray = field(repr=False, compare=False)

    @property
    def real(self) -> bool:
        """Rules 2 and 3's test: the lower percentile of the resampled gain is above 0."""
        return self.low > 0

    def summary(self) -> dict[str, float]:
        """The aggregate figures model.json stores (no page's figures)."""
        return {
            "observed": round(self.observed, 4),
            "low": round(self.low, 4),
            "high": round(self.high, 4),
            "above_zero": round(self.above_zero, 4),
        }


def paired_bootstrap(
    base: np.ndarray,
    other: np.ndarray,
    rounds: int = BOOTSTRAP_ROUNDS,
    seed: int = BOOTSTRAP_SEED,
    percentile: float = BOOTSTRAP_PERCENTILE,
    statistic: Statistic = macro_f1,
) -> Gain:
    """The gain in ``statistic`` (macro F1 unless told, as ``decide`` prints each method's
    gain over the rules beside the objective; rules 2 and 3 use ``macro_f_default``, and
    benchmarks/bench_stage_gain.py names both) of ``other`` over
    ``base``, both (pages, languages, 3) arrays of (tp, fp, fn) with the
    same pages in the same rows, and its paired page bootstrap: the pages drawn with
    replacement ``rounds`` times (the same draw for both, so a page's snippets move together
    and the two methods are compared on the same resample), the gain recomputed on each.
    The one bootstrap of the trainer's rules and of benchmarks/bench_stage_gain.py. Pure:
    the same arrays and seed give the same result. Needs two pages at least: one page
    resamples to itself, so any gain on it would pass as certain."""
    if base.shape != other.shape or base.ndim != 3 or base.shape[0] < 2:
        shapes = f"{base.shape} and {other.shape}"
        raise ValueError(
            f"need two (pages, languages, 3) arrays of one shape, 2 pages or more, got {shapes}"
        )
    if rounds < 1 or not 0 < percentile < 50:
        raise ValueError(f"need rounds >= 1 and 0 < percentile < 50, got {rounds}, {percentile}")
    observed = statistic(tallies_of(other)) - statistic(tallies_of(base))
    rng = np.random.default_rng(seed)
    n = base.shape[0]
    weights = np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(rounds)])
    flat, shape = (n, -1), (rounds, *base.shape[1:])
    pairs = zip(
        (weights @ other.reshape(flat)).reshape(shape),
        (weights @ base.reshape(flat)).reshape(shape),
        strict=True,
    )
    gain = np.array([statistic(tallies_of(o)) - statistic(tallies_of(b)) for o, b in pairs])
    low, high = np.percentile(gain, [percentile, 100 - percentile])
    return Gain(float(observed), float(low), float(high), float(np.mean(gain > 0)), gain)


def eligible(tallies: dict[str, Tally], rules: dict[str, Tally]) -> bool:
    """Rule 1: in no language is the precision below the rules' less ``MAX_PRECISION_DROP``."""
    return all(
        tallies.get(lang, Tally()).precision
        >= rules.get(lang, Tally()).precision - MAX_PRECISION_DROP
        for lang in LANGUAGES
    )


Variant = tuple[bool, bool]
"""(span stage runs, re-labeller runs): a variant of ``combined``; (False, False) is the rules."""
RULES: Variant = (False, False)


def without_each_stage(variant: Variant) -> list[Variant]:
    """The variants ``variant`` must beat by rule 2: itself with each stage it runs left out."""
    return [(variant[0] and i != 0, variant[1] and i != 1) for i, on in enumerate(variant) if on]


def stage_gains(
    variants: dict[Variant, np.ndarray], statistic: Statistic = macro_f_default
) -> dict[tuple[Variant, Variant], Gain]:
    """Every test rule 2 makes on ``variants`` (per-page judge counts, ``page_counts``):
    (variant, the variant without one of its stages) -> the bootstrap of the gain in
    ``statistic``: the objective, macro F-beta (``macro_f_default``), unless told (the judge
    also runs them in ``macro_f1``, for comparison only)."""
    return {
        (v, w): paired_bootstrap(variants[w], variants[v], statistic=statistic)
        for v in variants
        for w in without_each_stage(v)
    }


def decide_stages(
    variants: dict[Variant, np.ndarray],
    gains: dict[tuple[Variant, Variant], Gain] | None = None,
    synthetic_ok: dict[Variant, bool] | None = None,
) -> Variant:
    """Rule 2: which stages (span stage, re-labeller) ``combined`` runs, from each variant's
    per-page judge counts (keyed by (span stage, re-labeller); (False, False) is the rules).
    A variant is acceptable when it is eligible (rule 1) and, for each stage it runs, its
    gain in macro F-beta (``macro_f_default``; macro F1 until pf18) over itself without that
    stage is real (``Gain.real``); the rules always are. The acceptable variant with the
    highest macro F-beta is chosen, a tie going to fewer stages (and between the two one-stage
    variants to the first in ``variants``' order: ``VARIANTS``). ``gains``:
    ``stage_gains(variants)`` (in macro F-beta) when the caller has run it already.
    ``synthetic_ok`` (``synthetic_verdicts``): a variant marked False breaks the synthetic
    corpus and is not acceptable, whatever its gain (the retrain with heldout22's halves chose
    the re-labeller on top of the span stage, which dropped true figures of the synthetic
    corpus)."""
    rules = tallies_of(variants[RULES])
    gains = stage_gains(variants) if gains is None else gains
    synthetic_ok = synthetic_ok or {}
    ok = [
        v
        for v, counts in variants.items()
        if v == RULES
        or (
            synthetic_ok.get(v, True)
            and eligible(tallies_of(counts), rules)
            and all(gains[(v, w)].real for w in without_each_stage(v))
        )
    ]
    return max(ok, key=lambda v: (macro_f_default(tallies_of(variants[v])), -sum(v)))


def default_gains(
    methods: dict[str, np.ndarray], names: Iterable[str] | None = None
) -> dict[str, Gain]:
    """Rule 3's bootstraps: the gain in macro F-beta at ``DEFAULT_BETA`` (``macro_f_default``)
    over ``methods["rules"]`` of each method (of ``names`` only, when given), by rule 2's
    paired page bootstrap (the objective, as rule 2's)."""
    rules, keep = methods["rules"], set(methods if names is None else names)
    return {
        m: paired_bootstrap(rules, c, statistic=macro_f_default)
        for m, c in methods.items()
        if m in keep
    }


def decide_default(
    methods: dict[str, np.ndarray], allowed: set[str], over_rules: dict[str, Gain] | None = None
) -> str:
    """Rule 3 (pf16; its tie rule, tie26): the default method from each
    method's per-page judge counts: the rules, unless an ``allowed`` other method is eligible
    (rule 1) and its gain in macro F-beta (``macro_f_default``, ``DEFAULT_BETA``) over the rules
    is real by the same paired page bootstrap (``paired_bootstrap``, ``Gain.real``); then, of
    those, the one with the highest macro F-beta only if its lead over each method before it in
    ``NEARER_THE_RULES`` is real by the same bootstrap (``default_tie``); else the nearest.
    ``over_rules``: each method's ``default_gains`` when the caller has run them already."""
    choice, _ = default_tie(methods, passing_default(methods, allowed, over_rules))
    return choice


def passing_default(
    methods: dict[str, np.ndarray], allowed: set[str], over_rules: dict[str, Gain] | None = None
) -> dict[str, float]:
    """The methods that pass rule 3 (allowed, eligible by rule 1, a real macro-F-beta gain over
    the rules), each with its judge macro F-beta."""
    rules = methods["rules"]
    over = over_rules or default_gains(methods, allowed)
    return {
        m: macro_f_default(tallies_of(counts))
        for m, counts in methods.items()
        if m != "rules"
        and m in allowed
        and eligible(tallies_of(counts), tallies_of(rules))
        and over[m].real
    }


def default_tie(
    methods: dict[str, np.ndarray], passing: dict[str, float]
) -> tuple[str, dict[str, Gain]]:
    """Rule 3's tie rule (tie26): of the ``passing`` methods (name -> macro F-beta), the one
    with the highest macro F-beta (a tie to the first in ``methods``' order), unless a method
    before it in ``NEARER_THE_RULES`` also passes and the lead over that one is not real by the
    paired page bootstrap; then the nearest such. Returns the choice and the tests run (keyed
    "best over nearer"). The rules when nothing passes."""
    if not passing:
        return "rules", {}
    best = max(passing, key=passing.__getitem__)
    order = [m for m in NEARER_THE_RULES if m in passing]
    nearer = order[: order.index(best)] if best in order else order
    tests = {
        f"{best} over {m}": paired_bootstrap(methods[m], methods[best], statistic=macro_f_default)
        for m in nearer
    }
    for m in nearer:
        if not tests[f"{best} over {m}"].real:
            return m, tests
    return best, tests


def synthetic_check(synth: list[Doc], model: learned.Model) -> dict[tuple, bool]:
    """For every (keep, add, fallback) setting of the grid (keep None: the learned method,
    with each N of ``GRID_FALLBACK`` and ``model``'s ``span_counts``; the span stage has no
    fallback, 0), does the synthetic corpus keep ``TARGET_PRECISION`` and ``TARGET_RECALL``
    in every file and language (span-matched, as tests/extract/test_learned.py scores it) with
    ``model``'s decisions? ``model`` is fitted on all real text at the setting being
    searched."""
    probs = [learned.probabilities(model, d.features) for d in synth]
    files = _synthetic_files(synth)
    out = {}
    for keep in (None, *GRID_KEEP):
        for add in GRID_ADD:
            for n in GRID_FALLBACK if keep is None else (0,):
                out[(keep, add, n)] = all(
                    _synthetic_passes(synth, probs, idx, model, keep, add, n) for idx in files
                )
    return out


def _synthetic_passes(
    synth: list[Doc],
    probs: list[np.ndarray],
    idx: list[int],
    model: learned.Model,
    keep: float | None,
    add: float,
    fallback: int = 0,
) -> bool:
    preds = {}
    for i in idx:
        d = synth[i]
        scored = learned.decide_scored(
            d.text,
            d.language,
            d.spans,
            probs[i],
            model.classes,
            keep_threshold=keep,
            add_threshold=add,
            counts=model.span_counts,
            fallback=fallback,
        )
        preds[d.text] = [c for c, _ in scored]
    return _file_passes(synth, idx, preds)


def _file_passes(synth: list[Doc], idx: list[int], preds: dict[str, list]) -> bool:
    """Does one synthetic file (docs ``idx``) keep ``TARGET_PRECISION`` and ``TARGET_RECALL``
    in every language with the candidates ``preds`` (by text), span-matched?"""
    raws = [
        {
            "id": synth[i].id,
            "language": synth[i].language,
            "text": synth[i].text,
            "gold": synth[i].gold,
        }
        for i in idx
    ]
    report = evaluate(raws, lambda text: preds[text])
    return all(
        t.precision >= TARGET_PRECISION and t.recall >= TARGET_RECALL
        for t in report.by_language.values()
    )


def cross_validate(
    real: list[Doc],
    synth: list[Doc],
    progress: bool = True,
    fitted: dict[tuple[float, bool], learned.Model] | None = None,
) -> dict:
    """Every grid setting scored out of fold on the training snippets (``cv_score``, macro
    F-beta). The
    fitted setting (C, synthetic corpus in or out) is the one whose best method scores
    highest; the learned method, the span stage on the rules (``span``), the precision-first
    point and the re-labeller on the rules (``relabel``) and on the span stage
    (``span_relabel``) are reported at their best settings. ``fitted``, when given, receives
    the span model fitted on all of ``real`` at each grid setting."""
    test_folds = folds([d.url for d in real])
    probs: dict[tuple[float, bool], list[np.ndarray]] = {}
    classes: dict[tuple[float, bool], list[tuple[str, ...]]] = {}
    counts: dict[tuple[float, bool], list[dict[str, int]]] = {}
    for c in GRID_C:
        for use_synth in GRID_SYNTH:
            key = (c, use_synth)
            probs[key], classes[key] = [None] * len(real), [()] * len(real)  # type: ignore[list-item]
            counts[key] = [{}] * len(real)
            for k, test in enumerate(test_folds):
                held = set(test.tolist())
                train = [d for i, d in enumerate(real) if i not in held]
                model = fit(train + (synth if use_synth else []), c)
                for i in test:
                    probs[key][i] = learned.probabilities(model, real[i].features)
                    classes[key][i] = model.classes
                    counts[key][i] = model.span_counts  # the fold's own training spans
                if progress:
                    print(f"  C={c} synthetic={use_synth} fold {k + 1}/{FOLDS}", file=sys.stderr)
    rule_preds = {d.id: [c for sp in d.spans for c in sp.rules] for d in real}
    models = {key: fit(real + (synth if key[1] else []), key[0]) for key in probs}
    if fitted is not None:
        fitted.update(models)
    per_key = {
        key: _best_thresholds(
            real, probs[key], classes[key], synthetic_check(synth, models[key]), counts[key]
        )
        for key in probs
    }
    key = max(per_key, key=lambda k: max(per_key[k][m]["score"] for m in ("learned", "span")))
    best = {
        "rules": {
            "score": cv_score(real, rule_preds),
            "tallies": _scores(real, rule_preds),
            "preds": rule_preds,
        }
    }
    for method, b in per_key[key].items():
        best[method] = {**b, "C": key[0], "synthetic": key[1]}
    ok = relabel_synthetic_ok(real, synth, models[key], best["span"])
    best.update(_with_relabel(real, best, rule_preds, test_folds, progress, ok))
    for b in best.values():
        preds = b.pop("preds")
        b["by_set"] = {
            name: macro_f1(_scores([d for d in real if d.set == name], preds)) for name in REAL_SETS
        }
        b["folds"] = [macro_f1(_scores([real[i] for i in test], preds)) for test in test_folds]
    return best


def _with_relabel(
    real: list[Doc],
    best: dict,
    rule_preds: dict[str, list],
    test_folds: list,
    progress: bool,
    synthetic_ok: dict[tuple[str, float, float, float], bool] | None = None,
) -> dict[str, dict]:
    """The re-labeller on top of the rules (``relabel``) and on top of the span stage
    (``span_relabel``), each at the setting with the best out-of-fold macro F-beta that keeps
    its base's pooled precision (``pick_relabel``), among the settings that keep the synthetic
    corpus (``synthetic_ok``, ``relabel_synthetic_ok``; all of them when none does, and the
    judge then refuses the variant)."""
    oof = relabel_oof(real, test_folds, progress)
    out = {}
    span = best["span"]
    for name, base in (("relabel", rule_preds), ("span_relabel", span["preds"])):
        rows = relabel_rows(real, base, oof)
        if synthetic_ok is not None:
            rows = synthetic_rows(rows, name, synthetic_ok)
        row = pick_relabel(real, rows, base)
        if synthetic_ok is not None:  # the judge refuses the variant when it is False
            row = {**row, "synthetic_ok": synthetic_ok[(name, *_relabel_setting(row))]}
        out[name] = {**row, "score": cv_score(real, row["preds"])}
        out[name]["tallies"] = _scores(real, row["preds"])
        if name == "span_relabel":
            out[name].update({k: span[k] for k in ("C", "keep_threshold", "add_threshold")})
    return out


def _decisions(
    docs: list[Doc],
    probs: list[np.ndarray],
    classes: list[tuple[str, ...]],
    keep: float | None,
    add: float,
    counts: list[dict[str, int]] | None = None,
    fallback: int = 0,
) -> dict[str, list]:
    """Each doc's candidates under the learned decision at thresholds ``keep`` and ``add``
    (and, for the learned method, the fallback N ``fallback`` over the span counts
    ``counts[i]`` of the model that scored doc ``i``), from its span probabilities
    ``probs[i]`` over ``classes[i]``."""
    counts = counts or [{}] * len(docs)
    return {
        d.id: [
            c
            for c, _ in learned.decide_scored(
                d.text,
                d.language,
                d.spans,
                p,
                cls,
                keep_threshold=keep,
                add_threshold=add,
                counts=n,
                fallback=fallback,
            )
        ]
        for d, p, cls, n in zip(docs, probs, classes, counts, strict=True)
    }


def _best_thresholds(
    real: list[Doc],
    probs: list[np.ndarray],
    classes: list[tuple[str, ...]],
    allowed: dict[tuple, bool],
    counts: list[dict[str, int]] | None = None,
) -> dict[str, dict]:
    """The best thresholds of the learned method (with its fallback N over each doc's fold
    model's ``counts``, a tie to the smaller N) and of the span stage on the rules
    (``span``: among the settings that change something, since whether it runs at all is the
    judge's decision) for one fitted setting, and the span stage's precision-first setting
    (``TARGET_PRECISION``). Settings ``allowed`` marks False (they break the synthetic
    corpus, ``synthetic_check``) are no candidates for the span stage; the learned method's
    best setting records whether it keeps it (``synthetic_ok``), and it may only become the
    default if it does."""
    best: dict[str, dict] = {}
    rules_row: dict = {}
    for method, keeps, fallbacks in (
        ("learned", (None,), GRID_FALLBACK),
        ("span", GRID_KEEP, (0,)),
    ):
        for keep, n, add in product(keeps, fallbacks, GRID_ADD):
            rules_alone = add == NEVER and not keep
            if method == "span" and not (allowed[(keep, add, n)] or rules_alone):
                continue  # breaks the synthetic corpus
            preds = _decisions(real, probs, classes, keep, add, counts, n)
            row = {
                "score": cv_score(real, preds),
                "tallies": _scores(real, preds),
                "preds": preds,
                "keep_threshold": keep,
                "add_threshold": add,
                "synthetic_ok": bool(allowed[(keep, add, n)]),
            }
            if method == "learned":
                row["fallback"] = n
            if method == "span" and rules_alone:
                rules_row = row
            elif row["score"] > best.get(method, {}).get("score", -1.0):
                best[method] = row
            if method == "span" and _precision_first(row) > _precision_first(
                best.get("precision_first")
            ):
                best["precision_first"] = row
    best.setdefault("span", rules_row)  # no setting that runs keeps the synthetic corpus
    best["span"] = {**best["span"], "judge_settings": judge_settings(allowed)}
    return best


Setting = tuple[float, float]
"""The span stage's (keep, add) thresholds, as the judge chooses them (keepj27, addj29)."""


def judge_settings(allowed: dict[tuple, bool]) -> tuple[Setting, ...]:
    """The (keep, add) pairs the judge may choose among (addj29): every pair of ``GRID_KEEP``
    and ``GRID_ADD`` that runs the span stage (not keep 0 with add ``NEVER``) and keeps the
    synthetic corpus (``allowed``, ``synthetic_check``). Pure."""
    return tuple(
        (k, a)
        for a in GRID_ADD
        for k in GRID_KEEP
        if allowed.get((k, a, 0)) and not (a == NEVER and not k)
    )


def nearer_the_rules(setting: Setting) -> tuple[float, float]:
    """The tie order of the judge's choice: a smaller keep (vetoes fewer rules candidates),
    then a higher add threshold (adds fewer of the model's): nearer the rules first."""
    keep, add = setting
    return (-keep, add)


def choose_setting(
    per_set: dict[Setting, np.ndarray],
) -> tuple[Setting, list[Setting], dict[Setting, float]]:
    """keepj27's and addj29's choice from each setting's (sets, languages, 3) judge counts
    (``set_counts``): the setting with the highest judge macro F-beta (``macro_f_default``) on
    all sets, a tie to the one nearer the rules (``nearer_the_rules``); the setting chosen so
    with each set left out, in set order; and every setting's macro F-beta on all sets. Pure."""
    settings = sorted(per_set)
    n = next(iter(per_set.values())).shape[0]
    if n < 2:  # with one set left out nothing would remain to choose on
        raise ValueError(f"keepj27 needs at least two judge sets, got {n}")

    def scores(mask: np.ndarray) -> dict[Setting, float]:
        return {st: macro_f_default(tallies_of(per_set[st][mask])) for st in settings}

    def best(mask: np.ndarray) -> Setting:
        sc = scores(mask)
        return max(settings, key=lambda st: (sc[st], *nearer_the_rules(st)))

    every = np.ones(n, dtype=bool)
    left_out = [best(np.arange(n) != i) for i in range(n)]
    return best(every), left_out, scores(every)


def set_counts(docs: list[Doc], sets: list[str], preds: dict[str, list]) -> np.ndarray:
    """(sets, languages, 3) array of (tp, fp, fn) by (indicator, value within 2%) of each
    doc's candidates ``preds[doc.id]``, added to its set's row (``sets``, in row order)."""
    row = {name: i for i, name in enumerate(sets)}
    out = np.zeros((len(sets), len(LANGUAGES), 3), dtype=np.int64)
    for d in docs:
        right, found = matched(preds[d.id], d.gold)
        cell = out[row[d.set], LANGUAGES.index(d.language)]
        cell += (sum(right), len(right) - sum(right), len(found) - sum(found))
    return out


def judge_setting_choice(
    docs: list[Doc], span_row: dict, decided: Callable[[float, float], dict[str, list]]
) -> tuple[dict[str, list], dict]:
    """keepj27 and addj29 on the judge's ``docs``: the span stage's candidates CROSS-FITTED
    by set (each set's check half at the (keep, add) pair chosen on the others,
    ``choose_setting``) and the choice's record (the pair chosen on every set, the CV's, the
    pairs with each set left out, the macro F-beta at each pair). ``decided(keep, add)`` gives
    every doc's candidates. With no pair to choose (``judge_settings`` empty: the stage does
    not run) the CV's pair stands. addg30: when the choice on all sets or on any set left out
    adds (an add threshold below ``NEVER``), the same choice among the veto-only pairs is
    made too and stands unless the additions' cross-fitted gain over it is real
    (``additions_earn``); the record then holds ``additions_gain`` and, when refused, the
    choice with additions as ``with_additions``."""
    cv = (span_row["keep_threshold"], span_row["add_threshold"])
    settings = tuple(span_row.get("judge_settings") or ()) or (cv,)
    by_setting = {st: decided(*st) for st in settings}
    sets = list(dict.fromkeys(d.set for d in docs))
    counts = {st: set_counts(docs, sets, p) for st, p in by_setting.items()}
    preds, record = _cross_fitted_choice(docs, sets, by_setting, counts)
    veto = {st: c for st, c in counts.items() if st[1] == NEVER}
    adds = {record["add_threshold"], *record["add_by_left_out_set"].values()}
    if adds == {NEVER} or not veto:  # no set's figures hold an addition: nothing to test
        return preds, {**record, "cv_keep": cv[0], "cv_add_threshold": cv[1]}
    veto_preds, veto_record = _cross_fitted_choice(docs, sets, by_setting, veto)
    gain = additions_earn(docs, veto_preds, preds)
    if not gain.real:  # addg30: the additions' gain is not real, the veto-only choice stands
        preds, record = veto_preds, {**veto_record, "with_additions": record}
    record["additions_gain"] = gain.summary()
    return preds, {**record, "cv_keep": cv[0], "cv_add_threshold": cv[1]}


def _cross_fitted_choice(
    docs: list[Doc],
    sets: list[str],
    by_setting: dict[Setting, dict[str, list]],
    counts: dict[Setting, np.ndarray],
) -> tuple[dict[str, list], dict]:
    """keepj27's choice among the settings of ``counts`` (``choose_setting``), each doc's
    candidates at the setting chosen with its set left out, and the choice's record."""
    (keep, add), left_out, scores = choose_setting(counts)
    chosen = dict(zip(sets, left_out, strict=True))
    preds = {d.id: by_setting[chosen[d.set]][d.id] for d in docs}
    record = {
        "keep": keep,
        "add_threshold": add,
        "grid": [list(st) for st in counts],
        "macro_f_default_by_setting": {f"{k}/{a}": round(v, 4) for (k, a), v in scores.items()},
        "keep_by_left_out_set": {name: st[0] for name, st in chosen.items()},
        "add_by_left_out_set": {name: st[1] for name, st in chosen.items()},
    }
    return preds, record


def additions_earn(docs: list[Doc], veto: dict[str, list], with_additions: dict[str, list]) -> Gain:
    """addg30's test: the paired page bootstrap (``paired_bootstrap``, rule 2's) of the gain
    in macro F-beta (``macro_f_default``) of the judge's cross-fitted choice among every pair
    (``with_additions``) over its choice among the veto-only pairs (``veto``)."""
    pages = sorted(set(page_keys(d.url for d in docs)))

    def counts(preds: dict[str, list]) -> np.ndarray:
        return page_counts(pages, ((d.url, d.language, d.gold, preds[d.id]) for d in docs))

    return paired_bootstrap(counts(veto), counts(with_additions), statistic=macro_f_default)


def _precision_first(row: dict | None) -> tuple[bool, float]:
    """Order of settings for the precision-first point: reaching the target precision in
    every language first, then recall (when reached) or pooled precision (when not)."""
    if row is None:
        return (False, -1.0)
    tallies = row["tallies"].values()
    pooled = summed(tallies)
    reached = all(t.precision >= TARGET_PRECISION for t in tallies)
    return (reached, pooled.recall if reached else pooled.precision)


def synthetic_verdicts(best: dict) -> dict[Variant, bool]:
    """Does each variant of ``combined`` keep the synthetic corpus at its CV setting? The span
    stage's verdict is ``synthetic_check``'s, the re-labeller's ``relabel_synthetic_ok``'s,
    both recorded on the CV's rows (``synthetic_ok``); a row without one keeps it. Pure."""
    return {v: bool(best[VARIANTS[v]].get("synthetic_ok", True)) for v in VARIANTS if v != RULES}


def _synthetic_files(synth: list[Doc]) -> list[list[int]]:
    """The synthetic corpus's docs grouped by file (its ``url``), as the targets are per file."""
    files: dict[str, list[int]] = {}
    for i, d in enumerate(synth):
        files.setdefault(d.url, []).append(i)
    return list(files.values())


def _synthetic_keeps(synth: list[Doc], files: list[list[int]], preds: dict[str, list]) -> bool:
    """Do the candidates ``preds`` (by doc id) keep every synthetic file's targets?"""
    return all(
        _file_passes(synth, idx, {synth[i].text: preds[synth[i].id] for i in idx}) for idx in files
    )


def relabel_synthetic_ok(
    real: list[Doc], synth: list[Doc], model: learned.Model, span_row: dict
) -> dict[tuple[str, float, float, float], bool]:
    """For the re-labeller on the rules (``relabel``) and on the span stage at ``span_row``'s
    thresholds (``span_relabel``, the span model ``model``), at every grid setting (C, switch,
    drop), fitted on all of ``real`` as the stored one is: does the synthetic corpus keep its
    targets? The CV picks the re-labeller's setting among those that do, as it picks the span
    stage's (``synthetic_check``); the chosen row records its verdict, which the judge reads
    (``synthetic_verdicts``)."""
    n = len(synth)
    probs = [learned.probabilities(model, d.features) for d in synth]
    rules = {d.id: [c for sp in d.spans for c in sp.rules] for d in synth}
    keep, add = span_row["keep_threshold"], span_row["add_threshold"]
    span = _decisions(synth, probs, [model.classes] * n, keep, add, [model.span_counts] * n)
    files = _synthetic_files(synth)
    out = {}
    for c in GRID_RELABEL_C:
        r = fit_relabel(real, c)
        scored = [(r, relabel.probabilities(r, d.cand_features)) for d in synth]
        for name, base in (("relabel", rules), ("span_relabel", span)):
            for switch, drop in product(GRID_SWITCH, GRID_DROP):
                preds = apply_relabel(synth, base, scored, switch, drop)
                out[(name, c, switch, drop)] = _synthetic_keeps(synth, files, preds)
    return out


def judge(
    real: list[Doc],
    docs: list[Doc],
    best: dict,
    model: learned.Model,
    synth: list[Doc] | None = None,
) -> dict:
    """Every method and variant scored on the judge's ``docs`` (``load_judge``) with the span
    model ``model`` and the re-labeller fitted on all of ``real`` at the CV's settings (the
    span stage's keep threshold chosen on the judge and its figures cross-fitted by set,
    ``judge_setting_choice``, keepj27, addj29), and the decision rule applied (``decide``), a
    variant whose CV setting breaks the synthetic corpus refused (its row's ``synthetic_ok``,
    ``synthetic_verdicts``; the span stage with the re-labeller checked again at the judge's
    pair, ``relabel_synthetic_ok``, when ``synth`` is given and the pair moved). Tallies
    only."""
    probs = [learned.probabilities(model, d.features) for d in docs]
    classes = [model.classes] * len(docs)
    counts = [model.span_counts] * len(docs)

    def decided(keep: float | None, add: float, fallback: int = 0) -> dict[str, list]:
        return _decisions(docs, probs, classes, keep, add, counts, fallback)

    rules = {d.id: [c for sp in d.spans for c in sp.rules] for d in docs}
    span, keep_choice = judge_setting_choice(docs, best["span"], decided)
    lb = best["learned"]
    preds = {"rules": rules, "learned": decided(None, lb["add_threshold"], lb["fallback"])}
    preds["span"] = span
    for name, base in (("relabel", rules), ("span_relabel", span)):
        row = best[name]
        r = fit_relabel(real, row["relabel_C"])
        scored = [(r, relabel.probabilities(r, d.cand_features)) for d in docs]
        preds[name] = apply_relabel(
            docs, base, scored, row["switch_threshold"], row["drop_threshold"]
        )
    pages = sorted(set(page_keys(d.url for d in docs)))
    counts = {
        m: page_counts(pages, ((d.url, d.language, d.gold, p[d.id]) for d in docs))
        for m, p in preds.items()
    }
    verdicts = synthetic_verdicts(best)
    moved = (keep_choice["keep"], keep_choice["add_threshold"]) != (
        best["span"]["keep_threshold"],
        best["span"]["add_threshold"],
    )
    if synth is not None and moved:  # the CV's verdict was for the span stage at its own pair
        pair = {
            "keep_threshold": keep_choice["keep"],
            "add_threshold": keep_choice["add_threshold"],
        }
        grid = relabel_synthetic_ok(real, synth, model, pair)
        ok = grid[("span_relabel", *_relabel_setting(best["span_relabel"]))]
        verdicts[(True, True)] = keep_choice["span_relabel_synthetic_ok"] = ok
    result = decide(counts, best["learned"]["synthetic_ok"], verdicts)
    return {**result, "pages": len(pages), "keep_choice": keep_choice}


def decide(
    counts: dict[str, np.ndarray],
    learned_allowed: bool,
    synthetic_ok: dict[Variant, bool] | None = None,
) -> dict:
    """Rules 2 and 3 on the judge's per-page counts of each method and variant (``rules``,
    ``learned`` and ``VARIANTS``' names): which stages ``combined`` runs (macro F-beta), the
    default (macro F-beta over the rules; ``learned`` only when ``learned_allowed``), every
    bootstrap for the table (rule 2's tests and each method's gain over the rules also in
    macro F1, for comparison only), and the tallies, ``combined`` among them; a variant
    ``synthetic_ok`` marks False is no choice of rule 2 (``decide_stages``). Pure."""
    counts = dict(counts)
    by_variant = {v: counts[m] for v, m in VARIANTS.items()}
    gains = stage_gains(by_variant)  # each bootstrap run once, for the rule and the table
    gains_f1 = stage_gains(by_variant, macro_f1)  # for comparison only
    over_rules = {m: paired_bootstrap(counts["rules"], c) for m, c in counts.items()}
    over_rules_default = default_gains(counts)  # macro F-beta, rule 3's test
    stages = decide_stages(by_variant, gains, synthetic_ok)
    counts["combined"] = counts[VARIANTS[stages]]
    over_rules["combined"] = over_rules[VARIANTS[stages]]
    over_rules_default["combined"] = over_rules_default[VARIANTS[stages]]
    allowed = {"combined"} | ({"learned"} if learned_allowed else set())
    methods = {m: counts[m] for m in learned.METHODS}
    passing = passing_default(methods, allowed, over_rules_default)
    default, tie_tests = default_tie(methods, passing)
    return {
        "stages": stages,
        "default": default,
        "default_tie": tie_tests,
        "tallies": {m: tallies_of(c) for m, c in counts.items()},
        "over_rules": over_rules,
        "over_rules_default": over_rules_default,
        "stage_tests": gains,
        "stage_tests_f1": gains_f1,
        "synthetic_ok": {VARIANTS[v]: ok for v, ok in (synthetic_ok or {}).items()},
    }


VARIANTS: dict[Variant, str] = {
    RULES: "rules",
    (False, True): "relabel",
    (True, False): "span",
    (True, True): "span_relabel",
}
"""The variants of ``combined`` by (span stage, re-labeller), as the judge names them."""


def page_keys(urls: Iterable[str]) -> list[str]:
    """Each snippet's page, as ``build_set.halves`` splits by it (``_url_key``), in order.
    build_set.py is loaded once per call, not per URL (a load costs a few milliseconds, and
    the judge keys each of its ~1,100 snippets once per method)."""
    url_key = _build_set()._url_key
    return [str(url_key(url)) for url in urls]


def page_counts(pages: list[str], scored: Iterable[tuple[str, str, list, list]]) -> np.ndarray:
    """(pages, languages, 3) array of (tp, fp, fn) by (indicator, value within 2%) of
    ``scored`` snippets, each given as (url, language, gold figures, candidates) and added to
    its page's row (``pages``: page keys, ``page_keys``, in row order). What
    ``paired_bootstrap`` resamples; counts only."""
    row = {p: i for i, p in enumerate(pages)}
    out = np.zeros((len(pages), len(LANGUAGES), 3), dtype=np.int64)
    snippets = list(scored)
    keys = page_keys(url for url, *_ in snippets)
    for key, (_, language, gold, cands) in zip(keys, snippets, strict=True):
        right, found = matched(cands, gold)
        cell = out[row[key], LANGUAGES.index(language)]
        cell += (sum(right), len(right) - sum(right), len(found) - sum(found))
    return out


def judge_table(result: dict, docs: list[Doc]) -> dict:
    """The judge's figures as stored in model.json: its size, the rule, per method and variant
    the precision / recall per language, macro F1 and macro F-beta (``DEFAULT_BETA``) with each
    one's gain over the rules and its interval, and eligibility."""
    rules = result["tallies"]["rules"]
    figures = Counter()
    for d in docs:
        figures[d.language] += len(d.gold)
    return {
        "sets": list(JUDGE_SETS),
        "snippets": len(docs),
        "figures": {lang: figures[lang] for lang in LANGUAGES},
        "pages": result["pages"],
        "rule": {
            "max_precision_drop": MAX_PRECISION_DROP,
            "bootstrap_rounds": BOOTSTRAP_ROUNDS,
            "bootstrap_seed": BOOTSTRAP_SEED,
            "bootstrap_percentile": BOOTSTRAP_PERCENTILE,
            "default_beta": DEFAULT_BETA,
        },
        "objective": OBJECTIVE,
        "stage_tests": {
            f"{VARIANTS[v]} over {VARIANTS[w]}": g.summary()
            for (v, w), g in result["stage_tests"].items()
        },
        "stage_tests_f1": {
            f"{VARIANTS[v]} over {VARIANTS[w]}": g.summary()
            for (v, w), g in result["stage_tests_f1"].items()
        },
        "span_stage": result["stages"][0],
        "keep_choice": result.get("keep_choice", {}),
        "relabel_stage": result["stages"][1],
        "synthetic_ok": result.get("synthetic_ok", {}),
        "default_method": result["default"],
        "default_tie": {name: g.summary() for name, g in result["default_tie"].items()},
        "methods": {
            m: {
                "macro_f1": round(macro_f1(t), 4),
                "gain": round(macro_f1(t) - macro_f1(rules), 4),
                "gain_interval": [
                    round(result["over_rules"][m].low, 4),
                    round(result["over_rules"][m].high, 4),
                ],
                "macro_f_default": round(macro_f_default(t), 4),
                "gain_f_default": round(macro_f_default(t) - macro_f_default(rules), 4),
                "gain_f_default_interval": [
                    round(result["over_rules_default"][m].low, 4),
                    round(result["over_rules_default"][m].high, 4),
                ],
                "eligible": eligible(t, rules),
                "by_language": _cells(t),
            }
            for m, t in result["tallies"].items()
        },
    }


SETTINGS = (
    "C",
    "synthetic",
    "keep_threshold",
    "add_threshold",
    "relabel_C",
    "switch_threshold",
    "drop_threshold",
    "fallback",
    "synthetic_ok",
)


def _table(best: dict) -> dict:
    out = {}
    for method, b in best.items():
        out[method] = {
            "macro_f1": round(macro_f1(b["tallies"]), 4),
            "macro_f_default": round(macro_f_default(b["tallies"]), 4),
            **{k: b[k] for k in SETTINGS if k in b},
            "by_language": _cells(b["tallies"]),
            "macro_f1_by_set": {k: round(v, 4) for k, v in b["by_set"].items()},
            "macro_f1_by_fold": [round(v, 4) for v in b["folds"]],
        }
    return out


def _cells(tallies: dict[str, Tally]) -> dict[str, dict]:
    rows = {**dict(sorted(tallies.items())), "all": summed(tallies.values())}
    return {
        lang: {
            "precision": round(t.precision, 3),
            "recall": round(t.recall, 3),
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
        }
        for lang, t in rows.items()
    }


def print_cv(table: dict) -> None:
    print(
        f"grouped {FOLDS}-fold CV by page URL over the training snippets of "
        f"{', '.join(REAL_SETS)} (tune halves only of {', '.join(HALF_SETS)}), (indicator, "
        "value within 2%), out of fold for the models; the rules were tuned on most of these "
        f"snippets, so their figures here are in-sample. Settings are chosen by macro "
        f"F{DEFAULT_BETA:.2f} (macro F1 beside it; by set and by fold in F1); stages by the judge."
    )
    print(f"{'method':15} {'language':8} {'P':>6} {'R':>6}")
    for method, b in table.items():
        for lang, t in b["by_language"].items():
            print(f"{method:15} {lang:8} {t['precision']:6.3f} {t['recall']:6.3f}")
        setting = {k: b[k] for k in SETTINGS if k in b}
        print(
            f"{method:15} macro F{DEFAULT_BETA:.2f} {b['macro_f_default']:.4f}, "
            f"macro F1 {b['macro_f1']:.4f}; "
            f"F1 by set {b['macro_f1_by_set']}; "
            f"by fold {b['macro_f1_by_fold']}; {setting}"
        )


JUDGE_ROWS = {
    "rules": "rules",
    "learned": "learned",
    "relabel": "rules + re-labeller",
    "span": "rules + span stage",
    "span_relabel": "rules + span stage + re-labeller",
    "combined": "combined as decided",
}
"""The judge's rows, as ``print_judge`` and ``markdown_table`` name them."""


def print_judge(jt: dict) -> None:
    figures = ", ".join(f"{lang} {n}" for lang, n in jt["figures"].items())
    print(
        f"\nthe judge: check halves of {', '.join(JUDGE_HALVES)}, {jt['snippets']} snippets, "
        f"{sum(jt['figures'].values())} figures ({figures}); models fitted on all training "
        f"snippets. Rule: a stage runs when no language loses more than {MAX_PRECISION_DROP} "
        f"precision against the rules and its macro-F{DEFAULT_BETA:.2f} gain (macro F1 until "
        f"pf18; shown beside it) is real by a paired bootstrap of "
        f"the judge's {jt.get('pages', '?')} pages ({BOOTSTRAP_ROUNDS} rounds, seed "
        f"{BOOTSTRAP_SEED}): its {BOOTSTRAP_PERCENTILE:g}th percentile above 0. The default "
        f"is the rules unless an allowed method keeps that guard and its macro-F{DEFAULT_BETA:.2f} "
        f"gain over the rules passes that test (rule 3)."
    )
    if jt.get("synthetic_ok"):  # judges stored before the retrain of 2026-12-07 03:33 UTC lack it
        kept = ", ".join(f"{v} {'yes' if ok else 'NO'}" for v, ok in jt["synthetic_ok"].items())
        print(f"keeps the synthetic corpus (a variant that does not is no choice): {kept}")
    if jt.get("keep_choice"):  # judges stored before keepj27 (2026-12-07) lack it
        print(keep_choice_line(jt["keep_choice"], jt["span_stage"]))
    print(markdown_table(jt))
    for key, stat in (("stage_tests", f"F{DEFAULT_BETA:.2f}"), ("stage_tests_f1", "F1")):
        for name, g in jt[key].items():
            print(
                f"{name}: macro-{stat} gain {g['observed']:+.4f}, "
                f"{100 - 2 * BOOTSTRAP_PERCENTILE:g}% interval [{g['low']:+.4f}, "
                f"{g['high']:+.4f}], above 0 in {g['above_zero']:.1%}"
            )
    for name, g in jt.get("default_tie", {}).items():
        print(
            f"rule 3's tie test, {name}: macro-F{DEFAULT_BETA:.2f} lead {g['observed']:+.4f}, "
            f"{100 - 2 * BOOTSTRAP_PERCENTILE:g}% interval [{g['low']:+.4f}, {g['high']:+.4f}]"
        )
    print(
        f"span stage {'ON' if jt['span_stage'] else 'off'}, re-labeller "
        f"{'ON' if jt['relabel_stage'] else 'off'}; default method: {jt['default_method']}"
    )


def keep_choice_line(kc: dict, stage_on: bool = True) -> str:
    """keepj27's (addj29's) choice in one line: the keep and add thresholds, the CV's, the
    five best settings' judge macro F-beta and how often each setting was chosen with one set
    left out; with the stage off (``stage_on`` False) the stored keep is 0 whatever the
    choice, and the line says so."""
    adds = kc["add_by_left_out_set"]
    left = Counter(f"{k}/{adds[name]}" for name, k in kc["keep_by_left_out_set"].items())
    by = kc["macro_f_default_by_setting"]
    top = sorted(by.items(), key=lambda kv: -kv[1])[:5]  # the five best settings
    scores = ", ".join(f"{k} {v:.4f}" for k, v in top)
    chosen = ", ".join(f"{k} x{n}" for k, n in sorted(left.items()))
    return (
        f"span stage thresholds (keepj27, addj29): keep {kc['keep']}, add "
        f"{kc['add_threshold']} on the judge"
        f"{'' if stage_on else ' (the stage is off: the stored keep is 0)'} (the CV's keep "
        f"{kc['cv_keep']}, add {kc['cv_add_threshold']}); the best by judge macro "
        f"F{DEFAULT_BETA:.2f}: "
        f"{scores}; with one set left out: {chosen} (the span stage's judge figures below "
        f"are cross-fitted so){_additions_clause(kc)}"
    )


def _additions_clause(kc: dict) -> str:
    """addg30's verdict for ``keep_choice_line``: the additions' gain over the veto alone
    and whether it stood; empty when the judge's choice added nothing to test."""
    gain = kc.get("additions_gain")
    if gain is None:
        return ""
    interval = f"[{gain['low']:+.4f}, {gain['high']:+.4f}]"
    if "with_additions" in kc:
        other = kc["with_additions"]
        return (
            f"; addg30: the additions of keep {other['keep']}, add {other['add_threshold']} "
            f"gained {gain['observed']:+.4f} {interval} over the veto alone, not real: "
            "the veto-only choice stands"
        )
    return f"; addg30: the additions gained {gain['observed']:+.4f} {interval}, real"


def markdown_table(jt: dict) -> str:
    """The judge's figures as a Markdown table (precision / recall per language), the objective
    labelled with the beta the judge was decided under (``rule.default_beta``, stored with it)."""
    interval = f"{100 - 2 * BOOTSTRAP_PERCENTILE:g}% interval"  # 90% at the 5th percentile
    fb = f"F{float(jt.get('rule', {}).get('default_beta', DEFAULT_BETA)):.2f}"
    head = "| method | " + " | ".join(LANGUAGES) + f" | all | macro F1 | gain | {interval} |"
    head += f" macro {fb} | {fb} gain | {fb} {interval} |"
    lines = [head + " eligible |", "|---" * 12 + "|"]
    nan = (float("nan"), float("nan"))
    for key, name in JUDGE_ROWS.items():
        m = jt["methods"][key]
        cells = " | ".join(
            f"{m['by_language'][lang]['precision']:.3f} / {m['by_language'][lang]['recall']:.3f}"
            for lang in (*LANGUAGES, "all")
        )
        low, high = m.get("gain_interval", nan)
        fb_low, fb_high = m.get("gain_f_default_interval", nan)
        lines.append(
            f"| {name} | {cells} | {m['macro_f1']:.4f} | {m['gain']:+.4f} | "
            f"[{low:+.4f}, {high:+.4f}] | {m.get('macro_f_default', nan[0]):.4f} | "
            f"{m.get('gain_f_default', nan[0]):+.4f} | [{fb_low:+.4f}, {fb_high:+.4f}] | "
            f"{'yes' if m['eligible'] else 'no'} |"
        )
    return "\n".join(lines)


def train(out_dir: Path = learned.MODEL_DIR, progress: bool = True) -> dict:
    """CV (settings), judge (stages and default), fit on all training text, write."""
    real, synth = load_real(), load_synthetic()
    fitted: dict[tuple[float, bool], learned.Model] = {}
    best = cross_validate(real, synth, progress, fitted)
    table = _table(best)
    span = best["span"]
    model = fitted[(span["C"], span["synthetic"])]
    docs = load_judge()
    result = judge(real, docs, best, model, synth)
    verdict = judge_table(result, docs)
    span_stage, relabel_stage = result["stages"]
    row = best["span_relabel" if span_stage else "relabel"]
    relabeller = fit_relabel(real, row["relabel_C"])
    meta = {
        "feature_version": learned.FEATURE_VERSION,
        "training_digest": data_digest(),
        "model": "multinomial logistic regression (scikit-learn LogisticRegression, lbfgs)",
        "C": span["C"],
        "synthetic": span["synthetic"],
        "seed": SEED,
        "keep_threshold": result["keep_choice"]["keep"] if span_stage else 0.0,
        "add_threshold": result["keep_choice"]["add_threshold"] if span_stage else NEVER,
        "relabel": {
            "model": "multinomial logistic regression over rules candidates (scikit-learn)",
            "C": row["relabel_C"],
            "switch_threshold": row["switch_threshold"] if relabel_stage else NEVER,
            "drop_threshold": row["drop_threshold"] if relabel_stage else NEVER,
            "groups": [list(g) for g in RELABEL_GROUPS],
            "candidates": sum(len(d.cands) for d in real),
            "classes": list(relabeller.classes),
            "features": sorted(relabeller.index, key=relabeller.index.__getitem__),
        },
        "learned_add_threshold": best["learned"]["add_threshold"],
        "learned_fallback": best["learned"]["fallback"],
        "span_counts": model.span_counts,
        "precision_first": {
            k: best["precision_first"][k] for k in ("keep_threshold", "add_threshold")
        },
        "default_method": result["default"],
        "spans": sum(len(d.spans) for d in real + (synth if span["synthetic"] else [])),
        "cv": table,
        "judge": verdict,
        "classes": list(model.classes),
        "features": sorted(model.index, key=model.index.__getitem__),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "model.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    np.savez_compressed(
        out_dir / "weights.npz",
        weights=model.weights.astype(np.float32),
        intercept=model.intercept.astype(np.float32),
        relabel_weights=relabeller.weights.astype(np.float32),
        relabel_intercept=relabeller.intercept.astype(np.float32),
    )
    return meta


def stale_reasons(stored: dict) -> list[str]:
    """Why the stored model.json does not fit the code and data (empty when it does): its
    digest is not ``data_digest()``, its learned fallback N is not of ``GRID_FALLBACK``, or
    its ``span_counts`` are not the real training spans recounted (``recount_spans``; the
    model is fitted on all real snippets, so its counts are all of them)."""
    out = []
    if stored.get("training_digest") != data_digest():
        out.append("training digest differs (data, split, grid or rule changed)")
    if stored.get("learned_fallback") not in GRID_FALLBACK:
        out.append(f"learned_fallback {stored.get('learned_fallback')!r} not in {GRID_FALLBACK}")
    if stored.get("span_counts") != recount_spans():
        out.append("span_counts differ from the real training spans recounted")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 when the weights are stale")
    ap.add_argument(
        "--table", action="store_true", help="print the stored judge as a Markdown table"
    )
    ap.add_argument(
        "--confusions",
        action="store_true",
        help="print the rules' wrong names and the re-labeller's out-of-fold moves (training data)",
    )
    args = ap.parse_args(argv)
    if args.confusions:
        stored = json.loads((learned.MODEL_DIR / "model.json").read_text(encoding="utf-8"))
        print_confusions(load_real(), float(stored["relabel"]["C"]))
        return 0
    if args.table:
        stored = json.loads((learned.MODEL_DIR / "model.json").read_text(encoding="utf-8"))
        print_judge(stored["judge"])
        return 0
    if args.check:
        stored = json.loads((learned.MODEL_DIR / "model.json").read_text(encoding="utf-8"))
        problems = stale_reasons(stored)
        for problem in problems:
            print(problem)
        print(
            "model is current"
            if not problems
            else "stale model: run python tools/train_extractor.py"
        )
        return 0 if not problems else 1
    meta = train()
    print_cv(meta["cv"])
    print_judge(meta["judge"])
    print(
        f"default method: {meta['default_method']}; {len(meta['features'])} features, "
        f"{len(meta['classes'])} classes, {meta['spans']} training spans"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
