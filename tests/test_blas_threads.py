"""The command line runs OpenBLAS on one thread unless the user set it (issue 18 item 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = (
    "import json, transplant_audit.cli, numpy, threadpoolctl\n"
    "print(json.dumps([i['num_threads'] for i in threadpoolctl.threadpool_info()"
    " if i.get('internal_api') == 'openblas']))\n"
)


def _openblas_threads(env: dict[str, str]) -> list[int]:
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cli_sets_one_openblas_thread() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    threads = _openblas_threads(env)
    assert threads and set(threads) == {1}


def test_an_explicit_setting_is_kept() -> None:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    assert set(_openblas_threads(env)) == {min(2, os.cpu_count() or 1)}  # OpenBLAS caps at cores
