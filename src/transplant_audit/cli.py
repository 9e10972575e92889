"""The ``transplant-audit`` command line: a thin Typer app.

Each area of the toolkit registers its own commands (``register(app)`` in
``<area>/commands.py``); this module only assembles them and turns our errors
into one clear line and exit code 2.
"""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.markup import escape

from transplant_audit.errors import TransplantAuditError

app = typer.Typer(
    name="transplant-audit",
    help=(
        "Audit organ transplant volume in China from sourced evidence.\n\n"
        "Every figure comes from a data package where each row names its source "
        "(URL, publisher, date, locator). With no import done, commands read the "
        "bundled data package, so you see real data at once.\n\n"
        "Start with: transplant-audit report"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)

BLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS"


def _one_blas_thread() -> None:
    """Run OpenBLAS on one thread unless the user chose otherwise.

    Our matrices are small (batched fits, the estimate's chunks, which already run on
    their own threads), so OpenBLAS's worker threads only spin: on a 2-core machine
    they cost the report about 2.5 s of CPU and, when other work shares the cores,
    more wall time than that (benchmarks/bench_cli.py). Set before numpy loads, which
    no command does at import time; an explicit setting in the environment is kept.
    """
    os.environ.setdefault(BLAS_THREADS_ENV, "1")


_one_blas_thread()


def _register_all() -> None:
    from transplant_audit.capture import commands as capture_commands
    from transplant_audit.donorpool import commands as donorpool_commands
    from transplant_audit.estimate import commands as estimate_commands
    from transplant_audit.evidence import commands as evidence_commands
    from transplant_audit.extract import commands as extract_commands
    from transplant_audit.forensics import commands as forensics_commands
    from transplant_audit.registry import commands as registry_commands
    from transplant_audit.report import commands as report_commands
    from transplant_audit.web import commands as web_commands

    for module in (
        report_commands,
        evidence_commands,
        estimate_commands,
        forensics_commands,
        capture_commands,
        extract_commands,
        web_commands,
        donorpool_commands,
        registry_commands,
    ):
        module.register(app)


_register_all()


def main() -> None:
    """Entry point: run the app; our own errors become one line and exit code 2.

    Typer runs in standalone mode, so usage errors (unknown command, missing
    argument, a value of the wrong type) are shown by Typer itself as a usage
    line and an error, with exit code 2, whichever click Typer bundles. We
    never import click ourselves: Typer >= 0.24 vendors its own copy.
    """
    import warnings

    from transplant_audit.errors import HintWarning

    default_show = warnings.showwarning

    def one_line(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
        if not issubclass(category, HintWarning):
            default_show(message, category, filename, lineno, file, line)
            return
        err_console.print(
            f"[yellow]warning:[/] {escape(str(message))}", highlight=False, soft_wrap=True
        )

    warnings.simplefilter("once", HintWarning)
    warnings.showwarning = one_line
    try:
        app()
    except TransplantAuditError as exc:
        err_console.print(
            f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True
        )
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("aborted")
        sys.exit(130)


if __name__ == "__main__":
    main()
