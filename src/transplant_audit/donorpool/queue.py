"""The waiting-time formula: a birth-death chain of waiting recipients, one per blood group.

Model (for one ABO group; recipients receive ABO-identical organs):

* recipients join at rate ``lam`` a year (Poisson);
* usable organs arrive at rate ``nu`` a year (Poisson: donors a year x the
  group's share x usable organs per donor);
* an organ and a waiting recipient are compatible with probability ``c``
  (negative crossmatch, and the HLA rule where one applies), independently;
* an arriving organ goes to the longest-waiting compatible recipient; if none
  is compatible it stays usable for ``avail`` years (cold-ischaemia time for a
  deceased donor), and an arriving recipient takes it if compatible.

With ``n`` recipients waiting, the queue shrinks at rate
``delta(n) = nu * (1 - (1 - c)**n)`` (an organ finds someone compatible) and
grows at rate ``beta(n) = lam * exp(-c * nu * (1 - c)**n * avail)`` (the
newcomer finds no compatible organ in stock: the stock of unmatched organs is
Poisson with mean ``nu (1 - c)**n avail``, as in an M/G/infinity queue). The
stationary distribution of a birth-death chain is
``pi(n) ~ prod_{i=1..n} beta(i-1) / delta(i)`` (e.g. Kleinrock, *Queueing
Systems* vol. 1, 1975, sec. 3.1). For large ``n`` both rates are constant
(``lam`` and ``nu``), so the tail is geometric with ratio ``lam / nu`` and is
summed in closed form. A steady state exists only when ``nu > lam``; then by
Little's law the mean wait is ``E[n] / lam``.

Closed-form check: with ``c = 1`` and ``avail = 0`` the chain is the M/M/1
queue (arrivals ``lam``, service ``nu``) and the mean wait is ``1 / (nu - lam)``.

Everything here works on numpy arrays of draws (one value per Monte Carlo
draw), so thousands of parameter sets are evaluated at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

TAIL_EPS = 1e-12
"""Beyond the state where ``(1 - c)**n`` falls below this, the rates are taken as constant."""

MAX_STATES = 20_000
"""Largest explicit state; a compatibility so low needs more would be refused by the caller."""


def _states_needed(c: np.ndarray) -> int:
    c_min = float(np.clip(np.min(c), 1e-9, 1.0))
    if c_min >= 1.0:
        return 1
    n = int(np.ceil(np.log(TAIL_EPS) / np.log1p(-c_min)))
    return int(np.clip(n, 1, MAX_STATES))


def mean_queue(
    lam: np.ndarray, nu: np.ndarray, c: np.ndarray, avail: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Mean number of recipients waiting, and whether a steady state exists, per draw.

    ``lam`` and ``nu`` are rates a year, ``c`` a probability, ``avail`` in years;
    all broadcast to one shape ``(D,)``. Draws without a steady state get ``inf``.
    """
    lam, nu, c, avail = np.broadcast_arrays(
        *(np.atleast_1d(np.asarray(x, dtype=float)) for x in (lam, nu, c, avail))
    )
    steady = (nu > lam) & (c > 0)
    n_max = _states_needed(c)
    n = np.arange(n_max + 1, dtype=float)  # states 0..n_max
    miss = np.exp(np.log1p(-np.clip(c, 0.0, 1.0 - 1e-15))[:, None] * n[None, :])  # (1-c)^n
    log_beta = np.log(lam)[:, None] - (c * nu * avail)[:, None] * miss  # beta(n), n = 0..n_max
    delta = nu[:, None] * (1.0 - miss[:, 1:])  # delta(n), n = 1..n_max
    with np.errstate(divide="ignore"):
        steps = log_beta[:, :-1] - np.log(delta)
    log_w = np.concatenate([np.zeros((lam.size, 1)), np.cumsum(steps, axis=1)], axis=1)
    log_w = np.where(steady[:, None], log_w, 0.0)
    top = log_w.max(axis=1, keepdims=True)
    w = np.exp(log_w - top)
    r = np.where(steady, lam / np.where(nu > 0, nu, 1.0), 0.0)
    tail = w[:, -1] * r / (1.0 - r)  # sum over n > n_max of w(n_max) r^(n - n_max)
    tail_n = w[:, -1] * (n_max * r / (1.0 - r) + r / (1.0 - r) ** 2)
    s0 = w.sum(axis=1) + tail
    s1 = (w * n[None, :]).sum(axis=1) + tail_n
    mean_n = np.where(steady, s1 / s0, np.inf)
    return mean_n, steady


def mean_wait_years(
    lam: np.ndarray, nu: np.ndarray, c: np.ndarray, avail: np.ndarray
) -> np.ndarray:
    """Mean waiting time in years (Little's law, ``E[n] / lam``); ``inf`` without steady state."""
    mean_n, steady = mean_queue(lam, nu, c, avail)
    lam_b = np.broadcast_to(np.asarray(lam, dtype=float), mean_n.shape)
    return np.where(steady, mean_n / lam_b, np.inf)


def system_wait_years(
    donors: np.ndarray,
    volume: np.ndarray,
    group_share: np.ndarray,
    organs_per_donor: np.ndarray,
    c: np.ndarray,
    avail: np.ndarray,
) -> np.ndarray:
    """Mean wait over all recipients (years), blood groups weighted by their share of recipients.

    ``group_share`` has shape ``(D, G)`` (rows sum to 1; recipients and donors share
    it), the other arguments shape ``(D,)``. ``inf`` where any group has no steady state.
    """
    total = np.zeros(np.shape(donors), dtype=float)
    for g in range(group_share.shape[1]):
        share = group_share[:, g]
        lam = volume * share
        nu = donors * share * organs_per_donor
        total = total + share * mean_wait_years(lam, nu, c, avail)
    return total


def donors_for_waits(
    waits_years: Sequence[float],
    volume: np.ndarray,
    group_share: np.ndarray,
    organs_per_donor: np.ndarray,
    c: np.ndarray,
    avail: np.ndarray,
) -> np.ndarray:
    """``donors_for_wait`` for several waits at once: shape ``(len(waits_years), D)``.

    The draws are repeated once per wait and bisected together, so the arrays are
    larger and the calls fewer (the chain has few states, so the cost is per call);
    every draw's arithmetic is the one ``donors_for_wait`` does for that wait alone.
    """
    k, d = len(waits_years), np.shape(group_share)[0]

    def tiled(x: np.ndarray) -> np.ndarray:
        return np.tile(np.broadcast_to(np.asarray(x, dtype=float), (d,)), k)

    donors = donors_for_wait(
        np.repeat(np.asarray(waits_years, dtype=float), d),
        tiled(volume),
        np.tile(np.asarray(group_share, dtype=float), (k, 1)),
        tiled(organs_per_donor),
        tiled(c),
        tiled(avail),
    )
    return donors.reshape(k, d)


def donors_for_wait(
    wait_years: float | np.ndarray,
    volume: np.ndarray,
    group_share: np.ndarray,
    organs_per_donor: np.ndarray,
    c: np.ndarray,
    avail: np.ndarray,
    *,
    iterations: int = 60,
) -> np.ndarray:
    """Donors a year giving a mean wait of ``wait_years`` (bisection on the log scale, per draw).

    The wait falls as donors rise; the smallest possible rate is the one at which
    the scarcest group just reaches a steady state.
    """
    volume = np.asarray(volume, dtype=float)
    floor = volume / organs_per_donor  # below this no group can be in steady state
    lo = np.log(floor * (1.0 + 1e-9))
    hi = np.log(floor * 1e4)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        w = system_wait_years(np.exp(mid), volume, group_share, organs_per_donor, c, avail)
        too_slow = w > wait_years
        lo = np.where(too_slow, mid, lo)
        hi = np.where(too_slow, hi, mid)
    return np.exp(hi)


def backlog_growth(
    donors: np.ndarray,
    volume: np.ndarray,
    group_share: np.ndarray,
    organs_per_donor: np.ndarray,
) -> np.ndarray:
    """Recipients a year added to the queue when organs cannot keep up (0 in steady state).

    Even if every organ found a recipient, group ``g`` serves at most
    ``donors * share * organs_per_donor`` a year; the rest of its arrivals wait on.
    """
    supply = donors[:, None] * group_share * organs_per_donor[:, None]
    demand = volume[:, None] * group_share
    return np.clip(demand - supply, 0.0, None).sum(axis=1)


def backlog_wait_years(waitlist: np.ndarray, supply: np.ndarray) -> np.ndarray:
    """Wait of a newcomer to a long first-come queue served at ``supply`` a year (Little's law).

    For a system at or beyond capacity (voluntary donation almost everywhere), every
    organ finds a compatible recipient in the long queue, so the queue is served at
    the organ supply rate and the wait is ``waitlist / supply`` years.
    """
    return np.asarray(waitlist, dtype=float) / np.asarray(supply, dtype=float)


def supply_for_backlog_wait(waitlist: np.ndarray, wait_years: float) -> np.ndarray:
    """Usable organs a year that serve a first-come queue of ``waitlist`` in ``wait_years``.

    The inverse of ``backlog_wait_years`` (Little's law): ``waitlist / wait_years``.
    """
    return np.asarray(waitlist, dtype=float) / float(wait_years)
