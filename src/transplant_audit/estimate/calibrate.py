# ruff: noqa: N803, N806  (array dimensions use their usual capital letters)
"""The calibrated model: what hospitals' own counts say about utilisation, given disclosure.

For every hospital-year with both an own count and a capacity value:

    log(count) ~ Normal(log(disclosure) + log(u_h) + log(capacity), sigma_total)
    log(u_h)   ~ Normal(mu_u, tau)                 (partially pooled per hospital)
    disclosure ~ the sourced prior ``disclosure_share``
    exp(mu_u)  ~ the bounds ``utilisation_geometric_mean``
    tau, sigma ~ HalfNormal(1)                     (weakly informative, on the log scale)

where sigma_total^2 = sigma^2 + (spread of log capacity across Monte Carlo draws)^2.
The data identify disclosure x utilisation, never either alone: the disclosure
prior decides the split, and ``disclosure_curve`` shows the national estimate at
every disclosure value so a reader can apply their own.

Fitted with NumPyro's NUTS sampler (JAX on CPU). Measured on the 2-core machine:
see docs/estimate.md (PyMC was not measured: see the docs). Pure: arrays in,
posterior arrays out; ``tools/build_posterior.py`` writes the bundled posterior.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from transplant_audit.errors import TransplantAuditError

MODEL_VERSION = "calibrated/1"
RHAT_MAX = 1.01
ESS_MIN = 400.0
PARAMS = ("m", "tau", "sigma")
"""Sampled parameters (m = log disclosure + mu_u, the identified combination)."""
Z95 = 1.6448536269514722


class NotConvergedError(TransplantAuditError):
    """The sampler did not converge: the fit is not reported."""


@dataclass(frozen=True)
class CalibrationData:
    """Hospital-years with an own count and a capacity (all arrays of length N)."""

    hospital: np.ndarray  # index into hospital_ids
    year: np.ndarray
    log_count: np.ndarray
    log_capacity: np.ndarray
    sd_log_capacity: np.ndarray
    hospital_ids: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.hospital)

    def without(self, hospital_id: str) -> CalibrationData:
        """The data with one hospital's rows removed (hospital indices renumbered)."""
        h = self.hospital_ids.index(hospital_id)
        keep = self.hospital != h
        ids = tuple(x for x in self.hospital_ids if x != hospital_id)
        return CalibrationData(
            np.where(self.hospital[keep] > h, self.hospital[keep] - 1, self.hospital[keep]),
            self.year[keep],
            self.log_count[keep],
            self.log_capacity[keep],
            self.sd_log_capacity[keep],
            ids,
        )

    def rows_of(self, hospital_id: str) -> np.ndarray:
        return np.nonzero(self.hospital == self.hospital_ids.index(hospital_id))[0]


@dataclass(frozen=True)
class Priors:
    """Disclosure: lognormal with 5th/95th percentiles; geometric-mean utilisation: uniform."""

    disclosure_p05: float
    disclosure_p95: float
    utilisation_low: float
    utilisation_high: float

    @property
    def log_d_loc(self) -> float:
        return (math.log(self.disclosure_p05) + math.log(self.disclosure_p95)) / 2

    @property
    def log_d_scale(self) -> float:
        return (math.log(self.disclosure_p95) - math.log(self.disclosure_p05)) / (2 * Z95)

    def as_dict(self) -> dict[str, float]:
        return {
            "disclosure_p05": self.disclosure_p05,
            "disclosure_p95": self.disclosure_p95,
            "utilisation_low": self.utilisation_low,
            "utilisation_high": self.utilisation_high,
        }


@dataclass
class Posterior:
    """Posterior draws (chains pooled) and the sampler's diagnostics."""

    log_d: np.ndarray  # (S,)
    mu_u: np.ndarray
    tau: np.ndarray
    sigma: np.ndarray
    log_u: np.ndarray  # (S, H)
    hospital_ids: tuple[str, ...]
    rhat: dict[str, float]
    ess: dict[str, float]
    seconds: float = math.nan
    digest: str = ""
    validation: list[dict[str, float | str | int]] = field(default_factory=list)

    @property
    def converged(self) -> bool:
        rhat_ok = all(r <= RHAT_MAX for r in self.rhat.values())  # NaN (one chain) fails
        return rhat_ok and min(self.ess.values()) >= ESS_MIN

    def require_converged(self) -> None:
        if not self.converged:
            worst = max(self.rhat, key=self.rhat.get)
            low = min(self.ess, key=self.ess.get)
            raise NotConvergedError(
                f"calibrated model did not converge (R-hat {worst} {self.rhat[worst]:.3f} > "
                f"{RHAT_MAX} or ESS {low} {self.ess[low]:.0f} < {ESS_MIN:.0f}); not reported"
            )

    def diagnostics(self) -> list[dict[str, float | str]]:
        return [{"parameter": p, "r_hat": self.rhat[p], "ess": self.ess[p]} for p in PARAMS]

    def mean_utilisation(self) -> np.ndarray:
        """Mean utilisation of a centre drawn from the population, each centre capped at its
        capacity: E[min(u, 1)] for log u ~ Normal(mu_u, tau), in closed form."""
        return capped_mean(self.mu_u, self.tau)


def capped_mean(mu: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """E[min(U, 1)] for log U ~ Normal(mu, tau): a centre never uses more than its capacity.

    = exp(mu + tau^2/2) Phi((-mu - tau^2) / tau) + 1 - Phi(-mu / tau).
    """
    from scipy.stats import norm

    tau = np.maximum(tau, 1e-9)
    return np.exp(mu + tau**2 / 2) * norm.cdf((-mu - tau**2) / tau) + norm.sf(-mu / tau)


# ---------------------------------------------------------------------- data
def calibration_data(
    documented: np.ndarray,
    capacity: np.ndarray,
    hospital_ids: list[str],
    years: np.ndarray,
) -> CalibrationData:
    """Hospital-years with an own count > 0 and a capacity > 0 in most draws.

    ``documented``, ``capacity``: per hospital-year draws, shape (Y * H, D), NaN where
    the hospital-year has no value (``EstimateResult.hy_draws``; row = year * H + h).
    """
    H = len(hospital_ids)
    with np.errstate(invalid="ignore", divide="ignore"):
        n_ok = np.sum((documented > 0) & (capacity > 0), axis=1)
        rows = np.nonzero(n_ok >= 0.5 * documented.shape[1])[0]
        cnt = np.nanmedian(documented[rows], axis=1)
        logcap = np.log(np.where(capacity[rows] > 0, capacity[rows], np.nan))
    used = sorted({int(r % H) for r in rows})
    index = {h: i for i, h in enumerate(used)}
    return CalibrationData(
        hospital=np.array([index[int(r % H)] for r in rows], np.int64),
        year=np.asarray(years)[rows // H].astype(int),
        log_count=np.log(cnt),
        log_capacity=np.nanmedian(logcap, axis=1),
        sd_log_capacity=np.nan_to_num(np.nanstd(logcap, axis=1)),
        hospital_ids=tuple(hospital_ids[h] for h in used),
    )


def data_digest(data: CalibrationData, priors: Priors, settings: Mapping[str, object]) -> str:
    """``sha256:`` over the calibration inputs (rounded to 6 significant digits), priors,
    sampler settings and model version: the key of a stored posterior."""
    h = hashlib.sha256(MODEL_VERSION.encode())
    payload = {
        "hospital_ids": list(data.hospital_ids),
        "hospital": data.hospital.tolist(),
        "year": data.year.tolist(),
        "values": [
            [float(f"{v:.6g}") for v in arr]
            for arr in (data.log_count, data.log_capacity, data.sd_log_capacity)
        ],
        "priors": priors.as_dict(),
        "settings": dict(settings),
    }
    h.update(json.dumps(payload, sort_keys=True).encode())
    return "sha256:" + h.hexdigest()


# ---------------------------------------------------------------------- model
def _model(hosp, y, s2, mask, n_hosp: int, priors: Priors):  # noqa: ANN001, ANN202
    """The data identify only m = log(disclosure) + mu_u. NUTS samples (m, tau, sigma) under
    the exact prior of m (the convolution of the two priors, closed form: ``_log_prior_m``);
    log(disclosure) given m is drawn afterwards from its exact conditional (``_draw_log_d``).
    Hospital log-utilisations are integrated out: per hospital, y = log(count / capacity) is
    multivariate normal with mean m and covariance diag(sigma^2 + s2) + tau^2 (one block per
    hospital; Sherman-Morrison gives its log-density in closed form)."""
    import jax
    import jax.numpy as jnp
    import numpyro
    import numpyro.distributions as dist

    m = numpyro.sample("m", dist.Normal(0.0, 10.0))  # broad carrier; the prior is the factor
    numpyro.factor("m_prior", _log_prior_m(m, priors) - dist.Normal(0.0, 10.0).log_prob(m))
    tau = numpyro.sample("tau", dist.HalfNormal(1.0))
    sigma = numpyro.sample("sigma", dist.HalfNormal(1.0))
    var = sigma**2 + s2
    w = mask / var  # a masked row (held out) contributes nothing
    r = y - m
    sw = jax.ops.segment_sum(w, hosp, n_hosp)
    swr = jax.ops.segment_sum(w * r, hosp, n_hosp)
    one = 1.0 + tau**2 * sw
    logdet = jnp.sum(mask * jnp.log(var)) + jnp.sum(jnp.log(one))
    quad = jnp.sum(w * r**2) - jnp.sum(tau**2 * swr**2 / one)
    numpyro.factor("obs", -0.5 * (jnp.sum(mask) * jnp.log(2 * jnp.pi) + logdet + quad))


def _log_prior_m(m, priors: Priors):  # noqa: ANN001, ANN202
    """log density of m = l + mu with l ~ Normal(a, s) and exp(mu) ~ Uniform(lo, hi):
    exp(m - a + s^2/2) / (hi - lo) x [Phi(z1) - Phi(z2)], z = (m - log bound - a + s^2) / s.
    """
    import jax.numpy as jnp
    from jax.scipy.special import log_ndtr

    a, sd = priors.log_d_loc, priors.log_d_scale
    lo, hi = math.log(priors.utilisation_low), math.log(priors.utilisation_high)
    z1 = (m - lo - a + sd**2) / sd
    z2 = (m - hi - a + sd**2) / sd
    log_diff = log_ndtr(z1) + jnp.log1p(-jnp.exp(log_ndtr(z2) - log_ndtr(z1)))
    return m - a + sd**2 / 2 - math.log(priors.utilisation_high - priors.utilisation_low) + log_diff


def _draw_log_d(m: np.ndarray, priors: Priors, seed: int) -> np.ndarray:
    """log(disclosure) | m: density Normal(l; a, s) exp(-l) on [m - log hi, m - log lo],
    i.e. Normal(a - s^2, s) truncated to that interval."""
    from scipy.stats import truncnorm

    loc, sd = priors.log_d_loc - priors.log_d_scale**2, priors.log_d_scale
    lo = m - math.log(priors.utilisation_high)
    hi = m - math.log(priors.utilisation_low)
    return truncnorm.rvs((lo - loc) / sd, (hi - loc) / sd, loc=loc, scale=sd, random_state=seed)


def _draw_log_u(
    data: CalibrationData, draws: dict[str, np.ndarray], mask: np.ndarray, seed: int
) -> np.ndarray:
    """(S, H) hospital log-utilisations from their Gaussian conditional posterior."""
    H = len(data.hospital_ids)
    rng = np.random.default_rng(seed)
    y = data.log_count - data.log_capacity
    var = draws["sigma"][:, None] ** 2 + data.sd_log_capacity[None, :] ** 2  # (S, N)
    w = mask[None, :] / var
    onehot = np.zeros((len(data), H))
    onehot[np.arange(len(data)), data.hospital] = 1.0
    sw = w @ onehot
    swy = (w * (y[None, :] - draws["log_d"][:, None])) @ onehot  # y - log_d = log_u + noise
    prec = 1.0 / draws["tau"][:, None] ** 2 + sw
    mean = (draws["mu_u"][:, None] / draws["tau"][:, None] ** 2 + swy) / prec
    return mean + rng.standard_normal(mean.shape) / np.sqrt(prec)


def _setup_jax() -> None:
    os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false")
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    import numpyro

    numpyro.set_host_device_count(1)


class Sampler:
    """NUTS for one data shape and prior, compiled once and reused (leave-one-out refits and
    synthetic systems have the same shape, so they skip JAX's compilation)."""

    def __init__(
        self,
        n_hosp: int,
        priors: Priors,
        *,
        warmup: int = 1000,
        samples: int = 1000,
        chains: int = 2,
    ) -> None:
        _setup_jax()
        from functools import partial

        from numpyro.infer import MCMC, NUTS

        self.priors = priors
        self.chains = chains
        self.n_hosp = n_hosp
        self.mcmc = MCMC(
            NUTS(partial(_model, n_hosp=n_hosp, priors=priors), target_accept_prob=0.9),
            num_warmup=warmup,
            num_samples=samples,
            num_chains=chains,
            chain_method="sequential",
            progress_bar=False,
            jit_model_args=True,
        )

    def fit(
        self, data: CalibrationData, mask: np.ndarray | None = None, seed: int = 0
    ) -> Posterior:
        """Posterior given the rows where ``mask`` is 1 (all rows by default)."""
        import time

        import jax
        from numpyro.diagnostics import effective_sample_size, split_gelman_rubin

        if not len(data):
            raise TransplantAuditError(
                "calibrated model: no hospital-year has both a count and a capacity"
            )
        mask = np.ones(len(data)) if mask is None else np.asarray(mask, float)
        t0 = time.perf_counter()
        self.mcmc.run(
            jax.random.PRNGKey(seed),
            data.hospital,
            data.log_count - data.log_capacity,
            data.sd_log_capacity**2,
            mask,
        )
        by_chain = {
            k: np.asarray(v, float) for k, v in self.mcmc.get_samples(group_by_chain=True).items()
        }
        seconds = time.perf_counter() - t0
        if self.chains > 1:
            rhat = {p: float(np.max(split_gelman_rubin(by_chain[p]))) for p in PARAMS}
        else:
            rhat = {p: math.nan for p in PARAMS}
        ess = {p: float(np.min(effective_sample_size(by_chain[p]))) for p in PARAMS}
        flat = {k: v.reshape(-1, *v.shape[2:]) for k, v in by_chain.items()}
        flat["log_d"] = _draw_log_d(flat["m"], self.priors, seed)
        flat["mu_u"] = flat["m"] - flat["log_d"]
        return Posterior(
            log_d=flat["log_d"],
            mu_u=flat["mu_u"],
            tau=flat["tau"],
            sigma=flat["sigma"],
            log_u=_draw_log_u(data, flat, mask, seed),
            hospital_ids=data.hospital_ids,
            rhat=rhat,
            ess=ess,
            seconds=seconds,
        )


def fit(
    data: CalibrationData,
    priors: Priors,
    *,
    warmup: int = 1000,
    samples: int = 1000,
    chains: int = 2,
    seed: int = 0,
) -> Posterior:
    """One NUTS fit (chains one after the other: 2 CPU cores are shared). Diagnostics: split
    R-hat and effective sample size of m, tau and sigma (NumPyro's implementations)."""
    sampler = Sampler(len(data.hospital_ids), priors, warmup=warmup, samples=samples, chains=chains)
    return sampler.fit(data, seed=seed)


# ---------------------------------------------------------------------- national
def _resample(x: np.ndarray, n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).choice(x, size=n, replace=True)


def calibrated_national(
    capacity: np.ndarray, documented: np.ndarray, post: Posterior, seed: int = 0
) -> np.ndarray:
    """(Y, D): national capacity x a centre's mean utilisation under the posterior,
    never below the documented counts (``methods.combined`` at national scale)."""
    from transplant_audit.estimate.methods import combined

    u = _resample(post.mean_utilisation(), capacity.shape[1], seed)
    return combined(documented, capacity, u[None, :])


def disclosure_curve(
    capacity: np.ndarray, post: Posterior, grid: np.ndarray, years: np.ndarray
) -> list[dict[str, float]]:
    """National estimate if disclosure were each value of ``grid``: the data fix
    m = log(disclosure) + mu_u, so mu_u = m - log(disclosure) and the mean (capped)
    utilisation follows (``capped_mean``)."""
    m = post.log_d + post.mu_u
    rows = []
    cap_med = np.median(capacity, axis=1)
    for d in grid:
        u = capped_mean(m - math.log(d), post.tau)
        for yi, y in enumerate(years):
            v = cap_med[yi] * u
            rows.append(
                {
                    "year": int(y),
                    "disclosure": float(d),
                    "utilisation_median": float(np.median(u)),
                    "median": float(np.median(v)),
                    "p05": float(np.quantile(v, 0.05)),
                    "p95": float(np.quantile(v, 0.95)),
                }
            )
    return rows


# ---------------------------------------------------------------------- validation
def predictive_interval_hits(
    post: Posterior, log_cap: np.ndarray, sd_cap: np.ndarray, log_count: np.ndarray, seed: int
) -> dict[float, np.ndarray]:
    """For a hospital the fit never saw: whether each own count lies inside the central
    50% and 90% posterior-predictive intervals (a new hospital from the population)."""
    rng = np.random.default_rng(seed)
    S = len(post.mu_u)
    u_new = post.mu_u + post.tau * rng.standard_normal(S)  # one draw of the hospital
    sd = np.sqrt(post.sigma[:, None] ** 2 + sd_cap[None, :] ** 2)
    pred = (
        (post.log_d + u_new)[:, None]
        + log_cap[None, :]
        + sd * rng.standard_normal((S, len(log_cap)))
    )
    out = {}
    for nominal in (0.5, 0.9):
        lo = np.quantile(pred, (1 - nominal) / 2, axis=0)
        hi = np.quantile(pred, (1 + nominal) / 2, axis=0)
        out[nominal] = (log_count >= lo) & (log_count <= hi)
    return out


def leave_one_hospital_out(
    data: CalibrationData,
    priors: Priors,
    *,
    warmup: int = 300,
    samples: int = 300,
    seed: int = 0,
    method: str = "quadrature",
) -> list[dict[str, float | str | int]]:
    """Exact refits without each hospital, predicting its own counts: coverage of the 50%
    and 90% intervals over all held-out hospital-years. ``method``: "quadrature" (the exact
    posterior on a grid, seconds) or "nuts" (the sampler, rows masked; minutes)."""
    sampler = None
    if method == "nuts":
        sampler = Sampler(len(data.hospital_ids), priors, warmup=warmup, samples=samples)
    hits: dict[float, list[np.ndarray]] = {0.5: [], 0.9: []}
    worst_rhat = 1.0
    for i, hid in enumerate(data.hospital_ids):
        rows = data.rows_of(hid)
        mask = np.ones(len(data))
        mask[rows] = 0.0
        if sampler is not None:
            post = sampler.fit(data, mask, seed=seed + i)
        else:
            post = quadrature_posterior(data.without(hid), priors, draws=2000, seed=seed + i)
        worst_rhat = max(worst_rhat, max(post.rhat.values()))
        h = predictive_interval_hits(
            post,
            data.log_capacity[rows],
            data.sd_log_capacity[rows],
            data.log_count[rows],
            seed + i,
        )
        for k in hits:
            hits[k].append(h[k])
    return [
        {
            "check": "leave_one_hospital_out",
            "nominal": k,
            "coverage": float(np.mean(np.concatenate(v))),
            "n": int(sum(len(x) for x in v)),
            "max_r_hat": worst_rhat,
        }
        for k, v in hits.items()
    ]


def simulate_system(
    data: CalibrationData, priors: Priors, rng: np.random.Generator
) -> tuple[CalibrationData, float, float]:
    """A SYNTHETIC system with the real system's shape (hospitals, capacities), drawn from the
    model's priors: returns (data, true total volume of its hospital-years, true disclosure)."""
    H = len(data.hospital_ids)
    log_d = rng.normal(priors.log_d_loc, priors.log_d_scale)
    mu_u = math.log(rng.uniform(priors.utilisation_low, priors.utilisation_high))
    tau, sigma = abs(rng.normal(0, 1)), abs(rng.normal(0, 1))
    log_u = mu_u + tau * rng.standard_normal(H)
    true_volume = float(np.sum(np.exp(log_u[data.hospital] + data.log_capacity)))
    scale = np.sqrt(sigma**2 + data.sd_log_capacity**2)
    log_count = (
        log_d + log_u[data.hospital] + data.log_capacity + scale * rng.standard_normal(len(data))
    )
    sim = CalibrationData(
        data.hospital,
        data.year,
        log_count,
        data.log_capacity,
        data.sd_log_capacity,
        data.hospital_ids,
    )
    return sim, true_volume, float(math.exp(log_d))


def _log_prior_m_np(m: np.ndarray, priors: Priors) -> np.ndarray:
    """``_log_prior_m`` in numpy (for the quadrature)."""
    from scipy.special import log_ndtr

    a, sd = priors.log_d_loc, priors.log_d_scale
    lo, hi = math.log(priors.utilisation_low), math.log(priors.utilisation_high)
    l1 = log_ndtr((m - lo - a + sd**2) / sd)
    l2 = log_ndtr((m - hi - a + sd**2) / sd)
    with np.errstate(divide="ignore"):
        diff = l1 + np.log1p(-np.exp(np.minimum(l2 - l1, 0.0)))
    return m - a + sd**2 / 2 - math.log(priors.utilisation_high - priors.utilisation_low) + diff


def quadrature_posterior(
    data: CalibrationData, priors: Priors, *, draws: int = 2000, seed: int = 0, n: int = 48
) -> Posterior:
    """The same posterior by exact quadrature on an (m, tau, sigma) grid: three parameters
    after integrating out the hospitals, so a grid is exact to its resolution and fast.
    Used for the synthetic-truth check (hundreds of fits) and to cross-check NUTS."""
    rng = np.random.default_rng(seed)
    y = data.log_count - data.log_capacity
    H = len(data.hospital_ids)
    onehot = np.zeros((len(data), H))
    onehot[np.arange(len(data)), data.hospital] = 1.0
    lo_m = math.log(priors.disclosure_p05 * priors.utilisation_low) - 3.0
    hi_m = math.log(priors.disclosure_p95 * priors.utilisation_high) + 3.0
    m = np.linspace(lo_m, hi_m, 4 * n)
    tau = np.linspace(0.005, 4.0, n)
    sig = np.linspace(0.005, 4.0, n)
    T, S = np.meshgrid(tau, sig, indexing="ij")
    T, S = T.ravel(), S.ravel()  # (P,)
    var = S[:, None] ** 2 + data.sd_log_capacity[None, :] ** 2  # (P, N)
    w = 1.0 / var
    sw = w @ onehot  # (P, H)
    one = 1.0 + T[:, None] ** 2 * sw
    logdet = np.log(var).sum(1) + np.log(one).sum(1)  # (P,)
    # quad(m) = sum w (y-m)^2 - sum_h tau^2 (sum w (y-m))_h^2 / one_h, expanded in m
    swy = (w * y) @ onehot
    q0 = (w * y**2).sum(1)[:, None] - 2 * m[None, :] * (w * y).sum(1)[:, None]
    q0 = q0 + m[None, :] ** 2 * w.sum(1)[:, None]
    swr = swy[:, None, :] - m[None, :, None] * sw[:, None, :]  # (P, M, H)
    q1 = (T[:, None, None] ** 2 * swr**2 / one[:, None, :]).sum(2)
    loglik = -0.5 * (logdet[:, None] + q0 - q1)  # (P, M)
    logp = loglik + _log_prior_m_np(m, priors)[None, :] - T[:, None] ** 2 / 2
    logp = logp - S[:, None] ** 2 / 2
    p = np.exp(logp - logp.max()).ravel()
    pick = rng.choice(p.size, size=draws, p=p / p.sum())
    pi, mi = np.unravel_index(pick, logp.shape)
    half = (m[1] - m[0]) / 2, (tau[1] - tau[0]) / 2, (sig[1] - sig[0]) / 2
    flat = {
        "m": m[mi] + rng.uniform(-half[0], half[0], draws),
        "tau": np.abs(T[pi] + rng.uniform(-half[1], half[1], draws)),
        "sigma": np.abs(S[pi] + rng.uniform(-half[2], half[2], draws)),
    }
    flat["log_d"] = _draw_log_d(flat["m"], priors, seed)
    flat["mu_u"] = flat["m"] - flat["log_d"]
    return Posterior(
        log_d=flat["log_d"],
        mu_u=flat["mu_u"],
        tau=flat["tau"],
        sigma=flat["sigma"],
        log_u=_draw_log_u(data, flat, np.ones(len(data)), seed),
        hospital_ids=data.hospital_ids,
        rhat={k: 1.0 for k in PARAMS},
        ess={k: float(draws) for k in PARAMS},
    )


def synthetic_truth(
    data: CalibrationData,
    priors: Priors,
    *,
    systems: int = 200,
    seed: int = 0,
) -> list[dict[str, float | str | int]]:
    """Coverage of the 50% and 90% posterior intervals of the true volume (sum over the
    hospital-years of utilisation x capacity) over ``systems`` seeded SYNTHETIC systems drawn
    from the model's priors, each fitted by exact quadrature (``quadrature_posterior``)."""
    rng = np.random.default_rng(seed)
    hits: dict[float, list[bool]] = {0.5: [], 0.9: []}
    for i in range(systems):
        sim, truth, _ = simulate_system(data, priors, rng)
        post = quadrature_posterior(sim, priors, draws=1000, seed=seed + i)
        vol = np.sum(np.exp(post.log_u[:, sim.hospital] + sim.log_capacity[None, :]), axis=1)
        for k in hits:
            lo, hi = np.quantile(vol, [(1 - k) / 2, (1 + k) / 2])
            hits[k].append(bool(lo <= truth <= hi))
    return [
        {"check": "synthetic_truth", "nominal": k, "coverage": float(np.mean(v)), "n": len(v)}
        for k, v in hits.items()
    ]
