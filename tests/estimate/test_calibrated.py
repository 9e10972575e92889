"""The calibrated model: its prior algebra, the fit against exact quadrature, convergence
refusal, and the stored posterior of the bundled data (keyed by the inputs digest).

Data in the fitting tests are SYNTHETIC, drawn with a fixed seed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from transplant_audit.errors import TransplantAuditError
from transplant_audit.estimate import api, calibrated
from transplant_audit.estimate import calibrate as core

PRIORS = core.Priors(0.021, 1.0, 0.01, 1.0)


@pytest.fixture(scope="module")
def bundled_evidence(bundled_dir):
    from transplant_audit.evidence.package import read_package

    return read_package(bundled_dir)


def synthetic(n_hosp: int = 6, per: int = 8, seed: int = 3) -> tuple[core.CalibrationData, dict]:
    """SYNTHETIC counts from known disclosure 0.1, mu_u log(0.3), tau 0.5, sigma 0.3."""
    rng = np.random.default_rng(seed)
    hosp = np.repeat(np.arange(n_hosp), per)
    log_cap = rng.uniform(4, 8, len(hosp))
    truth = {"log_d": math.log(0.1), "mu_u": math.log(0.3), "tau": 0.5, "sigma": 0.3}
    log_u = truth["mu_u"] + truth["tau"] * rng.standard_normal(n_hosp)
    y = truth["log_d"] + log_u[hosp] + log_cap + truth["sigma"] * rng.standard_normal(len(hosp))
    data = core.CalibrationData(
        hosp,
        np.full(len(hosp), 2010),
        y,
        log_cap,
        np.full(len(hosp), 0.1),
        tuple(f"syn_{i}" for i in range(n_hosp)),
    )
    return data, truth


def test_prior_of_m_is_the_convolution_of_the_two_priors():
    jnp = pytest.importorskip("jax.numpy")
    rng = np.random.default_rng(0)
    m = rng.normal(PRIORS.log_d_loc, PRIORS.log_d_scale, 400_000) + np.log(
        rng.uniform(PRIORS.utilisation_low, PRIORS.utilisation_high, 400_000)
    )
    hist, edges = np.histogram(m, bins=40, density=True)
    mid = (edges[1:] + edges[:-1]) / 2
    dens = np.exp(np.asarray(core._log_prior_m(jnp.asarray(mid), PRIORS)))
    assert np.max(np.abs(hist - dens)) < 0.01
    # the numpy twin (used by the quadrature) equals the JAX one (float32 there)
    assert np.allclose(dens, np.exp(core._log_prior_m_np(mid, PRIORS)), rtol=1e-3, atol=1e-5)


def test_capped_mean_utilisation_never_exceeds_one():
    rng = np.random.default_rng(1)
    for mu, tau in ((-0.5, 1.3), (-2.0, 0.5), (0.5, 0.2)):
        mc = np.minimum(np.exp(rng.normal(mu, tau, 500_000)), 1).mean()
        assert core.capped_mean(np.array(mu), np.array(tau)) == pytest.approx(mc, abs=2e-3)
    assert core.capped_mean(np.array(3.0), np.array(2.0)) <= 1.0


def test_quadrature_recovers_the_identified_combination():
    data, truth = synthetic(n_hosp=12, per=10)
    post = core.quadrature_posterior(data, PRIORS, draws=4000)
    m = post.log_d + post.mu_u
    lo, hi = np.quantile(m, [0.05, 0.95])
    assert lo < truth["log_d"] + truth["mu_u"] < hi
    assert np.quantile(post.sigma, 0.01) < truth["sigma"] < np.quantile(post.sigma, 0.99)


def test_nuts_fit_agrees_with_exact_quadrature_and_reports_diagnostics():
    pytest.importorskip("numpyro")
    data, _ = synthetic()
    post = core.fit(data, PRIORS, warmup=300, samples=300, chains=2, seed=1)
    quad = core.quadrature_posterior(data, PRIORS, draws=4000)
    assert set(post.rhat) == set(core.PARAMS) and all(r < 1.05 for r in post.rhat.values())
    for k in ("tau", "sigma"):
        assert np.median(getattr(post, k)) == pytest.approx(np.median(getattr(quad, k)), abs=0.15)
    m_nuts, m_quad = post.log_d + post.mu_u, quad.log_d + quad.mu_u
    assert np.median(m_nuts) == pytest.approx(np.median(m_quad), abs=0.15)


def test_a_non_converged_fit_is_refused():
    data, _ = synthetic()
    post = core.quadrature_posterior(data, PRIORS, draws=200)
    post.rhat = {**post.rhat, "tau": 1.2}
    with pytest.raises(TransplantAuditError, match="did not converge"):
        calibrated.scenario_draws(
            calibrated.Calibration(post, data, PRIORS), np.ones((2, 10)), np.zeros((2, 10))
        )
    post.rhat = {k: math.nan for k in post.rhat}  # one chain: no R-hat, never reported
    assert not post.converged


def test_synthetic_truth_coverage_runs_on_seeded_systems():
    data, _ = synthetic()
    rows = core.synthetic_truth(data, PRIORS, systems=30, seed=5)
    assert [r["nominal"] for r in rows] == [0.5, 0.9] and all(r["n"] == 30 for r in rows)
    assert rows[1]["coverage"] >= 0.7  # 30 systems: a loose bound; the stored run has 200


def test_stored_posterior_matches_the_bundled_data(bundled_evidence):
    """Like the data package's check: rebuild with `python tools/build_posterior.py`."""
    everything, _ = api.load_assumptions(bundled_evidence)
    assumptions, carry_back, _ = api.split_carry_back(everything)
    data = api.calibration_inputs(bundled_evidence, assumptions, {"carry_back": carry_back})
    digest = core.data_digest(data, calibrated.priors_from(everything), calibrated.SAMPLER)
    stored = calibrated.load_posterior(calibrated.BUNDLED_POSTERIOR)
    assert stored is not None, "no stored posterior: run python tools/build_posterior.py"
    assert stored.digest == digest, "stale posterior: run python tools/build_posterior.py"
    assert stored.converged
    checks = {(r["check"], r["nominal"]): r for r in stored.validation}
    assert checks[("synthetic_truth", 0.9)]["n"] >= 200
    assert checks[("leave_one_hospital_out", 0.9)]["n"] == len(data)


def test_bundled_estimate_reports_calibrated_with_curve_and_validation(bundled_evidence):
    r = api.estimate(bundled_evidence, draws=300, years="2014-2016")
    assert "calibrated" in r.scenarios
    d = r.to_dict(with_sensitivity=False)
    assert {row["scenario"] for row in d["national"]} >= {"calibrated", "combined"}
    curve = d["calibration"]["disclosure_curve"]
    at = {c["disclosure"]: c["median"] for c in curve if c["year"] == 2016}
    assert at[0.1] > at[0.5] > at[1.0]  # less disclosure: more volume behind each count
    assert {v["check"] for v in d["validation"]} == {"leave_one_hospital_out", "synthetic_truth"}
    assert all(set(v) == {"check", "nominal", "coverage", "n"} for v in d["validation"])
