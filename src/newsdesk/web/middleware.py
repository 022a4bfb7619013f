"""ASGI middleware for the web app: security headers on every response, and a request size limit.

Plain ASGI (no BaseHTTPMiddleware), so streaming and error responses get the headers too.
"""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from ..errors import InputError, NewsdeskError, SearchQueryError, StoreError, UsageError

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


def error_status(exc: NewsdeskError) -> int:
    """The HTTP status for a library error."""
    if exc.code == "ND404":
        return 404
    if isinstance(exc, SearchQueryError):
        return 400
    if isinstance(exc, (InputError, UsageError)):
        return 400
    if isinstance(exc, StoreError):
        return 503
    return 500


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SizeLimit:
    """413 when a request body is over `max_bytes` (by Content-Length, or counted while reading)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        try:
            declared = int(length) if length is not None else None
        except ValueError:
            declared = None
        if declared is not None and declared > self.max_bytes:
            await self._reject(send)
            return
        chunks: list[Message] = []
        seen = 0
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            while True:  # buffer the body (bounded by max_bytes), then replay it to the app
                message = await receive()
                chunks.append(message)
                if message["type"] != "http.request":
                    break
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    await self._reject(send)
                    return
                if not message.get("more_body", False):
                    break

        async def replay() -> Message:
            return chunks.pop(0) if chunks else await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send: Send) -> None:
        body = json.dumps({"error": {"code": "ND422", "message": f"request body over {self.max_bytes} bytes",
                                     "hint": "Send fewer or smaller documents per request (api.max_request_bytes)."}})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})
