"""CLI commands of the workbench: ``serve`` and ``user add/list/disable/enable/passwd/role``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from transplant_audit.cli_options import DbOption, HomeOption
from transplant_audit.errors import ConfigError

user_app = typer.Typer(
    help=(
        "Accounts of the workbench and of `review`: add, list, disable, enable, passwd, role.\n\n"
        "Roles: viewer (read), investigator (capture, extract), reviewer (accept/reject), "
        "admin (accounts). Once a store has accounts, `review` asks for a password."
    ),
    no_args_is_help=True,
)


def _open(home: Path | None, db: str | None) -> Any:
    from transplant_audit.evidence.store import Store

    return Store.open(home=home, url=db)


def prepare_store(home: Path | None, db: str | None, *, import_bundled: bool = True) -> Any:
    """Open (create, migrate) the store and import the bundled package when it is empty."""
    store = _open(home, db)
    if import_bundled and not store.has_import():
        from transplant_audit.paths import bundled_package_dir

        report = store.import_package(bundled_package_dir())
        Console(stderr=True).print(f"imported the bundled evidence: {report.summary()}")
    return store


def serve_cmd(
    home: HomeOption = None,
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes (production, PostgreSQL); 1 with SQLite.", min=1)
    ] = 1,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            "--behind-proxy",
            help="TLS ends at a reverse proxy: mark cookies Secure and trust its X-Forwarded-*.",
        ),
    ] = False,
    public_read: Annotated[
        bool,
        typer.Option(
            "--public-read",
            help="Let anyone read hospitals, sources and the report (never review or jobs).",
        ),
    ] = False,
    report_dir: Annotated[
        Path | None,
        typer.Option(help="Directory of the published report (default: HOME/report)."),
    ] = None,
) -> None:
    """Serve the team workbench: evidence, review queue, estimates and report in a browser.

    Runs the store's migrations, imports the bundled evidence into an empty store (so a
    fresh machine shows real data at once) and starts the web server. Create accounts
    first with `transplant-audit user add NAME --role ROLE --password-stdin`. The API is
    described at /api/openapi.json; docs/server.md says how to deploy it for a team.
    """
    import os

    import uvicorn

    from transplant_audit.paths import home_dir

    store = prepare_store(home, db)
    backend, url = store.backend, store.url
    store.close()
    if workers > 1 and backend == "sqlite":
        raise ConfigError("--workers > 1 needs PostgreSQL (TRANSPLANT_AUDIT_DB or --db)")
    os.environ["TRANSPLANT_AUDIT_SERVE"] = json.dumps(
        {
            "url": url,
            "behind_proxy": behind_proxy,
            "public_read": public_read,
            "report_dir": str(report_dir or home_dir(home) / "report"),
            "home": str(home_dir(home)),
        }
    )
    Console(stderr=True).print(f"workbench on http://{host}:{port}/ (store: {backend})")
    uvicorn.run(
        "transplant_audit.web.commands:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=behind_proxy,
        forwarded_allow_ips="*" if behind_proxy else None,
        log_level="warning",
    )


def app_from_env() -> Any:
    """The app of ``serve`` (uvicorn's factory; each worker process builds its own)."""
    import os

    from transplant_audit.evidence.store import Store
    from transplant_audit.web.app import ServerSettings, create_app

    conf = json.loads(os.environ["TRANSPLANT_AUDIT_SERVE"])
    store = Store.open(url=conf["url"])
    settings = ServerSettings(
        behind_proxy=conf["behind_proxy"],
        public_read=conf["public_read"],
        report_dir=Path(conf["report_dir"]),
        home=Path(conf["home"]),
    )
    return create_app(store, settings)


def _read_password(stdin: bool, prompt: str) -> str:
    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(prompt, hide_input=True, confirmation_prompt=True)
    if not password:
        raise ConfigError("no password given (pipe it with --password-stdin or type it)")
    return password


PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
]


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Account name (letters a-z, digits, . _ -).")],
    role: Annotated[
        str,
        typer.Option(
            help="viewer, investigator, reviewer or admin; for the registry: reporter, "
            "registrar, analyst or auditor."
        ),
    ],
    centre: Annotated[
        str | None,
        typer.Option(help="The reporting centre a registry reporter is bound to (required)."),
    ] = None,
    password_stdin: PasswordStdin = False,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Add an account (the password is hashed with Argon2id; it is never stored or shown)."""
    from transplant_audit.registry.commands import check_centre
    from transplant_audit.web import accounts

    check_centre(role, centre)
    password = _read_password(password_stdin, "password")
    with _open(home, db) as store, store.session(write=True) as s:
        acc = accounts.add_account(s, name, role, password)
        shown = f"{acc.username} ({acc.role})"
        if centre:
            from transplant_audit.registry.store import bind_centre

            bind_centre(s, acc.username, centre)
            shown += f", centre {centre}"
    Console().print(f"added account {shown}")


@user_app.command("list")
def user_list(
    home: HomeOption = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List accounts: name, role, disabled, created, password last changed."""
    from transplant_audit.web import accounts

    with _open(home, db) as store, store.session() as s:
        rows = accounts.list_accounts(s)
    if as_json:
        print(json.dumps(rows, indent=1))
        return
    table = Table("account", "role", "disabled", "created", "password changed")
    for r in rows:
        table.add_row(
            r["username"], r["role"], "yes" if r["disabled"] else "no", r["created_at"],
            r["password_changed_at"],
        )  # fmt: skip
    Console().print(table)


def _set_disabled(name: str, disabled: bool, home: Path | None, db: str | None) -> None:
    from transplant_audit.web import accounts

    with _open(home, db) as store, store.session(write=True) as s:
        accounts.set_disabled(s, name, disabled)
    Console().print(f"{'disabled' if disabled else 'enabled'} {name}")


@user_app.command("disable")
def user_disable(
    name: Annotated[str, typer.Argument(help="Account name.")],
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Disable an account: it can no longer log in, and its sessions end."""
    _set_disabled(name, True, home, db)


@user_app.command("enable")
def user_enable(
    name: Annotated[str, typer.Argument(help="Account name.")],
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Enable a disabled account again."""
    _set_disabled(name, False, home, db)


@user_app.command("passwd")
def user_passwd(
    name: Annotated[str, typer.Argument(help="Account name.")],
    password_stdin: PasswordStdin = False,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Set a new password (an admin's reset); the account's sessions end."""
    from transplant_audit.web import accounts

    password = _read_password(password_stdin, "new password")
    with _open(home, db) as store, store.session(write=True) as s:
        accounts.set_password(s, name, password)
    Console().print(f"password of {name} changed")


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="Account name.")],
    role: Annotated[str, typer.Argument(help="viewer, investigator, reviewer or admin.")],
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Change an account's role (recorded in the security log and the ledger)."""
    from transplant_audit.web import accounts

    with _open(home, db) as store, store.session(write=True) as s:
        accounts.set_role(s, name, role)
    Console().print(f"{name} is now {role}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
    app.add_typer(user_app, name="user")
