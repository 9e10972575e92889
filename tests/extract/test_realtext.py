"""The real-text set (tests/extract/realtext/, quoted from stored public pages; see GUIDE.md):
well-formed, split once by URL, reproducible from its sources, and the rules keep the scores
measured on the held-out sets (issue 14). Each set was scored blind once; afterwards held-out
v1 and heldout2 were read by the rules passes (v1 from the seventh on,
docs/extract-history.md) and trained on by the learned step, heldout3-8 tuned on whole or by
half (the note above each floor says which and when): their floors are regression checks,
not measures of unseen text.
heldout9's floors were set at its one blind score; its tune half has been read since.
heldout10's floors were set at its one blind score; no rules pass has read it since.
heldout11's floors were set at its one blind score; its tune half has been read since.
heldout12's floors were set at its one blind score; its tune half has been read since.
heldout13's floors were set at its one blind score; its tune half has been read since.
heldout14's floors were set at its one blind score; its tune half has been read since.
heldout15's floors were set at its one blind score; its tune half has been read since.
heldout16's floors were set at its one blind score; no rules pass has read it. The
floors sit a little below what was measured, so a regression fails; they are not the issue's
targets (precision 0.9, recall 0.8), which the blind sets do not reach yet: docs/extract.md
reports both."""

from __future__ import annotations

import functools

import pytest

from transplant_audit.extract.evaluate import evaluate_values

from .conftest import LANGUAGES, REALTEXT, assert_snippets_well_formed, import_script
from .conftest import load_realtext as load

# Floors sit a little below what was measured, so a regression fails; raise them when the extractor
# improves, never lower them to pass. Held-out v1 (scored blind on 2026-12-04, then used only as a
# check by score until the seventh passes read its errors): rules on 2026-12-05 after the fourth
# pass, en 0.750/0.580, zh-Hans 0.809/0.691, zh-Hant 0.843/0.457; after the sixth pass
# (bench_extract.py --values, 2026-12-05 08:55 UTC) en 0.754/0.591, zh-Hans 0.854/0.745, zh-Hant
# 0.847/0.532; after the eighth pass (11:40 UTC, main 1dff854) en 0.770/0.648, zh-Hans 0.882/0.818,
# zh-Hant 0.885/0.574.
HELDOUT_FLOORS = {
    "en": (0.75, 0.62),
    "zh-Hans": (0.86, 0.79),
    "zh-Hant": (0.86, 0.55),
}

# heldout2 was scored blind once (all 0.730/0.526) and then TUNED ON in the fourth pass: its
# figures are now development figures (en 0.961/0.859, zh-Hans 0.915/0.868, zh-Hant
# 0.923/0.873), kept as a regression check only. After the sixth pass (bench_extract.py
# --values, 2026-12-05 08:55 UTC): en 0.980/0.865, zh-Hans 0.948/0.934, zh-Hant 0.918/0.918.
HELDOUT2_FLOORS = {
    "en": (0.96, 0.84),
    "zh-Hans": (0.92, 0.91),
    "zh-Hant": (0.89, 0.89),
}

# heldout3 was scored blind once (2026-12-05, rules: en 0.658/0.470, zh-Hans 0.681/0.620,
# zh-Hant 0.687/0.641) and then TUNED ON (its tune half, build_set.heldout3_halves) in the
# fifth and sixth passes and trained on by the learned step: its figures are now development
# figures (after the sixth pass: en 0.842/0.706, zh-Hans 0.777/0.777, zh-Hant 0.826/0.792),
# kept as a regression check. After the eighth pass (11:40 UTC, main 1dff854): en 0.856/0.723,
# zh-Hans 0.785/0.793, zh-Hant 0.829/0.807.
HELDOUT3_FLOORS = {
    "en": (0.83, 0.70),
    "zh-Hans": (0.76, 0.77),
    "zh-Hant": (0.81, 0.78),
}

# heldout4, gathered blind while heldout3 was tuned on, was scored ONCE with rules and model
# frozen (2026-12-05, rules: en 0.697/0.563, zh-Hans 0.743/0.654, zh-Hant 0.702/0.634) and
# then TUNED ON by half (build_set.heldout4_halves) in the sixth pass: its figures are now
# development figures (en 0.804/0.670, zh-Hans 0.870/0.740, zh-Hant 0.886/0.790), kept as a
# regression check. After the eighth pass (11:40 UTC, main 1dff854): en 0.833/0.719, zh-Hans
# 0.871/0.745, zh-Hant 0.888/0.806.
HELDOUT4_FLOORS = {
    "en": (0.81, 0.70),
    "zh-Hans": (0.85, 0.72),
    "zh-Hant": (0.86, 0.78),
}

# heldout5, gathered blind while heldout4 was tuned on and scored ONCE with rules and model
# frozen (2026-12-05 08:16 UTC, main c1a1404, rules, the default): en 0.716/0.550, zh-Hans
# 0.784/0.632, zh-Hant 0.818/0.651. Then tuned on by half in the seventh and eighth passes:
# 2026-12-05 11:40 UTC (bench_extract.py --values, main 1dff854) en 0.777/0.645, zh-Hans
# 0.824/0.697, zh-Hant 0.821/0.667; the floors sit a little below.
HELDOUT5_FLOORS = {
    "en": (0.75, 0.62),
    "zh-Hans": (0.80, 0.67),
    "zh-Hant": (0.80, 0.64),
}


# heldout6, gathered blind while heldout5 was tuned on by half, scored ONCE with rules and model
# frozen (2026-12-05 10:28 UTC, main 3f8f36f, rules, the default): en 0.724/0.610, zh-Hans
# 0.655/0.623, zh-Hant 0.741/0.735. Then tuned on by half (build_set.halves("heldout6")) in the
# eighth pass: 2026-12-05 11:40 UTC en 0.743/0.640, zh-Hans 0.691/0.672, zh-Hant 0.748/0.735.
HELDOUT6_FLOORS = {
    "en": (0.72, 0.62),
    "zh-Hans": (0.67, 0.65),
    "zh-Hant": (0.72, 0.71),
}


# heldout7, gathered blind while heldout6 was tuned on by half (the stored pages ran out: 23
# Traditional Chinese snippets, 26 figures, so its zh-Hant floor is loose), scored ONCE with
# rules and model frozen (2026-12-05 11:13 UTC, main 9404bc9). Rules: en 0.763/0.641, zh-Hans
# 0.670/0.714, zh-Hant 0.762/0.615; combined (the default from 9404bc9 to 18dc707): en
# 0.734/0.673, zh-Hans 0.670/0.714, zh-Hant 0.773/0.654. Since 18dc707 its tune half is in the
# learned step's training (the default is rules again); no rules pass has tuned on it: the
# rules, which these floors score, still give exactly the blind figures (re-run 14:19 UTC).
HELDOUT7_FLOORS = {
    "en": (0.74, 0.62),
    "zh-Hans": (0.65, 0.69),
    "zh-Hant": (0.71, 0.57),
}
# heldout8 (182 snippets, gathered blind after heldout7 was scored, partly from text kept in
# public code repositories) was scored once with rules, model and confidence mapping frozen
# (2026-12-05 13:40 UTC, main e8ff69f; default method rules): en 0.720/0.550, zh-Hans
# 0.647/0.786, zh-Hant 0.655/0.554. Not tuned on.
HELDOUT8_FLOORS = {
    "en": (0.70, 0.53),
    "zh-Hans": (0.63, 0.76),
    "zh-Hant": (0.63, 0.53),
}
# heldout9 (204 snippets, gathered blind after heldout8 was scored, 41% from text kept in public
# code repositories) was scored once with rules, model and confidence mapping frozen (2026-12-06
# 00:00 UTC, main 85d95c8; default method combined): rules en 0.731/0.654, zh-Hans 0.727/0.694,
# zh-Hant 0.667/0.581; combined en 0.725/0.654, zh-Hans 0.720/0.709, zh-Hant 0.667/0.581. The
# rules at the session's start (a12bf35) scored it en 0.726/0.639, zh-Hans 0.705/0.679, zh-Hant
# 0.653/0.570 (measured after the one scoring, for the comparison). Since then x12p tuned on its
# tune half (docs/extract-history.md, "Twelfth pass"); its check half has not been read.
HELDOUT9_FLOORS = {
    "en": (0.71, 0.63),
    "zh-Hans": (0.70, 0.67),
    "zh-Hant": (0.64, 0.55),
}
# heldout10 (176 snippets, gathered blind after heldout9 was scored; its zh-Hant part holds 28
# figures, its zh-Hans part is nearly all critics' and investigators' text kept in code
# repositories) was scored once with rules, model and confidence mapping frozen (2026-12-06
# 02:54 UTC, main 8152217; default method rules, both learned stages off): en 0.681/0.508,
# zh-Hans 0.694/0.699, zh-Hant 0.700/0.750. The session's starting code (2fd8b25, default
# combined) scored it en 0.695/0.541, zh-Hans 0.696/0.707, zh-Hant 0.706/0.857 (measured after
# the one scoring, for the comparison). No rules pass has read it; since its scoring its tune half
# is trained on and its check half judges the learned stages and fits the confidence.
HELDOUT10_FLOORS = {
    "en": (0.66, 0.49),
    "zh-Hans": (0.67, 0.68),
    "zh-Hant": (0.66, 0.71),
}
# heldout11 (188 snippets, gathered blind after heldout10 was scored; its zh-Hant part holds 44
# figures, its zh-Hans part is nearly all critics' text kept in code repositories) was scored
# once with rules, model and confidence mapping frozen (2026-12-06 05:07 UTC, main 6dd53d8;
# default method combined with the span stage on under the bootstrap rule). The rules (these
# floors) scored en 0.611/0.443, zh-Hans 0.643/0.581, zh-Hant 0.610/0.568; the default 0.607/0.471,
# 0.647/0.591, 0.595/0.568. The session's starting code (aed41d1, default rules) scored it en
# 0.602/0.425, zh-Hans 0.643/0.581, zh-Hant 0.585/0.545 (after the one scoring, for the
# comparison). Its tune half has been read since (x15, en16, zh16).
HELDOUT11_FLOORS = {
    "en": (0.59, 0.43),
    "zh-Hans": (0.62, 0.56),
    "zh-Hant": (0.58, 0.54),
}
# heldout12 (189 snippets, gathered blind after heldout11 was scored; its zh-Hans part holds 47
# figures from two gatherers, its zh-Hant part about half other countries' figures) was scored
# once with rules, model and confidence mapping frozen (2026-12-06 07:49 UTC, main bd363c7;
# default method rules under the precision-first rule 3). The rules (these floors, and the
# default) scored en 0.717/0.603, zh-Hans 0.642/0.723, zh-Hant 0.774/0.676. The session's
# starting code (19e0177, default rules) scored it en 0.708/0.595, zh-Hans 0.642/0.723, zh-Hant
# 0.774/0.676 (after the one scoring, for the comparison). Its tune half has been read since
# (name18, miss18, zhp18).
HELDOUT12_FLOORS = {
    "en": (0.69, 0.58),
    "zh-Hans": (0.62, 0.70),
    "zh-Hant": (0.75, 0.65),
}
# heldout13 (186 snippets, gathered blind after heldout12 was scored; its zh-Hant part holds 36
# snippets from two gatherers) was scored once with rules, model and confidence mapping frozen
# (2026-12-06 10:24 UTC, main 4427766; default method combined, rules + re-labeller, under
# pf18's precision-first objective). The rules (these floors) scored en 0.721/0.625, zh-Hans
# 0.635/0.701, zh-Hant 0.790/0.754; the default en 0.718/0.617 and the same in Chinese. The
# session's starting code (b2f27dd, default rules) scored it en 0.683/0.592, zh-Hans
# 0.628/0.701, zh-Hant 0.790/0.754 (after the one scoring, for the comparison). Its tune half
# has been read since (zhn19, en19, zhw19).
HELDOUT13_FLOORS = {
    "en": (0.70, 0.60),
    "zh-Hans": (0.61, 0.68),
    "zh-Hant": (0.77, 0.73),
}
# heldout14 (155 snippets, gathered blind after heldout13 was scored by six gatherers; 66 carry
# no figure; its zh-Hant part holds 23 snippets) was scored once with rules, model and
# confidence mapping frozen (2026-12-06 12:54 UTC, main de192eb; default method combined, rules
# + the span stage's veto). The rules (these floors) scored en 0.383/0.353, zh-Hans 0.754/0.703,
# zh-Hant 0.857/0.667; the default en 0.400/0.353, zh-Hans 0.773/0.689, zh-Hant 0.850/0.630.
# The session's starting code (4580b67, default combined) scored it as the rules do now (after
# the one scoring, for the comparison). Its tune half has been among the readable sets since
# (040d8a8; enc20, en21 and zh21 tuned on them). Each floor allows one figure fewer than
# measured (zh-Hant has 27 figures: one is 0.037 of recall).
HELDOUT14_FLOORS = {
    "en": (0.36, 0.33),
    "zh-Hans": (0.73, 0.68),
    "zh-Hant": (0.82, 0.62),
}
# heldout15 (175 snippets, gathered blind after heldout14 was scored by six gatherers, two per
# language; 60 carry no figure; its zh-Hant part holds 22 snippets and 17 figures) was scored
# once with rules, model and confidence mapping frozen (2026-12-06 15:30 UTC, main 7e00e42;
# default method combined, rules + the span stage's veto at keep 0.5). The rules (these floors)
# scored en 0.752/0.636, zh-Hans 0.794/0.667, zh-Hant 0.556/0.588; the default en 0.765/0.605,
# zh-Hans 0.817/0.653, zh-Hant 0.600/0.529. The session's starting code (40be509, default
# combined) scored the rules at en 0.755/0.643 and the Chinese parts the same (after the one
# scoring, for the comparison). Its tune half has been read since (en22). Each floor allows
# one figure fewer than measured (zh-Hant has 17 figures: one is 0.059 of recall).
HELDOUT15_FLOORS = {
    "en": (0.74, 0.62),
    "zh-Hans": (0.78, 0.65),
    "zh-Hant": (0.52, 0.52),
}
# heldout16 (124 snippets, gathered blind after heldout15 was scored and joined by half, by six
# gatherers, two per language; 52 carry no figure; zh-Hans 34 snippets / 28 figures, zh-Hant 27
# / 39) was scored once with rules, model and confidence mapping frozen (2026-12-06 16:24 UTC,
# main b694695; default method combined, rules + the span stage's veto at keep 0.5). The rules
# (these floors) scored en 0.683/0.683, zh-Hans 0.767/0.821, zh-Hant 0.688/0.564; the default
# en 0.719/0.651, zh-Hans 0.852/0.821, zh-Hant 0.688/0.564. The session's starting code
# (40be509) scored the rules at en 0.677/0.667 and the Chinese parts the same (after the one
# scoring, for the comparison). Its halves joined the trainer after its one score (f62f93c);
# no rules pass has read its tune half. Each floor allows one figure fewer than measured.
HELDOUT16_FLOORS = {
    "en": (0.67, 0.66),
    "zh-Hans": (0.75, 0.78),
    "zh-Hant": (0.67, 0.53),
}
# heldout17 (169 snippets, gathered blind after heldout16 was scored and joined by half and the
# model retrained, by eight gatherers; 60 carry no figure; en 66 snippets / 83 figures, zh-Hans
# 59 / 69, zh-Hant 44 / 55) was scored once with rules, model and confidence mapping frozen
# (2026-12-06 18:08 UTC, main 193d378, src as at 67bce2c; default method learned, the first
# blind set scored with it). The rules (these floors) scored en 0.738/0.542, zh-Hans
# 0.803/0.710, zh-Hant 0.868/0.836; the default en 0.786/0.530, zh-Hans 0.836/0.667, zh-Hant
# 0.865/0.818. Its halves joined the trainer after its one score (ae7ea48); no rules pass has
# read its tune half. Each floor allows one figure fewer than measured.
HELDOUT17_FLOORS = {
    "en": (0.73, 0.53),
    "zh-Hans": (0.79, 0.69),
    "zh-Hant": (0.86, 0.81),
}
# heldout18 (166 snippets, gathered blind after heldout17 was scored and joined by half, by
# six gatherers; 55 carry no figure; en 91 snippets / 117 figures, zh-Hans 33 / 32, zh-Hant 42
# / 74) was scored once with rules, model and confidence mapping frozen (2026-12-06 18:44 UTC,
# main 96bee23; default learned, retrained with heldout17's halves after rf24 and sp24). The
# rules (these floors) scored en 0.817/0.650, zh-Hans 0.632/0.375, zh-Hant 0.753/0.784; the
# default en 0.845/0.607, zh-Hans 0.714/0.312, zh-Hant 0.786/0.743. The session's starting
# code (193d378) scores the rules identically (after the one scoring, for the comparison).
# Its halves joined the trainer after its one score (fb47f54); no rules pass has read its
# tune half. Each floor allows one figure fewer than measured.
HELDOUT18_FLOORS = {
    "en": (0.81, 0.64),
    "zh-Hans": (0.61, 0.34),
    "zh-Hant": (0.74, 0.77),
}
# heldout19 (122 snippets, gathered blind after heldout18 was scored and joined by half and the
# model retrained with it, by six gatherers; 55 carry no figure; en 60 snippets / 73 figures,
# zh-Hans 29 / 11, zh-Hant 33 / 35) was scored once with rules, model and confidence mapping
# frozen (2026-12-06 20:34 UTC, main 59b829d, src as at a51eeac; default combined, model
# 7187e98a, its first blind measure). The rules (these floors) scored en 0.746/0.685, zh-Hans
# 0.727/0.727, zh-Hant 0.750/0.857; the default en 0.797/0.644, zh-Hans 0.800/0.727, zh-Hant
# 0.800/0.800. Its halves joined the trainer after its one score (9e17e49); no rules pass has
# read its check half. Each floor allows one figure fewer than measured (zh-Hans has 11
# figures: one is 0.09 of recall).
HELDOUT19_FLOORS = {
    "en": (0.74, 0.67),
    "zh-Hans": (0.70, 0.63),
    "zh-Hant": (0.74, 0.82),
}
# heldout20 (141 snippets, gathered blind after heldout19 was scored and joined by half, by six
# gatherers; 47 carry no figure; en 77 snippets / 90 figures, zh-Hans 35 / 33, zh-Hant 29 / 41)
# was scored once with rules, model and confidence mapping frozen (2026-12-06 21:22 UTC, main
# 7432568, src as at 12f6a72; default combined, retrained with heldout19's halves, span keep
# 0.2). The rules (these floors) scored en 0.741/0.700, zh-Hans 0.724/0.636, zh-Hant
# 0.872/0.829; the default en 0.775/0.689, zh-Hans 0.750/0.636, zh-Hant 0.868/0.805. The
# session's starting code (a51eeac3) scores the rules identically (after the one scoring, for
# the comparison). Its halves joined the trainer after its one score, before the retrain at
# 22:01 UTC; no rules pass has read it. Each floor allows one figure fewer than measured.
HELDOUT20_FLOORS = {
    "en": (0.73, 0.68),
    "zh-Hans": (0.71, 0.60),
    "zh-Hant": (0.86, 0.80),
}
# heldout21 (170 snippets, gathered blind after heldout20 was scored and joined by half and the
# model retrained with it, by six gatherers; 69 carry no figure; en 87 snippets / 89 figures,
# zh-Hans 69 / 72, zh-Hant 14 / 10) was scored once with rules, model and confidence mapping
# frozen (2026-12-07 00:30 UTC, main b15c4b36, src as at 064fcf8f; default combined, the
# stored model 7edd5b0f, its first blind measure). The rules (these floors) scored en
# 0.750/0.640, zh-Hans 0.656/0.583, zh-Hant 0.667/0.800; the default en 0.797/0.618, zh-Hans
# 0.707/0.569, zh-Hant 0.667/0.800. Each floor allows one figure fewer than measured
# (zh-Hant has 10 figures: one is 0.1 of recall).
HELDOUT21_FLOORS = {
    "en": (0.74, 0.62),
    "zh-Hans": (0.65, 0.56),
    "zh-Hant": (0.63, 0.70),
}
# heldout22 (183 snippets, gathered blind in the same session after heldout21 was scored, while
# its halves joined and the model was retrained; 61 carry no figure; en 93 snippets / 104
# figures, zh-Hans 64 / 64, zh-Hant 26 / 30) was scored once with rules, model and confidence
# mapping frozen (2026-12-07 00:59 UTC, main 32147478, src as at 70d0c39e; default combined,
# the model retrained with heldout21's halves, span keep 0.5). The rules (these floors) scored
# en 0.701/0.587, zh-Hans 0.783/0.734, zh-Hant 0.667/0.467; the default en 0.737/0.538,
# zh-Hans 0.793/0.719, zh-Hant 0.824/0.467. Each floor allows one figure fewer than measured.
HELDOUT22_FLOORS = {
    "en": (0.69, 0.57),
    "zh-Hans": (0.77, 0.71),
    "zh-Hant": (0.64, 0.43),
}
# heldout23 (148 snippets, gathered blind in the tenth session while heldout22's halves joined
# and the model was retrained; 55 carry no figure; en 71 snippets / 81 figures, zh-Hans 50 / 58,
# zh-Hant 27 / 25) was scored once with rules, model and confidence mapping frozen (2026-12-07
# 03:50 UTC, main 873ba77c, src as at 0bd90e2e; default combined, the rules and the span veto at
# keep 0.2, the model retrained with heldout22's halves under the synthetic-corpus guard). The
# rules (these floors) scored en 0.753/0.679, zh-Hans 0.809/0.655, zh-Hant 0.800/0.640; the
# default en 0.757/0.654, zh-Hans 0.864/0.655, zh-Hant 0.889/0.640. Each floor allows one figure
# fewer than measured.
HELDOUT23_FLOORS = {
    "en": (0.74, 0.66),
    "zh-Hans": (0.80, 0.63),
    "zh-Hant": (0.78, 0.59),
}
# heldout24 (116 snippets, gathered blind in the tenth session after heldout23 was scored, while
# its halves joined and the model was retrained; 38 carry no figure; en 58 snippets / 92 figures,
# zh-Hans 42 / 58, zh-Hant 16 / 14) was scored once with rules, model and confidence mapping
# frozen (2026-12-07 04:33 UTC, main ab8d5434, src as at bd8f3af0; default combined, the rules
# and the span veto at keep 0.1, the model retrained with heldout23's halves). The rules (these
# floors) scored en 0.754/0.467, zh-Hans 0.621/0.707, zh-Hant 0.750/0.643; the default en
# 0.764/0.457, zh-Hans 0.709/0.672, zh-Hant 0.818/0.643. Each floor allows one figure fewer than
# measured.
HELDOUT24_FLOORS = {
    "en": (0.74, 0.45),
    "zh-Hans": (0.61, 0.68),
    "zh-Hant": (0.72, 0.57),
}
# heldout25 (141 snippets, gathered blind in the eleventh session after heldout24 joined by half,
# while the model was retrained under keepj27; 50 carry no figure; en 57 snippets / 77 figures,
# zh-Hans 60 / 67, zh-Hant 24 / 24) was scored once with rules, model and confidence mapping
# frozen (2026-12-07 06:28 UTC, main 950401e3; default combined, the rules and the span veto at
# keep 0.7, chosen on the judge). The rules (these floors) scored en 0.732/0.532, zh-Hans
# 0.514/0.552, zh-Hant 0.500/0.583; the default en 0.816/0.519, zh-Hans 0.660/0.522, zh-Hant
# 0.478/0.458. Each floor allows one figure fewer than measured.
HELDOUT25_FLOORS = {
    "en": (0.72, 0.51),
    "zh-Hans": (0.50, 0.53),
    "zh-Hant": (0.48, 0.54),
}
# heldout26 (159 snippets, gathered blind in the eleventh session after heldout25 was scored and
# joined by half, while the model was retrained under keepj28; 45 carry no figure; en 56
# snippets / 85 figures, zh-Hans 74 / 105, zh-Hant 29 / 28) was scored once with rules, model and
# confidence mapping frozen (2026-12-07 07:02 UTC, main 532a0802; default combined, the rules and
# the span veto at keep 0.9, chosen on the judge). The rules (these floors) scored en
# 0.806/0.682, zh-Hans 0.600/0.771, zh-Hant 0.486/0.607; the default en 0.912/0.612, zh-Hans
# 0.732/0.676, zh-Hant 0.619/0.464. Each floor allows one figure fewer than measured.
HELDOUT26_FLOORS = {
    "en": (0.80, 0.67),
    "zh-Hans": (0.59, 0.76),
    "zh-Hant": (0.47, 0.57),
}
# heldout27 (150 snippets, gathered blind in the eleventh session after heldout26 was scored and
# joined by half, while the model was retrained under addj29; 45 carry no figure; en 80 snippets
# / 110 figures, zh-Hans 60 / 64, zh-Hant 10 / 9) was scored once with rules, model and
# confidence mapping frozen (2026-12-07 07:53 UTC, main 7d2087fe; default combined, the rules
# and the span stage at keep 0.9 and add 0.95, chosen on the judge). The rules (these floors)
# scored en 0.805/0.564, zh-Hans 0.590/0.766, zh-Hant 0.667/0.889; the default en 0.848/0.509,
# zh-Hans 0.811/0.672, zh-Hant 0.667/0.444. Each floor allows one figure fewer than measured.
HELDOUT27_FLOORS = {
    "en": (0.80, 0.55),
    "zh-Hans": (0.58, 0.74),
    "zh-Hant": (0.63, 0.77),
}
# heldout28 (162 snippets, gathered blind in the twelfth session after heldout27 was scored,
# while it was joined by half and the model retrained under addg30; 49 carry no figure; en 80
# snippets / 102 figures, zh-Hans 61 / 95, zh-Hant 21 / 31) was scored once with rules, model and
# confidence mapping frozen (2026-12-07 09:21 UTC, main 8c9cfc0d; default combined, the rules
# and the span veto at keep 0.9, add never, chosen on the judge). The rules (these floors)
# scored en 0.679/0.559, zh-Hans 0.688/0.674, zh-Hant 0.686/0.774; the default en 0.742/0.480,
# zh-Hans 0.806/0.611, zh-Hant 0.828/0.774. Each floor allows one figure fewer than measured.
HELDOUT28_FLOORS = {
    "en": (0.67, 0.54),
    "zh-Hans": (0.68, 0.66),
    "zh-Hant": (0.67, 0.74),
}
# heldout29 (157 snippets, gathered blind in the twelfth session after heldout28 was scored,
# while it was joined by half and the model retrained with the h28r rules; 48 carry no figure;
# en 80 snippets / 123 figures, zh-Hans 64 / 83, zh-Hant 13 / 12) was scored once with rules,
# model and confidence mapping frozen (2026-12-07 10:01 UTC, main 1e5a0e07; default combined,
# the rules and the span veto at keep 0.9, add never). The rules (these floors) scored en
# 0.783/0.675, zh-Hans 0.634/0.711, zh-Hant 0.889/0.667; the default en 0.818/0.585, zh-Hans
# 0.783/0.651, zh-Hant 0.833/0.417. Each floor allows one figure fewer than measured.
HELDOUT29_FLOORS = {
    "en": (0.78, 0.66),
    "zh-Hans": (0.63, 0.69),
    "zh-Hant": (0.87, 0.58),
}
# heldout30 (163 snippets, gathered blind in the thirteenth session after heldout29 was scored,
# while it was joined by half and the model retrained under tgt31; 43 carry no figure; en 80
# snippets / 120 figures, zh-Hans 75 / 107, zh-Hant 8 / 7) was scored once with rules, model and
# confidence mapping frozen (2026-12-07 12:07 UTC, main a4de87d1; default combined, the rules
# and the span stage at keep 0.1, add 0.5). The rules (these floors) scored en 0.807/0.592,
# zh-Hans 0.678/0.729, zh-Hant 0.750/0.857; the default en 0.781/0.625, zh-Hans 0.790/0.738,
# zh-Hant 0.750/0.857. Each floor allows one figure fewer than measured.
HELDOUT30_FLOORS = {
    "en": (0.80, 0.58),
    "zh-Hans": (0.67, 0.71),
    "zh-Hant": (0.71, 0.71),
}
# heldout31 (141 snippets, gathered blind in the thirteenth session after heldout30 was scored,
# to replicate its comparison with nothing changed; 43 carry no figure; en 80 snippets / 103
# figures, zh-Hans 49 / 97, zh-Hant 12 / 8) was scored once with rules, model and confidence
# mapping frozen (2026-12-07 12:59 UTC, a4de87d1's model; default combined, keep 0.1, add
# 0.5). The rules (these floors) scored en 0.796/0.757, zh-Hans 0.700/0.794, zh-Hant
# 0.381/1.000; the default en 0.806/0.806, zh-Hans 0.750/0.773, zh-Hant 0.412/0.875. Each floor
# allows one figure fewer than measured.
HELDOUT31_FLOORS = {
    "en": (0.79, 0.74),
    "zh-Hans": (0.69, 0.78),
    "zh-Hant": (0.35, 0.87),
}


def test_set_size_and_languages() -> None:
    docs = load("realtext")
    assert len(docs) >= 300
    for lang in LANGUAGES:
        assert sum(d["language"] == lang for d in docs) >= 80, lang
    assert sum(not d["gold"] for d in docs) >= 0.1 * len(docs)  # snippets with no figure


@pytest.mark.parametrize("name", ["realtext", "dev2"])
def test_snippets_are_well_formed(name: str) -> None:
    assert_snippets_well_formed(load(name))


def test_split_is_by_url_and_complete() -> None:
    dev, held, every = load("dev"), load("heldout"), load("realtext")
    assert sorted(d["id"] for d in dev + held) == sorted(d["id"] for d in every)
    assert not {d["url"] for d in dev} & {d["url"] for d in held}
    for lang in LANGUAGES:  # both halves hold a fair share of every language
        n = sum(d["language"] == lang for d in every)
        assert sum(d["language"] == lang for d in held) >= 0.4 * n, lang


def test_json_is_rebuilt_from_sources_and_split_reproduces() -> None:
    """realtext.json, dev.json and heldout.json are what build_set.py and split_set.py make
    from raw/: nobody edited the split by hand after tuning began."""
    docs = import_script(REALTEXT, "build_set").build()
    assert docs == load("realtext")
    dev, held = import_script(REALTEXT, "split_set").split(docs)
    assert dev == load("dev")
    assert held == load("heldout")


def test_dev2_is_new_pages_and_rebuilt_from_sources() -> None:
    """dev2.json (raw/d*.txt) holds at least 150 snippets, 50 per language, from pages in
    neither dev nor held-out, and is exactly what build_set.py makes from its sources."""
    dev2 = load("dev2")
    assert import_script(REALTEXT, "build_set").build_dev2() == dev2
    assert len(dev2) >= 150
    for lang in LANGUAGES:
        assert sum(d["language"] == lang for d in dev2) >= 50, lang
    first = {d["url"] for d in load("realtext")}
    assert not {d["url"] for d in dev2} & first
    assert not {d["id"] for d in dev2} & {d["id"] for d in load("realtext")}


@functools.cache
def scores(name: str) -> dict:
    """The per-language scores of one set, computed once per session: every language's floor
    test of that set reads the same report."""
    return evaluate_values(load(name)).by_language


def assert_floor(name: str, floors: dict, lang: str) -> None:
    t = scores(name)[lang]
    floor_p, floor_r = floors[lang]
    assert t.precision >= floor_p, (name, lang, t.precision, t.recall)
    assert t.recall >= floor_r, (name, lang, t.precision, t.recall)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_scores_keep_their_floor(lang: str) -> None:
    assert_floor("heldout", HELDOUT_FLOORS, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        ("heldout2", HELDOUT2_FLOORS),
        ("heldout3", HELDOUT3_FLOORS),
        ("heldout4", HELDOUT4_FLOORS),
        ("heldout5", HELDOUT5_FLOORS),
        ("heldout6", HELDOUT6_FLOORS),
        ("heldout7", HELDOUT7_FLOORS),
        ("heldout8", HELDOUT8_FLOORS),
        ("heldout9", HELDOUT9_FLOORS),
        ("heldout10", HELDOUT10_FLOORS),
        ("heldout11", HELDOUT11_FLOORS),
        ("heldout12", HELDOUT12_FLOORS),
        ("heldout13", HELDOUT13_FLOORS),
        ("heldout14", HELDOUT14_FLOORS),
        ("heldout15", HELDOUT15_FLOORS),
        ("heldout16", HELDOUT16_FLOORS),
        ("heldout17", HELDOUT17_FLOORS),
        ("heldout18", HELDOUT18_FLOORS),
        ("heldout19", HELDOUT19_FLOORS),
        ("heldout20", HELDOUT20_FLOORS),
        ("heldout21", HELDOUT21_FLOORS),
        ("heldout22", HELDOUT22_FLOORS),
        ("heldout23", HELDOUT23_FLOORS),
        ("heldout24", HELDOUT24_FLOORS),
        ("heldout25", HELDOUT25_FLOORS),
        ("heldout26", HELDOUT26_FLOORS),
        ("heldout27", HELDOUT27_FLOORS),
        ("heldout28", HELDOUT28_FLOORS),
        ("heldout29", HELDOUT29_FLOORS),
        ("heldout30", HELDOUT30_FLOORS),
        ("heldout31", HELDOUT31_FLOORS),
    ],
)
def test_blind_sets_keep_their_floor(name: str, floors: dict, lang: str) -> None:
    assert_floor(name, floors, lang)
