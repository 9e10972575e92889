"""CLI commands of extraction: ``extract`` and ``review`` (registered by the CLI)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from transplant_audit.cli_options import DbOption, HomeOption
from transplant_audit.errors import ConfigError, DataError, TransplantAuditError
from transplant_audit.paths import DB_ENV, home_dir

REVIEWER_ENV = "TRANSPLANT_AUDIT_REVIEWER"
CONTEXT_CHARS = 14
"""Characters of context either side of a figure in the extract table (JSON has more)."""
_SOURCE_ID_RE = re.compile(r"^src_[0-9a-f]{6,}$")


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _err() -> Console:
    return Console(highlight=False, stderr=True, soft_wrap=True)


def _store_exists(home: Path, db: str | None) -> bool:
    if db or os.environ.get(DB_ENV):
        return True
    from transplant_audit.paths import SQLITE_FILENAME

    return (home / SQLITE_FILENAME).exists()


def _open_store(home: Path | None, db: str | None) -> Any:
    from transplant_audit.evidence.store import Store

    return Store.open(home=home, url=db)


# --- reading a source --------------------------------------------------------------------------


def _captured_record(session: Any, source: str) -> tuple[str, Any]:
    """(source id, archive record) of a captured source id or digest; reads no payload."""
    from sqlalchemy import select

    from transplant_audit.evidence.archive_schema import ArchiveRecord, Capture

    if source.startswith("sha256:"):
        record = session.get(ArchiveRecord, source)
        cap = (
            session.execute(
                select(Capture)
                .where(Capture.digest == source, Capture.source_id.is_not(None))
                .order_by(Capture.id.desc())
            )
            .scalars()
            .first()
        )
        if record is None or cap is None:
            raise ConfigError(f"{source}: no captured document with this digest")
        source_id = cap.source_id
    else:
        cap = (
            session.execute(
                select(Capture).where(Capture.source_id == source).order_by(Capture.id.desc())
            )
            .scalars()
            .first()
        )
        if cap is None:
            raise ConfigError(
                f"{source}: not a file, and no captured document for this source id "
                "(capture it first: transplant-audit capture PATH_OR_URL)"
            )
        record = session.get(ArchiveRecord, cap.digest)
        source_id = source
    return source_id, record


def _captured_bytes(session: Any, home: Path, source: str) -> tuple[str, str, bytes, Any]:
    """(source id, digest, bytes, archive record) of a captured source id or digest: the
    payload is read only as far as the readers' limits need, never the whole of a large one."""
    from transplant_audit.capture.archive import Archive, read_payload

    source_id, record = _captured_record(session, source)
    path = Archive(home).path(record.warc_file)
    if not path.is_file():
        raise DataError(str(path), "archive file missing (run transplant-audit verify)")
    from transplant_audit.limits import DOCUMENT_BYTES, TEXT_BYTES

    enough = max(DOCUMENT_BYTES.value(), TEXT_BYTES.value()) + 1  # bounded: never the whole
    parts: list[bytes] = []
    got = 0
    with path.open("rb") as fh:
        for chunk in read_payload(fh, record.offset):
            parts.append(chunk)
            got += len(chunk)
            if got >= enough:
                break
    return source_id, record.digest, b"".join(parts), record


def _read(
    source: str, home: Path, db: str | None, store_holder: dict[str, Any]
) -> tuple[Any, str | None, str | None, str]:
    """(Document, source id or None, digest or None, label) for one SOURCE argument."""
    from transplant_audit.extract.text import read_document, read_path

    p = Path(source)
    if p.exists():
        doc = read_path(p)
        sid = digest = None
        if _store_exists(home, db):  # a file that was captured: review it as that source
            from transplant_audit.capture.archive import digest_file

            digest = digest_file(p)[0]
            store = _store(store_holder, home, db)
            with store.session() as s:
                try:  # only the source id is needed: the text was read from the file
                    sid, record = _captured_record(s, digest)
                    digest = record.digest
                except ConfigError:
                    sid, digest = None, None
        return doc, sid, digest, str(p)
    if not (_SOURCE_ID_RE.match(source) or source.startswith("sha256:")):
        raise ConfigError(f"{source}: no such file, and not a source id (src_...) or digest")
    if not _store_exists(home, db):
        raise ConfigError(f"{source}: no store at {home} to look the source up in")
    store = _store(store_holder, home, db)
    with store.session() as s:
        sid, digest, data, record = _captured_bytes(s, home, source)
        label = record.target_uri
        doc = read_document(
            data,
            name=label,
            content_type=record.media_type,
            charset=record.charset,
            total_bytes=int(record.size or len(data)),
        )
    return doc, sid, digest, label


def _store(holder: dict[str, Any], home: Path, db: str | None) -> Any:
    if "store" not in holder:
        holder["store"] = _open_store(home, db)
    return holder["store"]


def _highlight(snippet: str, start: int, end: int) -> Text:
    t = Text(snippet)
    if 0 <= start < end <= len(snippet):
        t.stylize("bold reverse", start, end)
    return t


# --- extract -----------------------------------------------------------------------------------


def extract_cmd(
    sources: Annotated[
        list[str],
        typer.Argument(
            help=(
                "Documents to read: files by path (HTML, PDF, text), or captured sources by "
                "id (src_...) or digest (sha256:...)."
            ),
            metavar="SOURCE...",
            show_default=False,
        ),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help=(
                "Print the candidates as a JSON list of {indicator, organ, value, qualifier, "
                "unit, period, start, end, snippet, ...} (value in the indicator's unit)."
            ),
        ),
    ] = False,
    save: Annotated[
        bool,
        typer.Option(
            "--save/--no-save",
            help="Store the candidates of captured sources for review (default: yes).",
        ),
    ] = True,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="zh-Hans, zh-Hant or en; detected from the text when not given.",
            show_default=False,
        ),
    ] = None,
    extractor: Annotated[
        str | None,
        typer.Option(
            "--extractor",
            "--reviewer",
            help=(
                "Your name, recorded as the extractor of the stored candidates (default: "
                f"${REVIEWER_ENV}); you cannot be one of their two reviewers. Needed to store."
            ),
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            help=(
                "rules: the patterns alone; learned: a logistic regression over every number "
                "decides (the rules' label is one of its features); combined: the rules' "
                "candidates, each re-labelled or dropped by a second model that reads its "
                "sentence and neighbours, and the span model's vetoes and additions, each "
                "stage only where the trainer's judge found it helps (its score "
                "is the model's probability). Default: the method the trainer's rule chose "
                "on its judge, the pooled check halves of the scored held-out sets (never "
                "trained on), stored as extract.learned.DEFAULT_METHOD: combined since the "
                "retrain with heldout18's halves (2026-12-06): the rules and the span model's "
                "vetoes, whose precision-first gain over the rules on the judge is real and "
                "larger than the learned method's (learned was the default from the retrain "
                "with heldout16's halves to heldout17's; docs/extract.md, 'The learned step, "
                "in brief')."
            ),
            case_sensitive=False,
            show_default=False,
        ),
    ] = "",
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help=(
                "Worker processes that read figures from many SOURCE files at once (the "
                "documents are read and candidates stored by this process, in order). The "
                "output is the same, byte for byte and in the same order, as with 1; it "
                "pays with several documents and free cores, not for one document."
            ),
        ),
    ] = 1,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help=(
                "Drop (neither list nor store) candidates whose confidence, the calibrated "
                "chance that the figure is right, is below this (0 to 1; 0 keeps all). "
                "What each cut keeps on unseen real pages: docs/extract.md, 'Confidence, in "
                "brief'."
            ),
        ),
    ] = 0.0,
    with_confidence: Annotated[
        bool,
        typer.Option(
            "--confidence/--no-confidence",
            help=(
                "Compute each candidate's confidence (default). --no-confidence skips it: "
                "the confidence is null (unknown: listed last by review --by-confidence), "
                "and on dense pages the rules read about 2.5 times as many "
                "pages per CPU second (76.0 against 29.9 when measured: docs/extract-history.md, "
                "'What the confidence costs'). "
                "Cannot be combined with --min-confidence."
            ),
        ),
    ] = True,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Find the figures in documents: beds, transplants, waiting times, prices...

    Reads HTML (main text only), PDF and plain text in Chinese (simplified or
    traditional) and English, and lists every figure it can tie to an indicator,
    with its value converted to the indicator's unit (days for waits, fractions for
    rates), the qualifier (about, more than, at most), organ, period, and the text
    around it. Captured sources are stored as candidates for two-person review
    (transplant-audit review); plain files are only listed. Each candidate carries a
    confidence: the chance, calibrated on pages the models were not fitted on, that it
    is a true figure (review the likely ones fast, doubt the rest).
    """
    from rich.progress import Progress

    from transplant_audit.extract.core import LANGUAGES
    from transplant_audit.extract.learned import DEFAULT_METHOD, METHODS

    if language and language not in LANGUAGES:
        raise ConfigError(f"--language must be one of {', '.join(LANGUAGES)}")
    method = (method or DEFAULT_METHOD).lower()
    if method not in METHODS:
        raise ConfigError(f"--method must be one of {', '.join(METHODS)}, not {method!r}")

    if not with_confidence and min_confidence > 0:
        raise typer.BadParameter(
            "cannot cut by confidence when it is not computed (--no-confidence)",
            param_hint="'--min-confidence'",
        )
    if with_confidence:
        _check_calibration(min_confidence)
    home_path = home_dir(home)
    holder: dict[str, Any] = {"extractor": extractor or os.environ.get(REVIEWER_ENV)}
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    out, err = _out(), _err()
    jobs = min(jobs, len(sources))
    pool = _pool(jobs, method) if jobs > 1 else None  # started before the progress thread
    try:
        with Progress(console=err, transient=True, disable=len(sources) < 3) as progress:
            task = progress.add_task("reading", total=len(sources))
            for window in _windows(sources, jobs):
                read: list[tuple[Any, str | None, str | None, str] | str] = []
                for source in window:
                    try:
                        read.append(_read(source, home_path, db, holder))
                    except TransplantAuditError as exc:
                        if len(sources) == 1:
                            raise
                        read.append(str(exc))
                texts = [
                    (r[0].text, method, language, with_confidence, min_confidence)
                    for r in read
                    if not isinstance(r, str)
                ]
                scored = iter(_score_all(pool, texts) if pool else map(_score, texts))
                for r in read:
                    try:
                        if isinstance(r, str):
                            raise TransplantAuditError(r)
                        records += _finish_one(
                            r, next(scored), home_path, db, holder, save, method, err
                        )
                    except TransplantAuditError as exc:
                        if len(sources) == 1:
                            raise
                        errors.append(str(exc))
                    progress.advance(task)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if "store" in holder:
            holder["store"].close()
    if as_json:
        out.print_json(json.dumps(records, ensure_ascii=False))
    else:
        _print_candidates(out, records)
    for e in errors:
        err.print(f"[bold red]error:[/] {escape(e)}")
    if errors:
        raise typer.Exit(2)


def _check_calibration(min_confidence: float) -> None:
    """A stale confidence mapping (fitted for other weights) gives no confidences: say so,
    and refuse a cut that would then drop everything."""
    from transplant_audit.extract.confidence import load_calibration

    try:
        current = load_calibration().current
    except ValueError as exc:
        raise ConfigError(f"{exc}; run python tools/calibrate_extractor.py") from exc
    if current:
        return
    fix = "run python tools/calibrate_extractor.py"
    if min_confidence > 0:
        raise ConfigError(
            f"--min-confidence: the confidence mapping does not fit the stored weights; {fix}"
        )
    _err().print(f"[yellow]warning:[/] confidence unknown (stale mapping): {fix}")


_WINDOW_PER_JOB = 4
"""Documents read ahead per worker process with ``--jobs``: enough to keep the workers busy,
few enough that many large documents are not all held in memory at once."""


def _windows(sources: list[str], jobs: int) -> list[list[str]]:
    """The sources in order, in groups read together: one at a time without ``--jobs``, so
    each document is read, scored and stored before the next one is read."""
    size = 1 if jobs <= 1 else jobs * _WINDOW_PER_JOB
    return [sources[i : i + size] for i in range(0, len(sources), size)]


def _pool(jobs: int, method: str) -> Any:
    """A pool of ``jobs`` worker processes, forked (where the platform can) after the model
    is read, so each worker has it without reading it again. A ``ProcessPoolExecutor``, not
    a ``multiprocessing.Pool``: when a worker dies the executor says so (BrokenProcessPool)
    where a Pool waits for its result forever."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from transplant_audit.extract.confidence import load_calibration
    from transplant_audit.extract.learned import load_model

    load_model()  # every method's confidence reads the model
    load_calibration()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(jobs, mp_context=context)
    pool.submit(os.getpid).result()  # the workers start now, before the progress thread
    return pool


def _score_all(pool: Any, texts: list[tuple[str, str, str | None, bool, float]]) -> list[Any]:
    """``_score`` of each text by the pool's workers, in order; a worker that died (killed,
    out of memory) ends the run with one line rather than a wait for its result."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return list(pool.map(_score, texts))
    except BrokenProcessPool as exc:
        raise TransplantAuditError(
            f"extract --jobs: a worker process died ({exc}); documents stored before it are "
            "kept, the rest are not: run again, with fewer --jobs if memory is short"
        ) from None


def _score(
    job: tuple[str, str, str | None, bool, float],
) -> list[tuple[Any, float | None, float | None]]:
    """(candidate, score, confidence) of one document's text: the pure step a worker runs
    (``confidence.document_candidates``, as the web workbench stores them)."""
    from transplant_audit.extract.confidence import document_candidates

    text, method, language, with_confidence, minimum = job
    return document_candidates(
        text, method=method, language=language, with_confidence=with_confidence, minimum=minimum
    )


def _finish_one(
    read: tuple[Any, str | None, str | None, str],
    scored: list[tuple[Any, float | None, float | None]],
    home: Path,
    db: str | None,
    holder: dict[str, Any],
    save: bool,
    method: str,
    err: Console,
) -> list[dict[str, Any]]:
    """Warn, store (a captured source) and turn one document's candidates into records."""
    doc, sid, digest, label = read
    for w in doc.warnings:
        err.print(f"[yellow]warning:[/] {escape(label)}: {escape(w)}")
    found = [c for c, _, _ in scored]
    locators = [doc.locator(c.start, c.end) for c in found]
    ids: list[str | None] = [None] * len(found)
    if sid and save and found:
        from transplant_audit.extract.review import candidate_id, identity, save_scored

        who = identity(holder["extractor"], option="--extractor NAME, or --no-save")
        store = _store(holder, home, db)
        with store.session(write=True) as s:
            added, known = save_scored(s, sid, digest, scored, locators, extracted_by=who)
        ids = [candidate_id(sid, digest, c) for c in found]
        err.print(
            f"{escape(label)}: {len(added)} new candidates stored for review"
            + (f" ({known} already stored)" if known else "")
        )
    elif not sid and found:
        err.print(
            f"{escape(label)}: not a captured source, candidates not stored "
            "(capture it to review them: transplant-audit capture PATH)"
        )
    out = []
    for (c, score, conf), loc, cid in zip(scored, locators, ids, strict=True):
        d = c.to_dict()
        d.update({"source": sid or label, "locator": loc, "candidate_id": cid})
        d["score"] = None if score is None else round(score, 4)
        d["method"] = method
        d["confidence"] = conf
        out.append(d)
    return out


def _print_candidates(out: Console, records: list[dict[str, Any]]) -> None:
    if not records:
        out.print("No figures found.")
        return
    sources = list(dict.fromkeys(str(r["source"]) for r in records))
    title = f"{len(records)} candidate figures" + (
        f" in {escape(sources[0])}" if len(sources) == 1 else f" in {len(sources)} documents"
    )
    table = Table(title=title)
    cols = ["indicator", "organ", "value", "qualifier", "period", "conf.", "in context"]
    if len(sources) > 1:
        cols.insert(0, "source")
    for col in cols:
        table.add_column(col, overflow="fold")
    for r in records:
        when = r["period"] or (f"as of {r['as_of']}" if r["as_of"] else "")
        rel = r["start"] - r["snippet_start"]
        lo = max(0, rel - CONTEXT_CHARS)
        hi = rel + (r["end"] - r["start"])
        ctx = _highlight(r["snippet"][lo : hi + CONTEXT_CHARS], rel - lo, hi - lo)
        first = [] if len(sources) == 1 else [escape(str(r["source"]))]
        table.add_row(
            *first,
            r["indicator"],
            r["organ"] or "-",
            f"{r['value']:g} {r['unit']}",
            r["qualifier"],
            when,
            "?" if r["confidence"] is None else f"{r['confidence']:.2f}",
            ctx,
        )
    out.print(table)


# --- review ------------------------------------------------------------------------------------


def _parse_sets(items: list[str]) -> dict[str, Any]:
    from transplant_audit.extract.review import parse_changes

    out: dict[str, Any] = {}
    for item in items:
        try:
            out.update(parse_changes(item))
        except ValueError as exc:
            raise ConfigError(f"--set {exc}") from exc
    return out


def _apply_decisions(store: Any, path: Path, who: str, out: Console, as_json: bool) -> None:
    """review --decisions FILE: every row checked, then all applied in one transaction."""
    import csv

    from transplant_audit.extract import review as rv

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ("candidate", "action") if c not in (reader.fieldnames or [])]
            rows = list(reader)
    except FileNotFoundError as exc:
        raise DataError(file=str(path), reason="no such file", code="missing-path") from exc
    if missing:
        raise DataError(file=str(path), row=1, field=missing[0], reason="required column missing")
    checked = rv.read_decision_rows(str(path), rows)
    with store.session(write=True) as s:
        outcomes = rv.apply_decision_rows(s, str(path), checked, who)
    counts: dict[str, int] = {}
    for row in checked:
        counts[row.action] = counts.get(row.action, 0) + 1
    if as_json:
        out.print_json(
            data=[
                {"candidate": r.candidate, "action": r.action, "status": o.status}
                for r, o in zip(checked, outcomes, strict=True)
            ]
        )
        return
    parts = ", ".join(f"{n} {a}" for a, n in sorted(counts.items()))
    out.print(f"{len(checked)} decisions by {escape(who)} applied ({parts})")


def review_cmd(
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            help=f"Your name, recorded with every decision (default: ${REVIEWER_ENV}).",
            show_default=False,
        ),
    ] = None,
    candidate: Annotated[
        str | None,
        typer.Option("--candidate", help="Decide on this candidate (cand_...) without prompts."),
    ] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Accept the figure as shown.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject it (needs --reason).")] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why you reject (or edit) it.")
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Edit a field before accepting, e.g. --set value=1200 --set qualifier=at_least.",
            show_default=False,
        ),
    ] = None,
    hospital: Annotated[
        str | None,
        typer.Option("--hospital", help="The hospital id the figure is about.", show_default=False),
    ] = None,
    national: Annotated[
        bool, typer.Option("--national", help="The figure is about China as a whole.")
    ] = False,
    source: Annotated[
        str | None, typer.Option("--source", help="Review only this source's candidates.")
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            help="Apply a CSV of decisions in one run (columns candidate, action = "
            "accept/edit/reject, and hospital, set = 'field=value;...', reason). Every row "
            "is checked first; one refused decision and none is applied.",
            show_default=False,
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List candidates and their review status.")
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="With --list: only pending, accepted, verified, disputed or rejected.",
            show_default=False,
        ),
    ] = None,
    disputed: Annotated[
        bool, typer.Option("--disputed", help="Show disputed candidates and who disagrees.")
    ] = False,
    by_confidence: Annotated[
        bool,
        typer.Option(
            "--by-confidence",
            help="Offer (and --list) the candidates most likely right first, by the "
            "calibrated confidence stored at extraction (unknown last); default: by source "
            "and position in the document.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (for scripts).")] = False,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Check extracted figures, one at a time, with a second person.

    Shows the next candidate in its context (the figure highlighted in the text
    around it); you accept it, edit it, or reject it with a reason. A figure
    becomes a verified observation only when a second, different reviewer accepts
    it (two-person rule); when reviewers disagree it is marked disputed and listed
    by --disputed. Every decision goes into the ledger.

    Scripts: --candidate ID with --accept, --set FIELD=VALUE (edit) or --reject
    --reason TEXT.
    """
    from transplant_audit.extract import review as rv

    if accept and reject:
        raise ConfigError("--accept and --reject together: choose one")
    changes: dict[str, Any] = _parse_sets(sets or [])
    if hospital and national:
        raise ConfigError("--hospital and --national together: choose one")
    if hospital:
        changes["hospital_id"] = hospital
    if national:
        from transplant_audit.evidence.frames import NATIONAL

        changes["hospital_id"] = NATIONAL
    if status and status not in (rv.PENDING, rv.ACCEPTED, rv.VERIFIED, rv.DISPUTED, rv.REJECTED):
        raise ConfigError("--status must be pending, accepted, verified, disputed or rejected")
    home_path = home_dir(home)
    if not _store_exists(home_path, db):
        raise ConfigError(
            f"no store at {home_path}: capture documents and extract them first "
            "(transplant-audit capture PATH; transplant-audit extract SOURCE_ID)"
        )
    out = _out()
    store = _open_store(home_path, db)
    try:
        if list_ or disputed:
            with store.session() as s:
                rows = rv.list_candidates(
                    s, rv.DISPUTED if disputed else status, source, by_confidence=by_confidence
                )
                _print_list(s, out, rows, as_json, show_disagreement=disputed)
            return
        who = rv.identity(reviewer or os.environ.get(REVIEWER_ENV))
        who = _authenticate(store, who)
        if decisions:
            if candidate or accept or reject or changes:
                raise ConfigError("--decisions FILE replaces --candidate/--accept/--reject/--set")
            _apply_decisions(store, decisions, who, out, as_json)
            return
        if candidate:
            if not (accept or reject or changes):
                with store.session() as s:
                    _show(s, Console(highlight=False), _get(s, candidate))
                return
            action = (
                "reject" if reject else ("edit" if set(changes) - {"hospital_id"} else "accept")
            )
            with store.session(write=True) as s:
                outcome = rv.decide(s, candidate, who, action, changes=changes, reason=reason)
            _print_outcome(out, candidate, outcome, as_json)
            return
        if accept or reject or changes:
            raise ConfigError("--accept, --reject and --set need --candidate ID")
        _interactive(store, Console(highlight=False), who, source, by_confidence)
    finally:
        store.close()


def _authenticate(store: Any, who: str) -> str:
    """The reviewer's account name, once the store has accounts: the password is asked
    for and checked (failures count towards the login limit), else review is refused."""
    from transplant_audit.web import accounts

    with store.session() as s:
        if not accounts.has_accounts(s):
            return who
    try:
        password = typer.prompt(f"password of account {who}", hide_input=True)
    except typer.Abort:
        raise ConfigError(
            "review refused: this store has accounts; review as one (give its password)"
        ) from None
    failure: accounts.AuthError | None = None
    with store.session() as s:
        try:
            name = accounts.check_password(s, who, password, "cli").username
        except accounts.AuthError as exc:
            failure = exc
    if failure is not None:
        raise ConfigError(f"review refused for {who!r}: {failure}")
    return name


def _get(session: Any, cand_id: str) -> Any:
    from transplant_audit.extract.review_schema import Candidate

    row = session.get(Candidate, cand_id)
    if row is None:
        raise ConfigError(f"no candidate {cand_id!r} (list them: transplant-audit review --list)")
    return row


def _print_outcome(out: Console, cand_id: str, outcome: Any, as_json: bool) -> None:
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "candidate": cand_id,
                    "status": outcome.status,
                    "figure": outcome.figure,
                    "accepted_by": list(outcome.accepted_by),
                    "rejected_by": list(outcome.rejected_by),
                    "disagreement": outcome.disagreement,
                },
                ensure_ascii=False,
            )
        )
        return
    line = f"{cand_id}: {outcome.status}"
    if outcome.accepted_by:
        line += f" (accepted by {', '.join(outcome.accepted_by)})"
    if outcome.status == "accepted":
        line += "; a second, different reviewer must accept it to verify it"
    if outcome.disagreement:
        line += f"\n  disputed: {outcome.disagreement}"
    out.print(escape(line))


def _show(session: Any, out: Console, cand: Any) -> dict[str, Any]:
    from transplant_audit.evidence.schema import Source
    from transplant_audit.extract import review as rv

    src = session.get(Source, cand.source_id)
    fig = rv.shown_figure(session, cand)
    outcome = rv.review_state(rv.decisions_of(session, cand.id), extracted_by=cand.extracted_by)
    rel = cand.span_start - cand.snippet_start
    body = Text()
    body.append(f"{cand.id}   status: {cand.status}\n", style="bold")
    if src is not None:
        body.append(f"source: {src.title or ''} {src.url}\n")
    body.append(f"where: {cand.locator or ''}\n")
    body.append(
        f"hospital: {fig['hospital_id'] or '(not chosen)'}"
        + (f"   named in the text: {cand.hospital_text}" if cand.hospital_text else "")
        + "\n"
    )
    body.append(
        f"figure: {fig['indicator']}  organ {fig['organ'] or '-'}  "
        f"{fig['qualifier']} {fig['value']:g} {fig['unit']}  "
        f"{fig['period'] or ''}{(' as of ' + fig['as_of']) if fig['as_of'] else ''}\n",
        style="cyan",
    )
    conf = "unknown" if cand.confidence is None else f"{cand.confidence:.2f}"
    body.append(f"stated: {cand.stated}   confidence: {conf}\n\n")
    body.append_text(_highlight(cand.snippet, rel, rel + cand.span_end - cand.span_start))
    if outcome.accepted_by or outcome.rejected_by:
        body.append(
            f"\n\naccepted by: {', '.join(outcome.accepted_by) or '-'}   "
            f"rejected by: {', '.join(outcome.rejected_by) or '-'}"
        )
    if outcome.disagreement:
        body.append(f"\ndisputed: {outcome.disagreement}", style="red")
    out.print(Panel(body, title="candidate figure", expand=False))
    return fig


def _print_list(
    session: Any, out: Console, rows: list[Any], as_json: bool, show_disagreement: bool
) -> None:
    from transplant_audit.extract import review as rv

    recs = []
    for r in rows:
        outcome = rv.review_state(rv.decisions_of(session, r.id), extracted_by=r.extracted_by)
        recs.append(
            {
                "candidate": r.id,
                "source_id": r.source_id,
                "status": r.status,
                "figure": outcome.figure or rv.figure_of_candidate(r),
                "stated": r.stated,
                "accepted_by": list(outcome.accepted_by),
                "rejected_by": list(outcome.rejected_by),
                "disagreement": outcome.disagreement,
                "observation_id": r.observation_id,
                "confidence": r.confidence,
            }
        )
    if as_json:
        out.print_json(json.dumps(recs, ensure_ascii=False))
        return
    if not recs:
        out.print("No candidates." if not show_disagreement else "No disputed candidates.")
        return
    table = Table(title=f"{len(recs)} candidates")
    # the candidate id is what the user types next (review ID ...): never wrapped
    widest = max(len(str(rec["candidate"])) for rec in recs)
    table.add_column("candidate", no_wrap=True, min_width=widest)
    table.add_column("status", no_wrap=True)
    for col in ("indicator", "value", "conf.", "stated", "accepted", "rejected"):
        table.add_column(col, overflow="fold")
    if show_disagreement:
        table.add_column("disagreement", overflow="fold")
    for rec in recs:
        f = rec["figure"]
        row = [
            rec["candidate"],
            rec["status"],
            f"{f['indicator']} {f['organ'] or ''}".strip(),
            f"{f['qualifier']} {f['value']:g} {f['unit']}",
            "?" if rec["confidence"] is None else f"{rec['confidence']:.2f}",
            escape(rec["stated"]),
            ", ".join(rec["accepted_by"]),
            ", ".join(rec["rejected_by"]),
        ]
        if show_disagreement:
            row.append(escape(rec["disagreement"]))
        table.add_row(*row)
    out.print(table)


def _interactive(
    store: Any, out: Console, who: str, source: str | None, by_confidence: bool = False
) -> None:
    from rich.prompt import Prompt

    from transplant_audit.extract import review as rv

    done = 0
    skipped: list[str] = []
    while True:
        with store.session() as s:
            cand = rv.next_candidate(s, who, source, skipped, by_confidence=by_confidence)
            if cand is None:
                left = f", {len(skipped)} skipped" if skipped else ""
                out.print(f"Nothing left for {escape(who)} to review ({done} decided now{left}).")
                return
            cand_id = cand.id
            fig = _show(s, out, cand)
        choice = Prompt.ask(
            "\\[a]ccept  \\[e]dit  \\[r]eject  \\[s]kip  \\[q]uit",
            choices=list("aersq"),
            default="s",
        )
        if choice == "q":
            out.print(f"{done} decided.")
            return
        if choice == "s":  # leave it undecided for now; it comes back next session
            skipped.append(cand_id)
            continue
        changes: dict[str, Any] = {}
        reason = None
        if choice == "r":
            reason = Prompt.ask("reason for rejecting")
        if choice in ("a", "e") and not fig["hospital_id"]:
            changes["hospital_id"] = Prompt.ask("hospital id (or 'national')", default="national")
        if choice == "e":
            for field in ("indicator", "organ", "value", "qualifier", "period", "as_of"):
                new = Prompt.ask(field, default=str(fig[field]))
                if new != str(fig[field]):
                    if field == "value":
                        try:
                            changes[field] = float(new.replace(",", ""))
                        except ValueError:
                            out.print(f"[red]not a number: {escape(new)}; value kept[/]")
                            continue
                    else:
                        changes[field] = new
            reason = Prompt.ask("what you changed and why", default="") or None
        action = {"a": "accept", "e": "edit", "r": "reject"}[choice]
        if action == "edit" and not set(changes) - {"hospital_id"}:
            action = "accept"
        try:
            with store.session(write=True) as s:
                outcome = rv.decide(s, cand_id, who, action, changes=changes, reason=reason)
        except ConfigError as exc:
            out.print(f"[red]{escape(str(exc))}[/]")
            continue
        done += 1
        _print_outcome(out, cand_id, outcome, False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("extract")(extract_cmd)
    app.command("review")(review_cmd)
