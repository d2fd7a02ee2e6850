"""The transport: urllib, a bearer token, no redirects, retries where a repeat is harmless."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

from ._version import __version__
from ._routes import ROUTES
from .errors import RedirectRefused, Unreachable, error_for

QueryValue = Union[str, int, float, bool, None]

# Answers that mean "the server could not do it now" and come before any change was made: the
# service's 503 (database unavailable), and a gateway's 502/504 during a restart.
RETRY_STATUSES = frozenset({502, 503, 504})
_SAFE_METHODS = frozenset({"GET", "HEAD", "DELETE"})
_MAX_RETRY_AFTER = 60.0


class Response:
    """A status, headers (names in lower case) and the body's bytes."""

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


Observer = Callable[[str, str, str], None]
"""Called with (method, path template, URL) before each request is sent (tests use it)."""


class Transport:
    """Sends the requests of :data:`ROUTES` to one server.

    ``retries`` extra attempts are made after a connection error or a 502/503/504 for requests
    that are safe to repeat: GET and DELETE, and POSTs that carry an ``Idempotency-Key`` (the
    service returns the first experiment for a repeated key) or are declared idempotent by the
    caller. Waits double from ``backoff`` seconds, or follow ``Retry-After`` (at most 60 s).
    """

    def __init__(self, url: str, token: Optional[str], timeout: float = 60.0, retries: int = 3,
                 backoff: float = 1.0, sleep: Optional[Callable[[float], None]] = None) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("the server URL must be http(s)://host[:port][/prefix], was %r" % url)
        self.base = url.rstrip("/")
        self.token = token or None
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep if sleep is not None else time.sleep
        self.observer: Optional[Observer] = None
        # No HTTPRedirectHandler (a redirect to another host would receive the token) and no
        # HTTPErrorProcessor (4xx and 5xx come back as answers, not exceptions).
        self._opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                        urllib.request.HTTPHandler(), urllib.request.HTTPSHandler()):
            self._opener.add_handler(handler)

    def call(self, route: str, params: Optional[Mapping[str, Any]] = None,
             query: Optional[Mapping[str, QueryValue]] = None, body: Optional[bytes] = None,
             content_type: Optional[str] = None, headers: Optional[Mapping[str, str]] = None,
             accept: str = "application/json", idempotent: Optional[bool] = None) -> Response:
        """Sends ``route`` and returns its 2xx answer.

        Raises a :class:`~cascade_client.errors.CascadeError` subclass for 4xx and 5xx answers,
        :class:`~cascade_client.errors.RedirectRefused` for 3xx and
        :class:`~cascade_client.errors.Unreachable` when no answer came.
        """
        method, template = ROUTES[route]
        path = template
        for name, value in (params or {}).items():
            path = path.replace("{%s}" % name, urllib.parse.quote(str(value), safe=""))
        url = self.base + path
        if query:
            pairs = [(k, _query_value(v)) for k, v in query.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        all_headers: Dict[str, str] = {"Accept": accept, "User-Agent": "cascade-client/" + __version__}
        if content_type:
            all_headers["Content-Type"] = content_type
        all_headers.update(headers or {})
        if self.token:
            all_headers["Authorization"] = "Bearer " + self.token
        repeatable = idempotent if idempotent is not None else (
            method in _SAFE_METHODS or "Idempotency-Key" in all_headers)
        attempts = 1 + (self.retries if repeatable else 0)
        for attempt in range(1, attempts + 1):
            if self.observer is not None:
                self.observer(method, template, url)
            try:
                status, answer_headers, data = self._send(method, url, body, all_headers)
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
                if attempt == attempts:
                    reason = getattr(e, "reason", e)
                    raise Unreachable(None, {}, method, path, "cannot reach %s (%s %s): %s"
                                      % (self.base, method, path, reason)) from e
                self.sleep(self.backoff * 2 ** (attempt - 1))
                continue
            response = Response(status, answer_headers, data)
            if status in RETRY_STATUSES and attempt < attempts:
                self.sleep(self._delay(attempt, response.headers.get("retry-after")))
                continue
            if 200 <= status < 300:
                return response
            if method == "DELETE" and status == 404 and attempt > 1:
                return response  # the attempt whose answer was lost did delete it
            if 300 <= status < 400:
                raise RedirectRefused(status, response.headers.get("location"), method, path)
            raise error_for(status, _problem(response), method, path, response.headers)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _delay(self, attempt: int, retry_after: Optional[str]) -> float:
        delay = float(self.backoff * 2 ** (attempt - 1))
        if retry_after:
            try:
                delay = min(max(float(retry_after), 0.0), _MAX_RETRY_AFTER)
            except ValueError:
                pass  # an HTTP date: keep the back-off
        return delay

    def _send(self, method: str, url: str, body: Optional[bytes],
              headers: Mapping[str, str]) -> Tuple[int, Dict[str, str], bytes]:
        request = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
        try:
            response = self._opener.open(request, timeout=self.timeout)
        except socket.timeout as e:
            raise urllib.error.URLError("timed out after %g s" % self.timeout) from e
        with response:
            data = response.read()
            return response.status, dict(response.headers.items()), data


def _query_value(value: QueryValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _problem(response: Response) -> Dict[str, Any]:
    """The problem detail of an error answer; the first line of a non-JSON body as its detail."""
    try:
        problem = response.json()
        if isinstance(problem, dict):
            return problem
    except (ValueError, UnicodeDecodeError):
        pass
    text = response.text().strip().splitlines()
    return {"detail": text[0][:500]} if text else {}
