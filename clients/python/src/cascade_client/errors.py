"""Errors: every refused request raises a :class:`CascadeError` carrying the problem detail.

The service answers errors as RFC 9457 problem details; a bad spec gets one 400 whose ``errors``
name every bad field. :attr:`CascadeError.field_errors` keeps them as ``(field, message)`` pairs and
the exception's text lists them one per line, so a notebook shows
``estimators[1].ridge: must be between 0 and 1000000000000, was -1`` under the traceback.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple, Type

__all__ = [
    "CascadeError",
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "PayloadTooLarge",
    "UnsupportedMediaType",
    "Unprocessable",
    "TooManyRequests",
    "ServerError",
    "Unreachable",
    "RedirectRefused",
    "WaitTimeout",
    "MissingDependency",
]


class CascadeError(Exception):
    """A request the service refused, or could not answer.

    Attributes:
        status: the HTTP status (None when no answer came: :class:`Unreachable`).
        problem: the problem detail as sent (``type``, ``title``, ``detail``, ``errors``, ...).
        field_errors: ``(field, message)`` for each entry of the problem's ``errors``.
        method, path: the request that was refused.
        headers: the answer's headers, names in lower case.
    """

    status: Optional[int]
    problem: Dict[str, Any]
    field_errors: List[Tuple[str, str]]
    method: str
    path: str
    headers: Dict[str, str]

    def __init__(self, status: Optional[int], problem: Optional[Mapping[str, Any]] = None,
                 method: str = "", path: str = "", message: Optional[str] = None,
                 headers: Optional[Mapping[str, str]] = None) -> None:
        self.status = status
        self.problem = dict(problem or {})
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.method = method
        self.path = path
        self.field_errors = [
            (str(e.get("field", "")), str(e.get("message", "")))
            for e in self.problem.get("errors") or []
            if isinstance(e, Mapping)
        ]
        super().__init__(message if message is not None else self._describe())

    @property
    def title(self) -> Optional[str]:
        value = self.problem.get("title")
        return None if value is None else str(value)

    @property
    def detail(self) -> Optional[str]:
        value = self.problem.get("detail")
        return None if value is None else str(value)

    def _describe(self) -> str:
        head = "HTTP %s" % self.status if self.status is not None else "no answer"
        if self.method or self.path:
            head += " from %s %s" % (self.method, self.path)
        if self.title:
            head += ": " + self.title
        # The detail repeats the field errors in one line; list them instead when there are any.
        if self.detail and not self.field_errors:
            head += ": " + self.detail
        lines = [head]
        lines += ["  %s: %s" % fe for fe in self.field_errors]
        omitted = self.problem.get("errorsOmitted")
        if omitted:
            lines.append("  ... and %s more" % omitted)
        return "\n".join(lines)


class BadRequest(CascadeError):
    """400: a bad spec or parameter; :attr:`field_errors` names each bad field."""


class Unauthorized(CascadeError):
    """401: no token, or an unknown or revoked one (set CASCADE_TOKEN)."""


class Forbidden(CascadeError):
    """403: the token's role does not allow it, another owner's experiment, or a token limit."""


class NotFound(CascadeError):
    """404: no such experiment, dataset, baseline or endpoint."""


class Conflict(CascadeError):
    """409: not possible in the current state (cancel a finished experiment, retry with nothing to retry)."""


class PayloadTooLarge(CascadeError):
    """413: the body is larger than the service accepts."""


class UnsupportedMediaType(CascadeError):
    """415: the body's Content-Type is not accepted there."""


class Unprocessable(CascadeError):
    """422: a valid spec that exceeds the memory budget; ``problem['memory']`` has the estimate."""


class TooManyRequests(CascadeError):
    """429: the owner's quota of queued runs is full; :attr:`retry_after` in seconds."""

    @property
    def retry_after(self) -> Optional[float]:
        value = self.headers.get("retry-after", self.problem.get("retryAfter"))
        try:
            return None if value is None else float(value)
        except (TypeError, ValueError):
            return None


class ServerError(CascadeError):
    """5xx, after the retries for idempotent calls were used up."""


class Unreachable(CascadeError):
    """No answer: connection refused, reset or timed out (after retries where they are safe)."""


class RedirectRefused(CascadeError):
    """3xx: redirects are never followed, so the token only goes to the URL given.

    Pass the final URL (``location``) to :class:`cascade_client.Cascade` instead.
    """

    location: Optional[str]

    def __init__(self, status: int, location: Optional[str], method: str = "", path: str = "") -> None:
        self.location = location
        super().__init__(status, {}, method, path,
                         "HTTP %d from %s %s redirects to %s; redirects are not followed (the token would "
                         "go with them): use the final URL as the server URL" % (status, method, path, location))


class WaitTimeout(CascadeError, TimeoutError):
    """:meth:`Experiment.wait` gave up; the experiment goes on running on the server."""

    def __init__(self, experiment: str, seconds: float, status: str) -> None:
        super().__init__(None, {}, "GET", "/experiments/" + experiment,
                         "gave up waiting after %g s; experiment %s is still %s" % (seconds, experiment, status))


class MissingDependency(ImportError):
    """An optional package (pandas, matplotlib, numpy) is needed for this call and is not installed."""

    def __init__(self, package: str, purpose: str, debian: Optional[str] = None) -> None:
        hint = "pip install %s" % package
        if debian:
            hint += " (or: apt-get install %s)" % debian
        super().__init__("%s needs %s, which is not installed: %s" % (purpose, package, hint), name=package)


_BY_STATUS: Dict[int, Type[CascadeError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: Unprocessable,
    429: TooManyRequests,
}


def error_for(status: int, problem: Mapping[str, Any], method: str, path: str,
              headers: Optional[Mapping[str, str]] = None) -> CascadeError:
    """The exception for an error answer: a 4xx subclass by status, ServerError for 5xx."""
    cls = ServerError if status >= 500 else _BY_STATUS.get(status, CascadeError)
    return cls(status, problem, method, path, headers=headers)
