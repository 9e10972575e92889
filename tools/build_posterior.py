"""Fit the calibrated model on the bundled data and store its posterior in the package.

    python tools/build_posterior.py               # fit + validation (several minutes)
    python tools/build_posterior.py --loo-method nuts  # refit held-out hospitals by NUTS

Writes src/transplant_audit/estimate/posterior_bundled.npz, keyed by the digest of the
calibration inputs (hospital counts and capacities from the data package, the priors
disclosure_share and utilisation_geometric_mean, the sampler settings). Run it whenever
data/ or the estimate's rules change: tests/estimate/test_calibrated.py fails while the
stored posterior does not match. Refuses to write a fit that did not converge.
"""

from __future__ import annotations

import argparse
import sys
import time

from transplant_audit.estimate import api, calibrated
from transplant_audit.estimate import calibrate as core
from transplant_audit.evidence.load import load_evidence


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--systems", type=int, default=200, help="synthetic systems (>= 200)")
    ap.add_argument(
        "--loo-method",
        choices=("quadrature", "nuts"),
        default="quadrature",
        help="refit each held-out case by exact quadrature (seconds) or NUTS (minutes)",
    )
    ap.add_argument("--loo-samples", type=int, default=300, help="NUTS warmup = samples")
    args = ap.parse_args()
    evidence = load_evidence()
    everything, _ = api.load_assumptions(evidence)
    assumptions, carry_back, _ = api.split_carry_back(everything)
    data = api.calibration_inputs(evidence, assumptions, {"carry_back": carry_back})
    priors = calibrated.priors_from(everything)
    print(f"calibration data: {len(data)} hospital-years at {len(data.hospital_ids)} hospitals")
    post = core.fit(data, priors, **calibrated.SAMPLER)
    post.digest = core.data_digest(data, priors, calibrated.SAMPLER)
    for row in post.diagnostics():
        print(f"  {row['parameter']:6s} R-hat {row['r_hat']:.4f}  ESS {row['ess']:.0f}")
    print(f"fit: {post.seconds:.1f} s")
    post.require_converged()
    t0 = time.perf_counter()
    n = args.loo_samples
    loo = core.leave_one_hospital_out(
        data, priors, warmup=n, samples=n, seed=1, method=args.loo_method
    )
    print(f"leave-one-hospital-out ({time.perf_counter() - t0:.0f} s): {loo}")
    t0 = time.perf_counter()
    syn = core.synthetic_truth(data, priors, systems=args.systems, seed=2)
    print(f"synthetic truth ({time.perf_counter() - t0:.0f} s): {syn}")
    post.validation = loo + syn
    calibrated.save_posterior(post, calibrated.BUNDLED_POSTERIOR)
    print(f"wrote {calibrated.BUNDLED_POSTERIOR} ({post.digest[:19]}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
