"""Benchmark the workbench under 50 concurrent users on PostgreSQL, against /api/health.

Run:  python benchmarks/bench_server.py [--users 50] [--seconds 20] [--workers 1]
      (PostgreSQL: --db URL of an admin connection, default $TRANSPLANT_AUDIT_TEST_PG_URL;
       a fresh database is created from it and dropped at the end)

What it does, all on 127.0.0.1:

1. creates the database, starts ``transplant-audit serve`` on it (which migrates it and
   imports the bundled evidence) on a free port, adds one reviewer account per user
   (SYNTHETIC names and password) and a few SYNTHETIC extracted candidates for the queue;
2. logs every user in, then for ``--seconds`` each user repeatedly picks one request at
   random (asyncio + httpx, one connection pool per user):
   baseline ``GET /api/health``; ``GET /api/hospitals``; the pages ``/hospitals``,
   ``/hospitals/{id}``, ``/review``; and ``GET /api/review/queue``;
3. prints requests/s and p50/p95 latency per kind, and p95 as a multiple of the health
   baseline measured in the same run.

The client shares the machine's cores with the server, so the figures are an upper
bound on latency for a server that has the machine to itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import httpx
import numpy as np

PASSWORD = "synthetic-bench-password"
SYNTHETIC_TEXT = (
    "SYNTHETIC BENCHMARK DOCUMENT. Tianjin First Central Hospital performed 330 liver "
    "transplants in 2010. The hospital has 500 transplant beds."
)
KINDS = {
    "health (baseline)": "/api/health",
    "GET /api/hospitals": "/api/hospitals",
    "page /hospitals": "/hospitals",
    "page /hospitals/{id}": "/hospitals/tianjin_first_central",
    "page /review": "/review",
    "GET /api/review/queue": "/api/review/queue",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_database(admin: str) -> tuple[str, str]:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(admin)
    name = f"ta_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username,
                         password=u.password, dbname=u.database, autocommit=True) as c:  # fmt: skip
        c.execute(f'CREATE DATABASE "{name}"')
    return name, u.set(database=name).render_as_string(hide_password=False)


def drop_database(admin: str, name: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(admin)
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username,
                         password=u.password, dbname=u.database, autocommit=True) as c:  # fmt: skip
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(url: str, users: int) -> None:
    from sqlalchemy import select

    from transplant_audit.evidence.schema import Hospital
    from transplant_audit.evidence.store import Store
    from transplant_audit.extract.core import extract_candidates
    from transplant_audit.extract.review import save_candidates
    from transplant_audit.web import accounts

    with Store.open(url=url) as store, store.session(write=True) as s:
        for i in range(users):
            accounts.add_account(s, f"bench{i:02d}", "reviewer", PASSWORD, by="benchmark")
        found = extract_candidates(SYNTHETIC_TEXT, language="en")
        source = s.execute(select(Hospital.source_id).limit(1)).scalar_one()
        save_candidates(s, source, None, found, ["synthetic"] * len(found), [],
                        extracted_by="synthetic-extractor")  # fmt: skip


async def login(base: str, i: int) -> httpx.AsyncClient:
    c = httpx.AsyncClient(base_url=base, timeout=60)
    r = await c.post("/api/session", json={"username": f"bench{i:02d}", "password": PASSWORD})
    r.raise_for_status()
    return c


async def browse(c: httpx.AsyncClient, i: int, until: float, out: dict[str, list[float]]) -> None:
    rng = random.Random(i)
    names = list(KINDS)
    while time.perf_counter() < until:
        kind = rng.choice(names)
        t0 = time.perf_counter()
        r = await c.get(KINDS[kind])
        dt = time.perf_counter() - t0
        if r.status_code != 200:
            raise RuntimeError(f"{KINDS[kind]}: HTTP {r.status_code}")
        out[kind].append(dt)


async def run_users(base: str, users: int, seconds: float) -> tuple[dict[str, list[float]], float]:
    """Log every user in first (Argon2id is slow on purpose), then browse for ``seconds``."""
    clients = []
    for i in range(users):  # one at a time: the login limit and Argon2id are not under test
        clients.append(await login(base, i))
    out: dict[str, list[float]] = {k: [] for k in KINDS}
    start = time.perf_counter()
    try:
        await asyncio.gather(*(browse(c, i, start + seconds, out) for i, c in enumerate(clients)))
    finally:
        for c in clients:
            await c.aclose()
    return out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=os.environ.get("TRANSPLANT_AUDIT_TEST_PG_URL"))
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--solo-seconds", type=float, default=5.0, help="one user alone first")
    args = ap.parse_args()
    if not args.db:
        sys.exit("give --db postgresql+psycopg://... (or set TRANSPLANT_AUDIT_TEST_PG_URL)")
    load_before = f"{os.getloadavg()[0]:.1f}"
    name, url = make_database(args.db)
    port = free_port()
    proc = None
    try:
        with tempfile.TemporaryDirectory(prefix="ta-bench-") as home:
            cmd = [sys.executable, "-m", "transplant_audit.cli", "serve", "--db", url,
                   "--home", home, "--port", str(port), "--workers", str(args.workers)]  # fmt: skip
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None:
                    sys.exit(f"serve exited: {proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
            seed(url, args.users)
            solo, solo_elapsed = asyncio.run(run_users(base, 1, args.solo_seconds))
            out, elapsed = asyncio.run(run_users(base, args.users, args.seconds))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        drop_database(args.db, name)
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.1f}")
    report(f"1 user alone, {solo_elapsed:.1f} s", solo, solo_elapsed)
    report(f"{args.users} users, {elapsed:.1f} s, {args.workers} server worker(s)", out, elapsed)


def report(title: str, out: dict[str, list[float]], elapsed: float) -> None:
    total = sum(len(v) for v in out.values())
    print(
        f"{title}, {os.cpu_count()} CPUs shared with the client: {total / elapsed:.0f} requests/s"
    )
    base_p95 = float(np.percentile(out["health (baseline)"], 95)) * 1000
    print(f"{'request':<24}{'n':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p95/health':>12}")
    for kind, times in out.items():
        ms = np.array(times) * 1000
        p50, p95 = np.percentile(ms, 50), np.percentile(ms, 95)
        print(f"{kind:<24}{len(ms):>7}{len(ms) / elapsed:>8.1f}{p50:>9.1f}{p95:>9.1f}"
              f"{p95 / base_p95:>12.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
