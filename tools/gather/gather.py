"""Gather sourced figures with the toolkit itself: capture -> extract -> review -> contract CSVs.

Page texts live OUTSIDE the repository (third-party text; only figures, URLs, locators and
digests are committed). Layout of the work directory (default /work/gather-data):

    pages/manifest.csv   file,url,title,publisher,party,kind,language,published,retrieved,note
    new_hospitals.csv    hospitals not in data/hospitals.csv (contract columns + source_url)
    licences.csv         licence rows read from the lists (contract columns)
    pages/<file>         the text the page search returned, saved as UTF-8
    review/<src>.txt     the candidates of one source, for a human to read (written by `ingest`)
    decisions/*.csv      cand,action,hospital,bed_scope,set,note  (written by the reviewer)

Steps (each is idempotent; re-running skips what is done):

    python tools/gather/gather.py ingest   # new pages: one `capture --pages`, one `extract`
    python tools/gather/gather.py review   # new decisions: one `review --decisions FILE`
    python tools/gather/gather.py export   # data-src/gathered/{sources,observations,...}.csv

`action` is a (accept), e (edit: `set` holds field=value;field=value) or r (reject; `note`
is the reason). One reviewer only ($TRANSPLANT_AUDIT_REVIEWER): figures stay `extracted`.
New hospitals come from WORK/new_hospitals.csv (contract columns + source_url) and are added
to the store (with a ledger entry) before the decisions that name them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from transplant_audit.evidence.frames import GATHERED_COLUMNS
from transplant_audit.evidence.package import format_number
from transplant_audit.evidence.vocabulary import BED_INDICATORS

REPO = Path(__file__).resolve().parents[2]
GATHERED = REPO / "data-src" / "gathered"
OBS_COLUMNS = GATHERED_COLUMNS["observations"]
HOSP_COLUMNS = GATHERED_COLUMNS["hospitals"]
LIC_COLUMNS = GATHERED_COLUMNS["licences"]
SRC_COLUMNS = GATHERED_COLUMNS["sources"]


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: "" if r.get(c) is None else r.get(c) for c in columns})
    tmp.replace(path)


def _cli(*args: str) -> str:
    proc = subprocess.run(
        ["transplant-audit", *args], capture_output=True, text=True, env=os.environ.copy()
    )
    if proc.returncode != 0:
        raise SystemExit(f"transplant-audit {args[0]} failed: {proc.stderr.strip()}")
    return proc.stdout


def _state_path(work: Path) -> Path:
    return work / "state.json"


def _load_state(work: Path) -> dict[str, Any]:
    p = _state_path(work)
    return json.loads(p.read_text()) if p.exists() else {"sources": {}, "timings": []}


def _save_state(work: Path, state: dict[str, Any]) -> None:
    _state_path(work).write_text(json.dumps(state, indent=1, ensure_ascii=False))


def _sheet(cands: list[dict[str, Any]]) -> str:
    lines = []
    for c in cands:
        s, a = c["snippet"], c["start"] - c["snippet_start"]
        b = a + (c["end"] - c["start"])
        snip = (s[:a] + "[[" + s[a:b] + "]]" + s[b:]).replace("\n", " ")
        lines.append(
            f"{c['candidate_id']} | {c['indicator']} {c['organ'] or '-'} {c['value']:g} "
            f"{c['qualifier']} {c['unit']} per={c['period'] or '-'} asof={c['as_of'] or '-'} "
            f"hosp={c['hospital'] or '-'} | {snip}"
        )
    return "\n".join(lines) + "\n"


def ingest(work: Path) -> None:
    """Capture the new pages in one run (capture --pages), then extract them in one run."""
    state = _load_state(work)
    (work / "review").mkdir(exist_ok=True)
    rows = _read_csv(work / "pages" / "manifest.csv")
    todo = [r for r in rows if r["url"] not in state["sources"]]
    if not todo:
        print("ingest: nothing new", file=sys.stderr)
        return
    t0 = time.monotonic()
    listing = work / "pages" / "_new_pages.csv"
    note = "text as returned by the stored-pages search; saved by tools/gather"
    _write_csv(
        listing,
        ["path", "url", "title", "publisher", "party", "kind", "note"],
        [{**r, "path": r["file"], "note": r.get("note") or note} for r in todo],
    )
    captured = json.loads(_cli("capture", "--pages", str(listing), "--json"))
    by_url = {c["uri"]: c for c in captured}
    sids = [by_url[r["url"]]["source_id"] for r in todo]
    t1 = time.monotonic()
    # The extractor is this script, not the reviewer: the two-person rule refuses an
    # extractor as a reviewer of its own figures.
    cands = json.loads(_cli("extract", *sids, "--extractor", "tools-gather-script", "--json"))
    t2 = time.monotonic()
    for r, sid in zip(todo, sids, strict=True):
        mine = [c for c in cands if c["source"] == sid]
        (work / "review" / f"{sid}.txt").write_text(
            f"# {r['url']}\n# {r['title']}\n" + _sheet(mine), encoding="utf-8"
        )
        state["sources"][r["url"]] = {"source_id": sid, "digest": by_url[r["url"]]["digest"]}
        print(f"{sid} {len(mine)} candidates  {r['url']}", file=sys.stderr)
    state["timings"].append(
        {
            "step": "ingest",
            "pages": len(todo),
            "candidates": len(cands),
            "seconds": round(t2 - t0, 1),
            "capture_seconds": round(t1 - t0, 1),
            "extract_seconds": round(t2 - t1, 1),
        }
    )
    _save_state(work, state)
    print(f"ingest: {len(todo)} pages, {len(cands)} candidates in {t2 - t0:.1f} s", file=sys.stderr)


def _ensure_hospitals(session: Any, work: Path, state: dict[str, Any]) -> int:
    """Add the new hospitals (work/new_hospitals.csv) to the store, with a ledger entry.

    Each row names the page that shows the hospital (``source_url``, captured first).
    """
    from transplant_audit.evidence.schema import Hospital
    from transplant_audit.evidence.store import record_change

    added = 0
    for h in _read_csv(work / "new_hospitals.csv"):
        if session.get(Hospital, h["hospital_key"]) is not None:
            continue
        row = {
            "id": h["hospital_key"],
            "name_en": h["name_en"],
            "name_zh": h["name_zh"] or None,
            "province": h["province"] or None,
            "city": h["city"] or None,
            "military": h["military"] == "true",
            "licensed": None,
            "licensed_organs": None,
            "licence_year": None,
            "organs_mentioned": None,
            "source_id": state["sources"][h["source_url"]]["source_id"],
            "note": h["note"] or None,
        }
        session.add(Hospital(**row))
        session.flush()
        text = {
            k: ("" if v is None else str(v).lower() if isinstance(v, bool) else str(v))
            for k, v in row.items()
        }
        record_change(
            session, "row_added", f"hospitals/{row['id']}", {"resource": "hospitals", "row": text}
        )
        added += 1
    return added


def review(work: Path, reviewer: str) -> None:
    """Add new hospitals to the store, then apply every decision row not yet applied with
    one `transplant-audit review --decisions FILE` run (all or nothing)."""
    from transplant_audit.evidence.store import Store

    state = _load_state(work)
    done = set(state.setdefault("applied", []))
    t0 = time.monotonic()
    store = Store.open(home=os.environ["TRANSPLANT_AUDIT_HOME"])
    try:
        with store.session(write=True) as s:
            added = _ensure_hospitals(s, work, state)
    finally:
        store.close()
    todo: list[dict[str, str]] = []
    keys: list[str] = []
    for path in sorted((work / "decisions").glob("*.csv")):
        for d in _read_csv(path):
            key = f"{d['cand']}|{d['action']}|{d.get('set', '')}|{d.get('hospital', '')}"
            if key not in done and key not in keys:
                keys.append(key)
                todo.append(
                    {
                        "candidate": d["cand"],
                        "action": d["action"],
                        "hospital": d.get("hospital", ""),
                        "set": d.get("set", ""),
                        "reason": d.get("note", ""),
                    }
                )
    if todo:
        listing = work / "decisions" / "_apply.csv.tmp"
        _write_csv(listing, ["candidate", "action", "hospital", "set", "reason"], todo)
        try:
            _cli("review", "--decisions", str(listing), "--reviewer", reviewer)
        finally:
            listing.unlink(missing_ok=True)
        state["applied"] = sorted(done | set(keys))
    state["timings"].append(
        {"step": "review", "decisions": len(todo), "seconds": round(time.monotonic() - t0, 1)}
    )
    _save_state(work, state)
    print(f"review: {added} hospitals added, {len(todo)} decisions applied", file=sys.stderr)


def export(work: Path) -> None:
    """Write the contract CSVs from the store: accepted figures of the gathered sources."""
    from sqlalchemy import select

    from transplant_audit.evidence.schema import Observation, Source
    from transplant_audit.evidence.store import Store
    from transplant_audit.extract.review_schema import Candidate

    state = _load_state(work)
    manifest = {r["url"]: r for r in _read_csv(work / "pages" / "manifest.csv")}
    extra = {}
    for path in sorted((work / "decisions").glob("*.csv")):
        for d in _read_csv(path):
            if d["action"] in "ae":
                extra[d["cand"]] = d
    store = Store.open(home=os.environ["TRANSPLANT_AUDIT_HOME"])
    obs_rows, src_rows = [], []
    try:
        with store.session() as s:
            for url, info in state["sources"].items():
                src = s.get(Source, info["source_id"])
                m = manifest.get(url, {})
                src_rows.append(
                    {
                        "url": url,
                        "title": m.get("title") or src.title,
                        "publisher": m.get("publisher") or src.publisher,
                        "party": src.party,
                        "published": m.get("published", ""),
                        "retrieved": m.get("retrieved", ""),
                        "language": m.get("language", ""),
                        "kind": src.kind,
                        "digest": src.digest,
                        "note": "text of the stored public copy returned by the page search, "
                        "captured with transplant-audit capture (digest of those bytes)",
                    }
                )
                q = (
                    select(Candidate, Observation)
                    .join(Observation, Observation.id == Candidate.observation_id)
                    .where(Candidate.source_id == info["source_id"])
                )
                for cand, obs in s.execute(q).all():
                    d = extra.get(cand.id, {})
                    scope = d.get("bed_scope", "") if obs.indicator in BED_INDICATORS else ""
                    if obs.indicator in BED_INDICATORS and not scope:
                        scope = "unknown"
                    note = (d.get("note") or "").strip()
                    obs_rows.append(
                        {
                            "hospital_key": obs.hospital_id,
                            "indicator": obs.indicator,
                            "organ": obs.organ,
                            "period_start": obs.period_start,
                            "period_end": obs.period_end,
                            "as_of": obs.as_of,
                            "value": format_number(obs.value),
                            "qualifier": obs.qualifier,
                            "unit": obs.unit,
                            "bed_scope": scope,
                            "source_url": url,
                            "locator": obs.locator,
                            "status": obs.status,
                            "note": "; ".join(
                                filter(
                                    None,
                                    [
                                        note,
                                        "single review (gather-agent): stays extracted",
                                        f"candidate {cand.id}",
                                    ],
                                )
                            ),
                        }
                    )
    finally:
        store.close()
    obs_rows.sort(key=lambda r: (r["hospital_key"] or "", r["indicator"], r["source_url"]))
    src_rows.sort(key=lambda r: r["url"])
    _write_csv(GATHERED / "observations.csv", OBS_COLUMNS, obs_rows)
    _write_csv(GATHERED / "sources.csv", SRC_COLUMNS, src_rows)
    hospitals = _read_csv(work / "new_hospitals.csv")
    _write_csv(GATHERED / "hospitals.csv", HOSP_COLUMNS, hospitals)
    _write_csv(GATHERED / "licences.csv", LIC_COLUMNS, _read_csv(work / "licences.csv"))
    print(f"export: {len(src_rows)} sources, {len(obs_rows)} observations", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=["ingest", "review", "export", "all"])
    ap.add_argument("--work", type=Path, default=Path("/work/gather-data"))
    ap.add_argument("--reviewer", default=os.environ.get("TRANSPLANT_AUDIT_REVIEWER", ""))
    a = ap.parse_args(argv)
    if a.step in ("ingest", "all"):
        ingest(a.work)
    if a.step in ("review", "all"):
        if not a.reviewer:
            raise SystemExit("say who reviews: --reviewer NAME or $TRANSPLANT_AUDIT_REVIEWER")
        review(a.work, a.reviewer)
    if a.step in ("export", "all"):
        export(a.work)


if __name__ == "__main__":
    main()
