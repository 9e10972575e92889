"""Refuse request bodies over a limit before the application reads them (413).

A pure ASGI middleware: a Content-Length over the limit is answered at once; a chunked
body is counted as it streams and refused as soon as it passes the limit. Uploads
(``POST /api/captures``) have their own, larger limit.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """Wrap ``app``; ``limit_for(path)`` is the byte limit of a request to ``path``,
    ``detail(limit)`` the message of the 413."""

    def __init__(
        self, app: ASGIApp, limit_for: Callable[[str], int], detail: Callable[[int], str]
    ) -> None:
        self.app = app
        self.limit_for = limit_for
        self.detail = detail

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, self.detail(limit))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:  # FastAPI re-raises an HTTPException met reading the body
                    raise HTTPException(413, self.detail(limit))
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, detail: str) -> None:
    body = json.dumps({"error": "too large", "detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
