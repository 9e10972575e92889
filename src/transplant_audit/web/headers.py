"""Headers every workbench response carries: it may not be framed, nor its type sniffed.

Without them another site could load the review queue in an invisible frame and have a
logged-in reviewer click "accept" (clickjacking). A pure ASGI middleware, so static files,
errors and redirects get them too.
"""

from __future__ import annotations

from transplant_audit.web.bodylimit import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
)


class SecurityHeaders:
    """Wrap ``app``; add each of ``SECURITY_HEADERS`` that a response does not set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
