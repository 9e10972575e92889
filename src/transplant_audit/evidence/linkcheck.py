"""Link rot: try each source URL politely and say which are dead, and where an archived copy is.

``check_links`` asks each URL with HEAD, and with GET when HEAD is refused or
fails (many servers answer HEAD badly), one request at a time, never faster
than ``rate`` requests per second, each bounded by ``timeout`` seconds.
Outcomes: ``ok`` (2xx/3xx after redirects), ``dead`` (404, 410, unknown host,
connection refused: the page is gone), ``error`` (timeouts, 5xx, 401/403 and
other answers: maybe temporary, so not called dead). The archived copy of a
source, when the capture store holds one, comes from ``archived_copies``.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

USER_AGENT = "transplant-audit link check (+https://github.com/; one request at a time)"
DEAD_STATUSES = frozenset({404, 410})
"""HTTP answers that mean the document is gone (not merely unavailable now)."""
RETRY_WITH_GET = frozenset({400, 403, 405, 429, 501})
"""HEAD answers after which GET is tried: servers that refuse or mishandle HEAD."""


@dataclass(frozen=True)
class LinkStatus:
    """The outcome of checking one source URL."""

    source_id: str
    url: str
    outcome: str  # ok | dead | error | skipped
    http_status: int | None
    method: str  # the request that decided: HEAD or GET ('' if none was made)
    reason: str
    archived: str = ""  # where the archived copy is, if one exists

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _KeepMethod(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method (urllib turns a redirected HEAD into GET)."""

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_OPENER = urllib.request.build_opener(_KeepMethod)


def _request(url: str, method: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status or None, reason) of one request; redirects are followed."""
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            if method == "GET":
                resp.read(1)
            return int(resp.status), str(resp.reason or "")
    except urllib.error.HTTPError as exc:
        return int(exc.code), str(exc.reason or "")
    except urllib.error.URLError as exc:
        return None, _network_reason(exc.reason)
    except TimeoutError:
        return None, f"timed out after {timeout:g} s"
    except (ConnectionError, OSError) as exc:
        return None, _network_reason(exc)


def _network_reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "timed out"
    return str(reason)


def classify(status: int | None, reason: str) -> str:
    """``ok``, ``dead`` or ``error`` for one answer (see the module docstring)."""
    if status is None:
        return "dead" if reason in ("unknown host", "connection refused") else "error"
    if status < 400:
        return "ok"
    return "dead" if status in DEAD_STATUSES else "error"


def check_url(url: str, timeout: float) -> tuple[str, int | None, str, str]:
    """(outcome, status, method, reason): HEAD first, GET when HEAD is refused or fails."""
    if not url.lower().startswith(("http://", "https://")):
        return "skipped", None, "", "not an http(s) URL"
    status, reason = _request(url, "HEAD", timeout)
    outcome = classify(status, reason)
    if outcome == "ok" or (status is not None and status not in RETRY_WITH_GET and status < 500):
        return outcome, status, "HEAD", reason
    if reason.startswith("timed out"):
        return outcome, status, "HEAD", reason
    status, reason = _request(url, "GET", timeout)
    return classify(status, reason), status, "GET", reason


class RateLimit:
    """At most ``rate`` requests per second (one request at a time)."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be above 0 requests per second")
        self.interval = 1.0 / rate
        self.clock, self.sleep = clock, sleep
        self.last: float | None = None

    def wait(self) -> None:
        now = self.clock()
        if self.last is not None and now - self.last < self.interval:
            self.sleep(self.interval - (now - self.last))
        self.last = self.clock()


def check_links(
    sources: Iterable[tuple[str, str]],
    *,
    timeout: float = 10.0,
    rate: float = 1.0,
    archived: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
    limiter: RateLimit | None = None,
) -> list[LinkStatus]:
    """Check each (source id, URL) in order; ``archived`` maps source id -> archived copy."""
    archived = archived or {}
    limiter = limiter or RateLimit(rate)
    out = []
    for done, (sid, url) in enumerate(sources, start=1):
        if url.lower().startswith(("http://", "https://")):
            limiter.wait()
        outcome, status, method, reason = check_url(url, timeout)
        out.append(LinkStatus(sid, url, outcome, status, method, reason, archived.get(sid, "")))
        if progress is not None:
            progress(done)
    return out


def archived_copies(session: Any, sources: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Source id -> where its archived copy is: the capture store's record, else its digest.

    ``sources`` are (id, url, digest) rows. A capture of the source (by source id or
    URL) names the WARC file and offset; a digest without a local capture is said as such.
    """
    from sqlalchemy import select

    from transplant_audit.evidence.archive_schema import ArchiveRecord, Capture

    rows = session.execute(
        select(Capture.source_id, Capture.uri, ArchiveRecord.digest, ArchiveRecord.warc_file)
        .join(ArchiveRecord, ArchiveRecord.digest == Capture.digest)
        .order_by(Capture.id)
    ).all()
    by_source = {r.source_id: r for r in rows if r.source_id}
    by_url = {r.uri: r for r in rows}
    out = {}
    for sid, url, digest in sources:
        hit = by_source.get(sid) or by_url.get(url)
        if hit is not None:
            out[sid] = f"archive/{hit.warc_file} ({hit.digest})"
        elif digest:
            out[sid] = f"captured elsewhere ({digest}); not in this store's archive"
    return out
