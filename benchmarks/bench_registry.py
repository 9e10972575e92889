"""Benchmark the registry on PostgreSQL: import 100,000 SYNTHETIC cases, then aggregates.

Run:  python benchmarks/bench_registry.py [--cases 100000] [--db ADMIN_URL]
      (default $TRANSPLANT_AUDIT_TEST_PG_URL; a database named ``registry_bench`` is created
       from it, migrated, used and dropped at the end)

What it measures, in one run:

1. writing the CSV of ``--cases`` SYNTHETIC cases (invented IDs and birth dates; years
   2015-2024, 12 destination countries and 4 organs drawn with skew, so that small cells
   exist), then ``registry import`` of it (validation, pseudonyms, duplicate check, one
   transaction): cases/s;
2. aggregates as ``GET /api/registry/aggregates`` computes them (the GROUP BY of live
   cases, then primary + complementary suppression with its LP audit), cold, and the
   three-axis table from the result; target < 2 s;
3. the baseline, in the same run: the bare ``GROUP BY year, country, organ`` alone, and
   ``SELECT count(*)``: what the database costs before any suppression.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def synthetic_csv(path: Path, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    countries = ["CN", "IN", "PK", "EG", "CO", "PH", "TR", "IR", "CR", "KH", "VN", "MX"]
    weights = [40, 15, 12, 8, 5, 4, 4, 3, 2, 1, 1, 0.5]
    organs = ["kidney", "liver", "heart", "lung"]
    oweights = [70, 22, 5, 3]
    cols = ["national_id", "birth_date", "reporting_centre", "sex", "organ", "transplant_month",
            "destination_country", "wait_actual_days", "price_paid", "price_currency",
            "broker_involved"]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for i in range(n):
            w.writerow([
                f"SYNTH{i:010d}", f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}", f"centre-{i % 20}", rng.choice(["female", "male"]),
                rng.choices(organs, oweights)[0],
                f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}",
                rng.choices(countries, weights)[0], rng.randint(3, 120),
                rng.randint(20, 200) * 1000, "USD", rng.choice(["yes", "no", "unknown"]),
            ])  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--db", default=os.environ.get("TRANSPLANT_AUDIT_TEST_PG_URL"))
    args = ap.parse_args()
    if not args.db:
        sys.exit("give --db or set TRANSPLANT_AUDIT_TEST_PG_URL (a PostgreSQL admin URL)")
    import psycopg
    from sqlalchemy import func, select, text
    from sqlalchemy.engine import make_url

    from transplant_audit.evidence.store import Store
    from transplant_audit.registry import publish
    from transplant_audit.registry import store as rstore
    from transplant_audit.registry.importer import import_cases
    from transplant_audit.registry.schema import RegistryCase

    u = make_url(args.db)
    name = "registry_bench"
    admin = psycopg.connect(host=u.host, port=u.port or 5432, user=u.username,
                            password=u.password, dbname=u.database, autocommit=True)  # fmt: skip
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = u.set(database=name).render_as_string(hide_password=False)
        with tempfile.TemporaryDirectory() as tmp, Store.open(url=url) as store:
            csv_path = Path(tmp) / "cases.csv"
            t0 = time.perf_counter()
            synthetic_csv(csv_path, args.cases)
            t_csv = time.perf_counter() - t0
            key = bytes(range(32))  # a fixed benchmark key (synthetic data only)
            t0 = time.perf_counter()
            with store.session(write=True) as s:
                done = import_cases(s, csv_path, key, "bench")
            t_import = time.perf_counter() - t0
            with store.session() as s:
                s.execute(text("ANALYZE registry_cases"))
            timings: dict[str, list[float]] = {"count": [], "group": [], "agg": []}
            for _ in range(3):
                with store.session() as s:
                    t0 = time.perf_counter()
                    s.scalar(select(func.count()).select_from(RegistryCase))
                    timings["count"].append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    counts = rstore.count_cube(s)
                    timings["group"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                with store.session() as s:
                    counts = rstore.count_cube(s)
                rel = publish.release(rstore.DIMS, counts.categories, counts.inner)
                cells = rel.table(rstore.DIMS)
                timings["agg"].append(time.perf_counter() - t0)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    hidden = sum(c["suppressed"] for c in cells)
    print(f"cases: {done['cases']:,} imported ({done['near_duplicates']} near-duplicate pairs);"
          f" CSV written in {t_csv:.1f} s")  # fmt: skip
    print(f"import: {t_import:.1f} s = {done['cases'] / t_import:,.0f} cases/s (one transaction)")
    print(
        f"table: {counts.inner.shape} inner cells, {len(cells)} released in the 3-axis table,"
        f" {hidden} of them suppressed; {int(rel.suppressed.sum())} suppressed in all tables"
    )
    for k, label in (("count", "baseline SELECT count(*)"),
                     ("group", "baseline GROUP BY year, country, organ"),
                     ("agg", "aggregates (GROUP BY + suppression + LP audit)")):  # fmt: skip
        best = min(timings[k])
        print(f"{label:48s} best of 3: {best * 1000:8.1f} ms")
    ok = min(timings["agg"]) < 2.0
    print(f"target aggregates < 2 s: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
