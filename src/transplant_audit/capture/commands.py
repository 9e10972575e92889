"""Capture commands: capture, verify, manifest, ledger (registered by ``transplant_audit.cli``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from transplant_audit.cli_options import DbOption, HomeOption
from transplant_audit.errors import ConfigError
from transplant_audit.paths import DB_ENV, home_dir

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (for scripts).")]


def _console(stderr: bool = False) -> Console:
    return Console(highlight=False, stderr=stderr)


def _open_store(home: Path | None, db: str | None) -> Any:
    from transplant_audit.evidence.store import Store

    return Store.open(home=home, url=db)


def _store_exists(home: Path, db: str | None) -> bool:
    if db or os.environ.get(DB_ENV):
        return True
    from transplant_audit.paths import SQLITE_FILENAME

    return (home / SQLITE_FILENAME).exists()


def capture_cmd(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files to capture (HTML, PDF, images, text), or http/https URLs to fetch.",
            metavar="PATH_OR_URL...",
            show_default=False,
        ),
    ] = None,
    pages: Annotated[
        Path | None,
        typer.Option(
            "--pages",
            help="A CSV list of saved web pages to capture in one run, each under the "
            "address it was published at: columns path,url (required) and title, "
            "publisher, party, kind, note (paths relative to the list). Every row is "
            "checked before anything is written.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Why you captured it; kept with the capture.")
    ] = None,
    source_id: Annotated[
        str | None,
        typer.Option(
            "--source-id",
            help="Attach the capture to this existing source (e.g. src_0123456789) "
            "instead of creating one.",
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Where this file was published (for a saved copy of a web page); "
            "becomes the source's URL. One input only.",
        ),
    ] = None,
    party: Annotated[
        str,
        typer.Option("--party", help="Whose voice a new source is (see the vocabulary)."),
    ] = "other",
    kind: Annotated[
        str, typer.Option("--kind", help="Kind of document of a new source: web, report, news ...")
    ] = "web",
    title: Annotated[str | None, typer.Option("--title", help="Title of a new source.")] = None,
    publisher: Annotated[
        str | None, typer.Option("--publisher", help="Publisher of a new source.")
    ] = None,
    binary: Annotated[
        bool,
        typer.Option(
            "--binary",
            help="Keep the bytes as application/octet-stream without detecting a charset "
            "(for text that decodes under no charset).",
        ),
    ] = False,
    home: HomeOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Preserve documents exactly, as WARC records with SHA-256 digests.

    Each file goes into HOME/archive/*.warc.gz as a WARC record with its
    digest, capture time, original path or URL, media type and detected
    charset (GB2312/GBK/GB18030 and Big5 included). The same bytes
    captured twice are stored once. Each capture creates a source in the
    store (or attaches to an existing one with --source-id) and is written
    to the tamper-evident ledger. Every input is checked first: a missing,
    empty or undecodable file stops the run before anything is written.

    Saved copies of web pages: --url names where one file was published;
    --pages LIST captures many saved pages in one run, each under its own
    address (CSV columns path,url,title,publisher,party,kind,note).
    """
    from transplant_audit.capture.service import check_capture_options, read_page_list

    if bool(inputs) == bool(pages):
        raise ConfigError("give files or URLs to capture, or --pages LIST, not both")
    if pages and (url or source_id or title or publisher or note):
        raise ConfigError("with --pages, url, title, publisher and note come from the list")
    # Before the store is opened (which may create it): nothing is written for bad input.
    rows = read_page_list(pages, binary=binary) if pages else None
    if inputs:
        check_capture_options(
            inputs, note=note, url=url, party=party, kind=kind, title=title, publisher=publisher
        )
    results = _capture_with_progress(
        home_dir(home),
        db,
        inputs or [],
        pages,
        rows,
        as_json,
        note=note,
        source_id=source_id,
        url=url,
        party=party,
        kind=kind,
        title=title,
        publisher=publisher,
        binary=binary,
    )
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
        return
    _print_captures(results)


def _capture_with_progress(
    h: Path,
    db: str | None,
    inputs: list[str],
    pages: Path | None,
    rows: Any,
    quiet: bool,
    **options: Any,
) -> list[Any]:
    """Capture the inputs (or the --pages list) into the store, with a progress bar."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from transplant_audit.capture.service import capture, capture_page_list

    with (
        _open_store(h, db) as store,
        Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            console=_console(stderr=True),
            transient=True,
            disable=quiet,
        ) as bar,
    ):
        task = bar.add_task("capturing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        if pages:
            return capture_page_list(store, h, pages, binary=options["binary"], rows=rows)
        return capture(store, h, inputs, progress=progress, **options)


def _print_captures(results: list[Any]) -> None:
    """One paragraph per capture: digest, size, type, where it is archived, its source."""
    console = Console(highlight=False, soft_wrap=True)
    for r in results:
        stored = "already archived, stored once" if r.deduplicated else "archived"
        console.print(
            f"[green]captured[/] {escape(r.uri)}\n  {r.digest}  {r.size:,} bytes  {r.media_type}"
            + (f" ({r.charset})" if r.charset else "")
            + f"\n  {stored} in archive/{r.warc_file} at offset {r.offset}; "
            f"source {r.source_id} ({r.source_action}); capture {r.capture_id}"
        )


def verify_cmd(
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest",
            help="Also check this manifest: its digest and signature, and that the archive "
            "(and the store's ledger, when there is a store) hold exactly what it lists.",
        ),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key",
            help="With --manifest: the Ed25519 public key you trust (PEM, or the 64 hex digits "
            "'manifest' prints), obtained from where the manifest's author published it. The "
            "manifest must be signed with exactly this key (unsigned: exit 1).",
        ),
    ] = None,
    home: HomeOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Recompute every digest and the ledger chain; show the first mismatch.

    Checks every WARC record (gzip integrity, payload SHA-256, the stored
    bytes against the digest the store committed to), every ledger entry
    and link, every Merkle batch root, and every source, observation and
    other row against the digest its ledger entry committed to. Exit code
    1 on any mismatch, 0 otherwise. An interrupted capture that was never
    acknowledged is reported as a notice.
    """
    from transplant_audit.capture.archive import Archive
    from transplant_audit.capture.manifest import check_manifest, load_public_key, read_manifest
    from transplant_audit.capture.verify import (
        VerifyReport,
        VerifyState,
        _opener,
        check_state,
        load_state,
    )
    from transplant_audit.errors import ConfigError

    if public_key is not None and manifest is None:
        raise ConfigError("--public-key checks a manifest's signature: give --manifest FILE too")
    pinned = load_public_key(public_key) if public_key is not None else None
    h = home_dir(home)
    loaded = read_manifest(manifest) if manifest is not None else None
    archive_only = loaded is not None and not _store_exists(h, db)
    if archive_only:
        archive = Archive(h)
        state = VerifyState(
            entries=[],
            batches=[],
            rows={},
            warc_files={n: _opener(archive.path(n)) for n in archive.files()},
        )
        report = VerifyReport()
    else:
        with _open_store(h, db) as store:
            state = load_state(store, h)
        report = check_state(state)
    if loaded is not None:
        extra = check_manifest(loaded, state, archive_only=archive_only, public_key=pinned)
        report.findings.extend(extra.findings)
        report.counts.update(extra.counts)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        console = Console(highlight=False, soft_wrap=True)
        for n in report.notices:
            console.print(f"[yellow]notice:[/] {escape(n.line())}")
        first = report.first_mismatch
        if first is not None:
            console.print(f"[bold red]MISMATCH[/] {escape(first.line())}")
            more = len(report.mismatches) - 1
            if more:
                console.print(f"({more} further mismatch(es); --json lists them all)")
        else:
            c = report.counts
            what = (
                f"{c.get('manifest_captures', 0)} manifest captures against the archive only"
                if archive_only
                else (
                    f"{c.get('warc_records', 0)} WARC records, {c.get('captures', 0)} captures, "
                    f"{c.get('ledger_entries', 0)} ledger entries in "
                    f"{c.get('ledger_batches', 0)} batches, {c.get('rows_checked', 0)} rows"
                )
            )
            console.print(f"[green]verified:[/] {what}; every digest matches")
    if not report.ok:
        # SystemExit, not typer.Exit: the app runs with standalone_mode=False, where
        # click turns typer.Exit into a return value that main() does not pass on.
        raise SystemExit(1)


def _write_manifest_and_key(
    mf: Any, out: Path, data: dict[str, Any], key_out: Path | None, home: Path
) -> None:
    """Write the public key (if asked) and the manifest: both or neither. The key goes
    first, and is removed again if the manifest cannot be written."""
    if key_out is None:
        mf.write_json_atomic(out, data)
        return
    existed = key_out.exists()
    mf.write_bytes_atomic(key_out, mf.public_key_pem(home))
    try:
        mf.write_json_atomic(out, data)
    except BaseException:
        if not existed:
            key_out.unlink(missing_ok=True)
        raise


def manifest_cmd(
    out: Annotated[Path, typer.Option("--out", help="Where to write the manifest (JSON).")],
    no_sign: Annotated[
        bool,
        typer.Option("--no-sign", help="Do not add an Ed25519 signature (signed-digest only)."),
    ] = False,
    public_key_out: Annotated[
        Path | None,
        typer.Option(
            "--public-key-out",
            help="Also write the signing key's public half (PEM) here, to publish beside the "
            "manifest so readers can pin it: verify --manifest M --public-key FILE.",
        ),
    ] = None,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Write the signed evidence manifest a published report embeds.

    The manifest lists every capture's digest, WARC location, URL or path
    and time, the ledger's head hash and Merkle roots, and a digest of the
    rows of each resource, with a signed-digest over all of it (and an
    Ed25519 signature when the 'cryptography' package is installed; the
    key stays in HOME/keys/). Anyone holding the archive can check it
    with: transplant-audit verify --manifest FILE
    """
    from transplant_audit.capture import manifest as mf
    from transplant_audit.errors import ConfigError

    h = home_dir(home)
    with _open_store(h, db) as store:
        data = mf.make_manifest(store, h, sign_it=not no_sign)
    signed = "signature" in data
    if public_key_out is not None and not signed:
        raise ConfigError(
            "--public-key-out needs a signed manifest (drop --no-sign; install 'cryptography')"
        )
    _write_manifest_and_key(mf, out, data, public_key_out, h)
    console = Console(highlight=False, soft_wrap=True)
    console.print(
        f"[green]manifest written:[/] {out}\n  signed-digest {data['signed_digest']}\n  "
        f"{len(data['captures'])} captures, ledger head {data['ledger']['head_seq']} "
        f"{data['ledger']['head_hash']}, {len(data['ledger']['batches'])} batches"
        + (
            f"\n  Ed25519 public key {data['signature']['public_key']}"
            + (f" (PEM in {public_key_out})" if public_key_out else "")
            if signed
            else "\n  no signature (install 'cryptography' for an Ed25519 signature)"
        )
    )


def ledger_cmd(
    tail: Annotated[int, typer.Option("--tail", help="Show the last N entries.", min=1)] = 20,
    proof: Annotated[
        int | None,
        typer.Option("--proof", help="Print the Merkle inclusion proof of entry SEQ (JSON)."),
    ] = None,
    home: HomeOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the ledger: every change to evidence, hash-chained, newest last."""
    from sqlalchemy import select

    from transplant_audit.errors import ConfigError
    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.archive_schema import LedgerEntry

    h = home_dir(home)
    with _open_store(h, db) as store, store.session() as s:
        if proof is not None:
            try:
                typer.echo(json.dumps(ledger.proof_for(s, proof), indent=2))
            except LookupError as exc:
                raise ConfigError(str(exc)) from exc
            return
        rows = list(
            reversed(
                s.execute(select(LedgerEntry).order_by(LedgerEntry.seq.desc()).limit(tail))
                .scalars()
                .all()
            )
        )
        data = [
            {
                "seq": e.seq,
                "timestamp": e.timestamp,
                "kind": e.kind,
                "subject": e.subject,
                "batch": e.batch_id,
                "entry_hash": e.entry_hash,
                "prev_hash": e.prev_hash,
                "payload_digest": e.payload_digest,
            }
            for e in rows
        ]
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    table = Table(title=f"ledger (last {len(data)})")
    for col in ("seq", "time (UTC)", "kind", "subject", "batch", "entry hash"):
        table.add_column(col, overflow="fold")
    for d in data:
        table.add_row(
            str(d["seq"]),
            d["timestamp"][:19],
            d["kind"],
            d["subject"],
            "" if d["batch"] is None else str(d["batch"]),
            d["entry_hash"][:19] + "…",
        )
    _console().print(table)


def exhibit_cmd(
    observation_id: Annotated[
        str,
        typer.Argument(
            help="The observation (obs_...) to document.",
            metavar="OBSERVATION_ID",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Directory to write the exhibit into (new or empty; written all or nothing).",
            metavar="DIR",
            show_default=False,
        ),
    ],
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Write one figure with its proof, for a tribunal or a journalist.

    DIR receives figure.json (the observation and its source row), the source's
    archived bytes and WARC record (or a note saying the source was not captured,
    with its URL and digest), the review decisions, every ledger entry about them
    with its Merkle inclusion proof, and a README explaining how to check each
    digest and proof with sha256sum, zcat and a stdlib-only Python script. The
    ledger's unsealed entries are sealed into a batch first, so every entry has a
    proof.
    """
    from transplant_audit.capture.exhibit import exhibit_files, load_exhibit, write_exhibit
    from transplant_audit.errors import ConfigError

    h = home_dir(home)
    if not _store_exists(h, db):
        raise ConfigError(f"no store at {h}: import or capture evidence first")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not empty: choose a new directory")
    with _open_store(h, db) as store:
        data = load_exhibit(store, h, observation_id)
    files = exhibit_files(data)
    write_exhibit(files, out)
    captured = "with its archived source" if data.document is not None else "source not captured"
    _console().print(
        f"exhibit of {observation_id} ({captured}, {len(data.decisions)} review decisions, "
        f"{len(data.entries)} ledger entries with proofs) written to {out}; "
        f"check it as {out / 'README.md'} explains"
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("capture")(capture_cmd)
    app.command("verify")(verify_cmd)
    app.command("manifest")(manifest_cmd)
    app.command("ledger")(ledger_cmd)
    app.command("exhibit")(exhibit_cmd)
