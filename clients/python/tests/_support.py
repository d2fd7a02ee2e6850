"""Shared by the tests: the package from src/ (not an installed copy), JSON fixtures, a fake
service on a loopback port, hiding optional packages, and the live service's URL."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
REPOSITORY = os.path.dirname(os.path.dirname(PROJECT))
sys.path.insert(0, os.path.join(PROJECT, "src"))

import cascade_client  # noqa: E402  (after the path is set)

assert os.path.dirname(cascade_client.__file__) == os.path.join(PROJECT, "src", "cascade_client"), \
    "the tests must import the package from src/, found " + cascade_client.__file__


def fixture(name: str) -> Any:
    with open(os.path.join(HERE, "fixtures", name), encoding="utf-8") as f:
        return json.load(f)


def required_extras() -> bool:
    """CI sets CASCADE_REQUIRE_PYTHON_EXTRAS=1 (after installing python3-pandas, -matplotlib): a
    test that needs one of them then fails instead of being skipped."""
    return os.environ.get("CASCADE_REQUIRE_PYTHON_EXTRAS") == "1"


def need(module: str) -> Any:
    """The module, or skip the test (fail under CASCADE_REQUIRE_PYTHON_EXTRAS=1)."""
    try:
        return __import__(module)
    except ImportError:
        if required_extras():
            raise AssertionError("%s is required here (CASCADE_REQUIRE_PYTHON_EXTRAS=1) but not installed" % module)
        raise unittest.SkipTest("%s is not installed" % module)


class Hidden:
    """Within ``with Hidden("pandas"):`` importing pandas fails as if it were not installed."""

    def __init__(self, *modules: str) -> None:
        self.modules = modules
        self.saved: Dict[str, Any] = {}

    def __enter__(self) -> "Hidden":
        for name in list(sys.modules):
            if any(name == m or name.startswith(m + ".") for m in self.modules):
                self.saved[name] = sys.modules[name]
        # None in sys.modules makes an import raise ImportError, also of an already imported
        # submodule (matplotlib.pyplot)
        for name in set(self.modules) | set(self.saved):
            sys.modules[name] = None  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: Any) -> None:
        for name in set(self.modules) | set(self.saved):
            sys.modules.pop(name, None)
        sys.modules.update(self.saved)


def live_url() -> str:
    """The live service's URL (CASCADE_URL), or skip."""
    url = os.environ.get("CASCADE_URL")
    if not url:
        raise unittest.SkipTest("CASCADE_URL is not set: the live tests need a running service")
    return url


class Request:
    def __init__(self, method: str, path: str, query: str, headers: Dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


Answer = Tuple[int, Dict[str, str], Union[bytes, Any]]
Handler = Callable[[Request], Answer]


class FakeService:
    """An HTTP server on 127.0.0.1 (a random port) answering programmed routes; records every
    request. ``on(method, path_regex, answer...)`` answers in turn, the last one from then on;
    an answer is (status, headers, body) with a bytes body or JSON, or a function of the request."""

    def __init__(self) -> None:
        self.requests: List[Request] = []
        self.routes: List[Tuple[str, "re.Pattern[str]", List[Union[Answer, Handler]]]] = []
        service = self

        class _Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path, _, query = self.path.partition("?")
                request = Request(self.command, path, query, {k: v for k, v in self.headers.items()}, body)
                service.requests.append(request)
                status, headers, payload = service.answer(request)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                if not any(k.lower() == "content-type" for k in headers):
                    self.send_header("Content-Type", "application/problem+json" if status >= 400 else "application/json")
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def on(self, method: str, path: str, *answers: Union[Answer, Handler]) -> "FakeService":
        self.routes.insert(0, (method, re.compile(path + "$"), list(answers)))
        return self

    def answer(self, request: Request) -> Answer:
        for method, pattern, answers in self.routes:
            if method == request.method and pattern.match(request.path):
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                return answer(request) if callable(answer) else answer
        return 404, {}, {"status": 404, "title": "Not Found", "detail": "no route " + request.path}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self, method: Optional[str] = None) -> Sequence[str]:
        return [r.path for r in self.requests if method is None or r.method == method]


class FakeServiceTest(unittest.TestCase):
    """A test with ``self.service`` (a FakeService) and ``self.cascade`` (a client of it that does
    not sleep between retries)."""

    def setUp(self) -> None:
        self.service = FakeService()
        self.addCleanup(self.service.close)
        self.sleeps: List[float] = []
        self.cascade = cascade_client.Cascade(self.service.url, token="tok-1", backoff=0.001)
        self.cascade.http.sleep = self.sleeps.append
