"""Run the analyses a report needs: the estimate, the forensic tests, the donor-pool model.

Evidence that is valid but not enough for one of them (``NOT_AVAILABLE``) is recorded with its
reason, shown in the report as a "not available" box; any other error is raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from transplant_audit.errors import DataError, NotEstimableError
from transplant_audit.evidence.frames import Evidence
from transplant_audit.report.sections.window import PAPER_SERIES, PAPER_WINDOW

if TYPE_CHECKING:
    from transplant_audit.estimate.assumptions import Assumption
    from transplant_audit.estimate.result import EstimateResult
    from transplant_audit.forensics.api import ForensicsResult
    from transplant_audit.report.donorpool_section import DonorPoolInputs

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is 'estimate', 'forensics', 'html', 'pdf' or 'data'."""


@dataclass
class Analyses:
    """The upstream results, or the reason each is missing."""

    estimate: EstimateResult | None = None
    forensics: ForensicsResult | None = None
    estimate_error: str | None = None
    forensics_error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    skipped_series: dict[str, str] = field(default_factory=dict)
    """Official series the forensic tests refused (name -> reason); the others were tested."""
    forensics_window: ForensicsResult | None = None
    """The deceased-donor series tested on the paper's years only (``PAPER_WINDOW``)."""
    forensics_window_error: str | None = None
    """Why the window run is missing; None also when the evidence lacks the series."""
    donorpool: DonorPoolInputs | None = None
    """The donor-pool section's inputs (``donorpool_section.DonorPoolInputs``)."""
    donorpool_error: str | None = None


MAX_SKIPPED_SERIES = 5


def run_forensics_skipping(evidence: Evidence) -> tuple[ForensicsResult, dict[str, str]]:
    """``run_forensics`` on every official series; a series it refuses is left out and named.

    ``run_forensics`` raises a ``DataError`` whose reason starts with the
    series name when one series cannot be tested as it stands (e.g. too many
    conflicting versions). One bad series should not hide the tests of all the
    others, so that series is left out, the run repeated, and the reason shown
    in the report. Any other error is raised.
    """
    from transplant_audit.forensics import run_forensics

    names = sorted({str(s) for s in evidence.official_series["series"].dropna()})
    skipped: dict[str, str] = {}
    while True:
        try:
            series = None if not skipped else [n for n in names if n not in skipped]
            return run_forensics(evidence, series), skipped
        except DataError as exc:
            name = str(exc.reason).split(":", 1)[0].strip()
            if name not in names or name in skipped or len(skipped) >= MAX_SKIPPED_SERIES:
                raise
            skipped[name] = str(exc)


def run_forensics_window(evidence: Evidence) -> ForensicsResult | None:
    """The paper's series on the paper's years (2010–2018); None if the evidence lacks it.

    Robertson, Hinde & Lavee (2019) tested 2010–2018; the series now runs further and
    includes the 2020 COVID-19 fall, so the report shows both this window and the
    full series.
    """
    from transplant_audit.forensics import run_forensics

    names = {str(s) for s in evidence.official_series["series"].dropna()}
    if PAPER_SERIES not in names:
        return None
    return run_forensics(evidence, [PAPER_SERIES], years=PAPER_WINDOW)


NOT_AVAILABLE = (NotEstimableError, DataError)
"""What an analysis may raise on valid evidence that is not enough for it: the report shows a
"not available" box with the reason. Anything else is a failure and stops the report."""


def analyse(
    evidence: Evidence,
    *,
    draws: int,
    seed: int | None,
    progress: Progress | None = None,
) -> Analyses:
    """Run the estimate, the forensic tests and the donor-pool model.

    Evidence that is valid but not enough for one of them (``NOT_AVAILABLE``:
    ``NotEstimableError``, or a ``DataError`` such as "no assumptions") is recorded
    with its reason, shown as a "not available" box, printed by the CLI and kept in
    ``data/inputs.json``, since the evidence sections are still worth reading. Any other
    error (a bad option, a bug) is raised: the report must not hide it.

    The forensic tests run in a second process (``report/background.py``) while this one
    runs the estimate, its sensitivity and the donor pool; the results are the same as in
    one process (``TRANSPLANT_AUDIT_PROCESSES=1``).
    """
    # the analyses' modules load before the fork, so the second process does not import
    # them (scipy, ...) again
    import transplant_audit.donorpool.model
    import transplant_audit.estimate.api
    import transplant_audit.forensics.api  # noqa: F401
    from transplant_audit.report import background

    side = background.start(side_analyses, evidence)  # on a second core while the estimate runs
    try:
        return _analyse_with(side, evidence, draws, seed, progress)
    except BaseException:
        side.cancel()
        raise


def _analyse_with(
    side: Any, evidence: Evidence, draws: int, seed: int | None, progress: Progress | None
) -> Analyses:
    """``analyse`` once ``side_analyses`` was started: the estimate, its sensitivity and the
    donor pool here, then the forensic tests' results."""
    out = Analyses()
    t0 = time.perf_counter()
    try:
        out.estimate = _run_estimate(evidence, draws, seed, progress)
    except NOT_AVAILABLE as exc:
        out.estimate_error = f"{type(exc).__name__}: {exc}"
    out.seconds["estimate"] = time.perf_counter() - t0
    if out.estimate is not None and side.running:
        t_s = time.perf_counter()
        warm_sensitivity(out.estimate)
        out.seconds["sensitivity (while waiting)"] = time.perf_counter() - t_s
    if progress is not None:
        progress("estimate", 1, 1)
    t2 = time.perf_counter()
    try:
        out.donorpool = run_donorpool(evidence)
    except NOT_AVAILABLE as exc:
        out.donorpool_error = f"{type(exc).__name__}: {exc}"
    out.seconds["donorpool"] = time.perf_counter() - t2
    t1 = time.perf_counter()
    done = side.result()
    for name in SIDE_FIELDS:
        setattr(out, name, getattr(done, name))
    out.seconds.update(done.seconds)
    out.seconds["waited for the forensic tests"] = time.perf_counter() - t1
    if progress is not None:
        progress("forensics", 1, 1)
    return out


def warm_sensitivity(est: EstimateResult) -> None:
    """Compute the Sobol indices and the tornado the checks section shows (``sensitivity()``,
    ``tornado()``, kept by the result) while the second process runs, so the report does not
    wait for them later. Only a warm-up: a failure is not kept, so the section's own call
    meets it again and the report fails there, naming the section."""
    for name in ("sensitivity", "tornado"):
        try:
            getattr(est, name)()
        except Exception:  # noqa: BLE001, S112 - raised again where the report asks for it
            continue


SIDE_FIELDS = (
    "forensics",
    "skipped_series",
    "forensics_error",
    "forensics_window",
    "forensics_window_error",
)
"""The fields of ``Analyses`` that ``side_analyses`` fills."""


def side_analyses(evidence: Evidence) -> Analyses:
    """The forensic tests (all years, the paper's window), as ``analyse`` records them; run in a
    second process while this one runs the estimate, its sensitivity and the donor pool
    (``report/background.py``); their timings on the bundled data: docs/report.md."""
    out = Analyses()
    t1 = time.perf_counter()
    try:
        out.forensics, out.skipped_series = run_forensics_skipping(evidence)
    except NOT_AVAILABLE as exc:
        out.forensics_error = f"{type(exc).__name__}: {exc}"
    try:
        out.forensics_window = run_forensics_window(evidence)
    except NOT_AVAILABLE as exc:
        out.forensics_window_error = f"{type(exc).__name__}: {exc}"
    out.seconds["forensics"] = time.perf_counter() - t1
    return out


def _run_estimate(
    evidence: Evidence, draws: int, seed: int | None, progress: Progress | None
) -> EstimateResult:
    from transplant_audit import estimate as est_mod

    kwargs: dict[str, Any] = {"draws": draws}
    if seed is not None:
        kwargs["seed"] = seed
    if progress is not None:
        kwargs["progress"] = lambda done, total: progress("estimate", done, total)
    return est_mod.estimate(evidence, **kwargs)


def _claim_rows(evidence: Evidence, quantity: str, party: str | None = None) -> pd.DataFrame:
    claims = evidence.claims
    sel = claims[claims["quantity"] == quantity]
    if party is not None:
        sel = sel[sel["party"] == party]
    return sel


def _one_claim(rows: pd.DataFrame, what: str) -> pd.Series:
    """The one claim behind a figure of the donor-pool section. Several claims that state
    the same values are one figure (the lowest claim id is cited, so the choice does not
    depend on file or database order); claims that disagree are not settled here by picking
    one: the section is not estimable until the user resolves them, and the reason names
    every claim."""
    rows = rows.sort_values("id", kind="stable")
    values = {(str(r["value_low"]), str(r["value_high"])) for _, r in rows.iterrows()}
    if len(values) > 1:
        stated = "; ".join(
            f"{r['id']} = {r['value_low']}"
            + (
                f"-{r['value_high']}"
                if str(r["value_high"]) not in ("", str(r["value_low"]))
                else ""
            )
            for _, r in rows.iterrows()
        )
        raise NotEstimableError(
            f"{len(rows)} claims for {what} disagree ({stated}); keep one or correct them"
        )
    return rows.iloc[0]


DONORPOOL_VOLUME_YEAR = "2015"
"""The year of the official volume the donor-pool section compares (the claim the
investigators' yearly estimates are set against)."""
DONORPOOL_DONOR_YEARS = ("2015", "2016")
"""Years of the official deceased-donor counts drawn as rules on the donor-pool chart."""
DONORPOOL_WAIT_DAYS = 7.0
"""The advertised wait the waiting-list sentence is stated for (days)."""
DONORPOOL_WAITLIST_DRAWS = 2000
"""Monte Carlo draws behind the waiting-list sentence's single figure."""


def run_donorpool(evidence: Evidence) -> DonorPoolInputs:
    """Inputs of the donor-pool section: volumes and donor counts from the evidence's claims."""
    from transplant_audit.donorpool import model
    from transplant_audit.donorpool.params import load_assumptions
    from transplant_audit.report.donorpool_section import DonorPoolInputs

    asm = load_assumptions(evidence.assumptions)
    volumes, claims = _donorpool_volumes(evidence)
    if not volumes:
        raise NotEstimableError("no official or investigators' yearly volume among the claims")
    return DonorPoolInputs(
        curve=model.wait_curve(asm, volumes=volumes),
        official_donors=_official_donors(evidence),
        volumes=volumes,
        volume_claims=claims,
        assumptions=sorted(
            n for n in evidence.assumptions["name"].astype(str) if n.startswith("donorpool_")
        ),
        waitlist=_waitlist(evidence, asm),
    )


def _donorpool_volumes(
    evidence: Evidence,
) -> tuple[dict[str, float], dict[str, tuple[str, str]]]:
    """Yearly volumes by label (the official one, each end of the investigators' range) and
    the claim id and source id of each."""
    volumes: dict[str, float] = {}
    claims: dict[str, tuple[str, str]] = {}
    official = _claim_rows(evidence, "transplants_performed", "chinese_official")
    official = official[official["period_start"].astype(str).str[:4] == DONORPOOL_VOLUME_YEAR]
    if len(official):
        r = _one_claim(official, f"the official {DONORPOOL_VOLUME_YEAR} transplant volume")
        label = f"official {DONORPOOL_VOLUME_YEAR}"
        volumes[label] = float(r["value_low"])
        claims[label] = (str(r["id"]), str(r["source_id"]))
    kgm = _claim_rows(evidence, "transplants_per_year_estimate", "investigators")
    if len(kgm):
        r = _one_claim(kgm, "the investigators' yearly estimate")
        for end, col in (("low", "value_low"), ("high", "value_high")):
            if pd.notna(r[col]) and str(r[col]) != "":
                label = f"{r['claimant']} {end}"
                volumes[label] = float(r[col])
                claims[label] = (str(r["id"]), str(r["source_id"]))
    return volumes, claims


def _official_donors(evidence: Evidence) -> pd.DataFrame:
    donors = _claim_rows(evidence, "deceased_donors", "chinese_official")
    donors = donors[donors["period_start"].astype(str).str[:4].isin(DONORPOOL_DONOR_YEARS)]
    year = donors["period_start"].astype(str).str[:4]
    donors = pd.DataFrame(
        [_one_claim(g, f"official deceased donors in {y}") for y, g in donors.groupby(year)],
        columns=donors.columns,
    )
    rows = pd.DataFrame(
        {
            "label": [f"official deceased donors {str(v)[:4]}" for v in donors["period_start"]],
            "donors": donors["value_low"].astype(float),
            "year": donors["period_start"].astype(str).str[:4],
            "claim_id": donors["id"],
            "source_id": donors["source_id"],
        }
    ).sort_values("year")
    return rows.reset_index(drop=True)


def _waitlist(evidence: Evidence, asm: Mapping[str, Assumption]) -> dict[str, object]:
    """The official waiting list and the donors a year a short wait would need with it."""
    from transplant_audit.donorpool import model

    wl = _claim_rows(evidence, "transplant_waiting_list", "chinese_official")
    if not len(wl):
        return {}
    r = _one_claim(wl, "the official waiting list")
    res = model.implied_donors(
        asm,
        organs=["kidney"],
        wait_days=[DONORPOOL_WAIT_DAYS],
        volume=1.0,
        waitlist=float(r["value_low"]),
        draws=DONORPOOL_WAITLIST_DRAWS,
    )
    return {
        "value": float(r["value_low"]),
        "claim": str(r["id"]),
        "source": str(r["source_id"]),
        "kidney_7": res.rows[0]["donors_per_year_median"],
    }
