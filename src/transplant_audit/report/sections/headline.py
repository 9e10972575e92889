"""Section: the headline. The estimate chooses its figures (``EstimateResult.summary()``);
this module only words and formats them."""

from __future__ import annotations

from transplant_audit.estimate.summary import ClaimComparison, EstimateSummary, ImpliedUse
from transplant_audit.report import charts
from transplant_audit.report.fmt import num, pct, ratio, rounded
from transplant_audit.report.model import Block, Headline, HeadlineItem, Link, Para, Run, Section
from transplant_audit.report.sections.anchors import ASM, CLAIMS_ANCHOR
from transplant_audit.report.sections.context import EstimateContext, party_label

HOW_TO_READ = (
    "How to read this: the estimate is a range, not a count. The middle value is "
    "the median of many model runs that vary every assumption within its sourced "
    "range; 90% of runs fall inside the interval. Claims are published figures, "
    "shown for comparison and never used as input. Each figure has a numbered "
    "note linking to the observations, assumptions and sources behind it."
)


def headline_section(ctx: EstimateContext) -> tuple[Section, str]:
    """The headline section and its one-line text for the command line."""
    s = ctx.summary
    label = charts.SCENARIO_LABELS.get(s.scenario, s.scenario)
    ref = ctx.cite(
        f"National estimate for {s.year}, {label}: median and 90% interval of "
        f"{ctx.draws()} Monte Carlo draws."
    )
    items = [_estimate_item(s, label, ref)]
    text = (
        f"Estimated transplants in China in {s.year}: {rounded(s.estimate.median)} "
        f"(90% interval {rounded(s.estimate.p05)}–{rounded(s.estimate.p95)}, {label})"
    )
    if s.claim is not None and s.implied is not None:
        items.insert(0, _implied_item(ctx, s.claim, s.implied))
        text = _implied_text(s.claim, s.implied) + "; " + text
    if s.claim is not None:
        items += _claim_items(ctx, s.claim)
        text += (
            f"; claimed by {party_label(s.claim.party)}: {num(s.claim.value)}; "
            f"ratio {ratio(s.claim.ratio.median)}"
        )
    if s.imputed_share is not None:
        items.append(_imputed_item(ctx, s.imputed_share))
        text += f"; {pct(s.imputed_share)} imputed"
    blocks: list[Block] = [
        Para(_summary_runs(s, label, ref)),
        Headline(items),
        *_investigator_paras(ctx),
        Para([HOW_TO_READ], kind="caveat"),
    ]
    return Section("headline", "Headline").add(*blocks), text


def _estimate_item(s: EstimateSummary, label: str, ref: Run) -> HeadlineItem:
    return HeadlineItem(
        label=f"Estimated transplants in {s.year}",
        value=rounded(s.estimate.median),
        detail=[
            f"90% interval {rounded(s.estimate.p05)} to {rounded(s.estimate.p95)}; {label}",
            ref,
        ],
    )


def _implied_item(ctx: EstimateContext, claim: ClaimComparison, imp: ImpliedUse) -> HeadlineItem:
    """The utilisation of capacity the headline's claim requires (no utilisation prior)."""
    ref = ctx.cite(
        f"Claim / national capacity per Monte Carlo draw, {imp.year}: needs no "
        "utilisation prior; every other assumption varies."
    )
    u = imp.utilisation
    return HeadlineItem(
        label=f"Utilisation the {party_label(claim.party)} figure for {imp.year} requires",
        value=pct(u.median),
        detail=[
            f"of transplant capacity ({num(imp.value)} transplants); 90% interval "
            f"{pct(u.p05)} to {pct(u.p95)}",
            ref,
        ],
    )


def _implied_text(claim: ClaimComparison, imp: ImpliedUse) -> str:
    u = imp.utilisation
    return (
        f"The {party_label(claim.party)} figure of {num(imp.value)} for {imp.year} requires "
        f"transplant capacity to be used at {pct(u.median)} (90% interval "
        f"{pct(u.p05)}–{pct(u.p95)})"
    )


def _claim_items(ctx: EstimateContext, claim: ClaimComparison) -> list[HeadlineItem]:
    """The claim itself, and the ratio estimate ÷ claim."""
    who = party_label(claim.party)
    ref_off = ctx.notes.cite(
        f"Claim for {claim.year} by {claim.claimant or who}.",
        sources=list(claim.source_ids),
        anchors=[Link("all published claims", CLAIMS_ANCHOR)],
    )
    detail: list[Run] = [
        f"estimate ÷ claim, 90% interval {ratio(claim.ratio.p05)} to {ratio(claim.ratio.p95)}"
    ]
    if claim.p_claim_at_or_above_estimate is not None:
        detail.append(
            "; share of model runs in which the claim is at least the estimate: "
            f"{pct(claim.p_claim_at_or_above_estimate)}"
        )
    detail.append(ctx.cite(f"Ratio of the {claim.year} estimate to the claim."))
    return [
        HeadlineItem(
            label=f"Claimed by {who} for {claim.year}",
            value=num(claim.value),
            detail=[
                f"{claim.claimant}; a published claim, compared with but never used in the "
                "estimate",
                ref_off,
            ],
        ),
        HeadlineItem(label="Ratio", value=ratio(claim.ratio.median), detail=detail),
    ]


def _imputed_item(ctx: EstimateContext, share: float) -> HeadlineItem:
    return HeadlineItem(
        label="Imputed share (all years)",
        value=pct(share),
        detail=[
            "of the combined estimate rests on hospitals imputed from similar ones "
            "(no figure of their own)",
            ctx.cite("Imputed share of the combined estimate."),
        ],
    )


def _summary_runs(s: EstimateSummary, label: str, ref: Run) -> list[Run]:
    """The plain-words summary: the estimate, the claim, and what makes the interval wide."""
    runs: list[Run] = [
        f"Central estimate for {s.year}: about {rounded(s.estimate.median)} transplants in China "
        f"({label}), with 90% of model runs between {rounded(s.estimate.p05)} and "
        f"{rounded(s.estimate.p95)}.",
        ref,
    ]
    if s.claim is not None:
        runs.append(
            f" That is {ratio(s.claim.ratio.median)} the {num(s.claim.value)} "
            f"claimed by {party_label(s.claim.party)} for that year"
            f" (the official claim nearest {s.evidence_year}, the year "
            "with the most hospital evidence; other years are in the charts below)."
        )
    if s.drivers:
        when = (
            f", analysed for {s.sensitivity_year}, the year with the most hospital evidence"
            if s.sensitivity_year is not None and s.sensitivity_year != s.year
            else ""
        )
        own = s.drivers_scenario in ("", s.scenario)
        lead = (
            " The interval is wide mainly because of the assumptions "
            if own
            else " Its utilisation comes from the calibrated model's posterior, not from an "
            "assumption; of the assumptions, the national capacity it scales moves most with "
        )
        see = " (see " if own else " (Sobol indices of the capacity total; the "
        tail = f"{when})." if own else f" section shows those of the combined estimate{when})."
        runs += [
            lead,
            *[x for a in s.drivers for x in (Link(a, ASM + a), " and ")][:-1],
            see,
            Link("sensitivity", "checks"),
            tail,
        ]
    return runs


def _investigator_paras(ctx: EstimateContext) -> list[Block]:
    """Each investigators' method rebuilt from sourced inputs, next to its headline."""
    out: list[Block] = []
    for r in ctx.est.investigators:
        ref = ctx.cite(
            f"Scenario {r['scenario']}: {num(r['hospitals'])} approved hospitals at "
            f"{r['used_instead']}; the value needed is arithmetic on the published figure."
        )
        out.append(
            Para(
                [
                    f"The investigators' method {r['scenario']}, rebuilt from sourced "
                    f"inputs, gives {rounded(r['median'])} for {r['year']} (90% interval "
                    f"{rounded(r['p05'])}–{rounded(r['p95'])}) against the published "
                    f"{num(r['published_value'])}. Missing input: {r['missing_input']}. "
                    f"To reach the published figure it would need "
                    f"{r['needed_value_median']:.0f} ({r['needed_value_p05']:.0f}–"
                    f"{r['needed_value_p95']:.0f}) {r['needed_value_name']}; that value "
                    "is shown, never put into the model.",
                    ref,
                ],
                kind="caveat",
            )
        )
    return out
