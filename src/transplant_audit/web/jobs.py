"""Background jobs: a ``jobs`` table and an in-process thread pool that runs them.

With SQLite (one person) and with a single PostgreSQL server process, jobs run in
the server's own threads. The table records status, progress and the result, so
``GET /api/jobs/{id}`` works from any worker process that shares the store.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from transplant_audit.errors import TransplantAuditError
from transplant_audit.jsonvalue import plain
from transplant_audit.web.schema import Job

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

Work = Callable[[Mapping[str, Any], Callable[[float], None]], dict[str, Any]]
"""A job's work: (params, report progress 0..1) -> result, stored as JSON by
``jsonvalue.plain`` (numpy scalars as numbers, NaN and pd.NA as null)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class JobRunner:
    """Runs jobs in a small thread pool; state lives in the store's ``jobs`` table."""

    def __init__(self, store: Any, kinds: Mapping[str, Work], threads: int = 1) -> None:
        self.store = store
        self.kinds = dict(kinds)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ta-job")
        self._lock = threading.Lock()

    def submit(self, kind: str, params: Mapping[str, Any], by: str) -> str:
        if kind not in self.kinds:
            raise TransplantAuditError(f"unknown job kind {kind!r}")
        job_id = "job_" + secrets.token_hex(8)
        with self.store.session() as s:
            s.add(
                Job(
                    id=job_id,
                    kind=kind,
                    status=QUEUED,
                    progress=0.0,
                    params=json.dumps(dict(params), sort_keys=True),
                    created_by=by,
                    created_at=_now(),
                )
            )
        self._pool.submit(self._run, job_id, kind, dict(params))
        return job_id

    def _set(self, job_id: str, **values: Any) -> None:
        with self.store.session() as s:
            job = s.get(Job, job_id)
            for k, v in values.items():
                setattr(job, k, v)

    def _run(self, job_id: str, kind: str, params: dict[str, Any]) -> None:
        self._set(job_id, status=RUNNING)
        last = [0.0]

        def progress(fraction: float) -> None:
            if fraction - last[0] >= 0.1 or fraction >= 1.0:
                last[0] = fraction
                self._set(job_id, progress=round(min(max(fraction, 0.0), 1.0), 3))

        try:
            result = self.kinds[kind](params, progress)
            text = json.dumps(plain(result), ensure_ascii=False, allow_nan=False)
        except TransplantAuditError as exc:
            self._set(job_id, status=FAILED, error=str(exc), finished_at=_now())
            return
        except Exception as exc:  # noqa: BLE001 - a job's failure is reported, not raised
            self._set(
                job_id, status=FAILED, error=f"internal error ({type(exc).__name__})",
                finished_at=_now(),
            )  # fmt: skip
            return
        self._set(
            job_id,
            status=DONE,
            progress=1.0,
            result=text,
            finished_at=_now(),
        )

    def shutdown(self, wait: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=True)


def job_view(job: Job) -> dict[str, Any]:
    """A job as ``GET /api/jobs/{id}`` shows it."""
    out: dict[str, Any] = {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "progress": job.progress,
        "params": json.loads(job.params),
        "created_by": job.created_by,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }
    if job.status == DONE and job.result:
        out["result"] = json.loads(job.result)
    if job.error:
        out["error"] = job.error
    return out
