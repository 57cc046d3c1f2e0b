"""What every request passes before the page answers: the address it was sent to, the token (when
one is set), and the browser's own session, so that each browser sees only its own cases."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import urllib.parse

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from .settings import Settings, is_loopback

__all__ = ["Guard", "SESSION_COOKIE", "TOKEN_COOKIE", "read_body", "BodyTooLarge"]

SESSION_COOKIE = "meantime_session"
TOKEN_COOKIE = "meantime_token"
_YEAR = 365 * 24 * 3600
_DRAIN_FACTOR = 16
# Scripts, styles and images from this server only: nothing from elsewhere runs in the page.
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class BodyTooLarge(ValueError):
    pass


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, refused beyond ``limit`` bytes. A body a little too large is read to
    its end and dropped (so the browser hears the answer rather than a broken connection); one far
    too large is refused without reading it."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > _DRAIN_FACTOR * limit:
        raise BodyTooLarge(f"too large: {int(declared):,} bytes; at most {limit:,}")
    body = bytearray()
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= limit:
            body += chunk
        elif size > _DRAIN_FACTOR * limit:
            break
    if size > limit:
        raise BodyTooLarge(f"too large: {size:,} bytes or more; at most {limit:,}")
    return bytes(body)


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard(BaseHTTPMiddleware):
    def __init__(self, app, settings: Settings) -> None:
        super().__init__(app)
        self.settings = settings

    async def dispatch(self, request: Request, call_next) -> Response:
        settings = self.settings
        # Served on this machine only, a page reached under another name is a web site trying to
        # reach it through the browser (DNS rebinding): refuse.
        if is_loopback(settings.host) and not is_loopback(_host_name(request.headers.get("host", ""))):
            return PlainTextResponse("This page answers only at localhost or 127.0.0.1.", status_code=403)
        set_token = False
        if settings.token:
            given = (
                request.cookies.get(TOKEN_COOKIE)
                or request.query_params.get("token")
                or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            )
            if not given or not hmac.compare_digest(given.encode(), settings.token.encode()):
                return PlainTextResponse(
                    "This page needs the token its owner set: open the address they gave you, which ends in ?token=...",
                    status_code=401,
                )
            set_token = request.cookies.get(TOKEN_COOKIE) != settings.token
            if request.method == "GET" and "token" in request.query_params:
                # The token leaves the address bar (and the history) once it is in a cookie.
                query = urllib.parse.urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response: Response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), 303)
                self._cookie(response, TOKEN_COOKIE, settings.token)
                return response
        session = request.cookies.get(SESSION_COOKIE, "")
        new_session = len(session) != 32 or not session.isalnum()
        if new_session:
            session = secrets.token_hex(16)
        request.state.owner = hashlib.sha256(session.encode()).hexdigest()[:32]
        response = await call_next(request)
        if new_session:
            self._cookie(response, SESSION_COOKIE, session)
        if set_token and settings.token:
            self._cookie(response, TOKEN_COOKIE, settings.token)
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @staticmethod
    def _cookie(response: Response, name: str, value: str) -> None:
        response.set_cookie(name, value, max_age=_YEAR, httponly=True, samesite="strict", path="/")
