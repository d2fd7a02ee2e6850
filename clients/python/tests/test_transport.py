"""The transport against a fake service on loopback: token, problem details as exceptions,
retries with the same Idempotency-Key, no retries where a repeat could do harm, no redirects."""

from __future__ import annotations

import os
import socket
import unittest
from unittest import mock

from _support import FakeService, FakeServiceTest, fixture

import cascade_client
from cascade_client import (BadRequest, CascadeError, Conflict, NotFound, RedirectRefused, ServerError,
                            TooManyRequests, Unauthorized, Unreachable)

SPEC = {"name": "t", "teacher": {"kind": "hierarchical", "d": 8, "p": 3}, "estimators": [{"kind": "ridge"}],
        "sweep": {"n": [200, 400]}}


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TokenTests(FakeServiceTest):

    def test_the_token_goes_as_a_bearer_header_and_defaults_to_CASCADE_TOKEN(self) -> None:
        self.service.on("GET", "/estimators", (200, {}, fixture("estimators.json")))
        self.cascade.estimators()
        self.assertEqual(self.service.requests[-1].headers["Authorization"], "Bearer tok-1")
        with mock.patch.dict(os.environ, {"CASCADE_TOKEN": "from-env"}):
            cascade_client.Cascade(self.service.url).estimators()
        self.assertEqual(self.service.requests[-1].headers["Authorization"], "Bearer from-env")
        with mock.patch.dict(os.environ, {}, clear=True):
            cascade_client.Cascade(self.service.url).estimators()
        self.assertNotIn("Authorization", self.service.requests[-1].headers)

    def test_a_bad_url_is_refused_before_any_request(self) -> None:
        for url in ("localhost:8080", "ftp://host/", "http://"):
            with self.assertRaises(ValueError, msg=url):
                cascade_client.Cascade(url)


class ProblemTests(FakeServiceTest):

    def test_a_bad_spec_raises_BadRequest_with_every_field_error(self) -> None:
        self.service.on("POST", "/experiments", (400, {}, fixture("problem400.json")))
        with self.assertRaises(BadRequest) as raised:
            self.cascade.submit(SPEC)
        e = raised.exception
        self.assertEqual(e.status, 400)
        self.assertEqual(e.title, "Invalid experiment spec")
        self.assertEqual(e.field_errors, [
            ("teacher.d", "must be between 2 and 4000, was -3"),
            ("estimators[1].ridge", "must be between 0 and 1000000000000, was -1"),
            ("colour", "unknown field")])
        self.assertEqual(e.problem["type"], "https://cascade.example/problems/invalid-spec")
        # What a notebook shows under the traceback: one line per field.
        self.assertEqual(str(e).splitlines(), [
            "HTTP 400 from POST /experiments: Invalid experiment spec",
            "  teacher.d: must be between 2 and 4000, was -3",
            "  estimators[1].ridge: must be between 0 and 1000000000000, was -1",
            "  colour: unknown field"])
        self.assertIsInstance(e, CascadeError)

    def test_each_status_has_its_subclass_and_the_detail_is_in_the_message(self) -> None:
        self.service.on("GET", "/experiments/[^/]+", (404, {}, fixture("problem404.json")))
        with self.assertRaises(NotFound) as raised:
            self.cascade.experiment("00000000-0000-0000-0000-000000000000")
        self.assertIn("Experiment not found: no experiment 00000000", str(raised.exception))
        self.service.on("POST", "/experiments/x/cancel", (409, {}, {"status": 409, "title": "Not possible",
                                                                     "detail": "is SUCCEEDED"}))
        with self.assertRaises(Conflict):
            cascade_client.Experiment(self.cascade, {"id": "x"}).cancel()
        self.service.on("GET", "/teachers", (401, {"WWW-Authenticate": 'Bearer realm="cascade"'},
                                             {"status": 401, "title": "Unauthorized"}))
        with self.assertRaises(Unauthorized) as unauthorized:
            self.cascade.teachers()
        self.assertEqual(unauthorized.exception.headers["www-authenticate"], 'Bearer realm="cascade"')

    def test_a_quota_answer_carries_retry_after_and_is_not_retried(self) -> None:
        self.service.on("POST", "/experiments", (429, {"Retry-After": "7"}, {"status": 429, "title": "Quota"}))
        with self.assertRaises(TooManyRequests) as raised:
            self.cascade.submit(SPEC)
        self.assertEqual(raised.exception.retry_after, 7.0)
        self.assertEqual(len(self.service.requests), 1)

    def test_a_body_that_is_not_json_becomes_the_detail(self) -> None:
        self.service.on("GET", "/estimators", (418, {"Content-Type": "text/plain"}, b"short and stout\nmore"))
        with self.assertRaises(CascadeError) as raised:
            self.cascade.estimators()
        self.assertEqual(raised.exception.status, 418)
        self.assertEqual(raised.exception.detail, "short and stout")


class RetryTests(FakeServiceTest):

    def test_a_submission_is_retried_after_503_with_the_same_idempotency_key(self) -> None:
        unavailable = (503, {"Retry-After": "0.002"}, {"status": 503, "title": "Database unavailable"})
        self.service.on("POST", "/experiments", unavailable, unavailable,
                        (202, {"Idempotent-Replayed": "true"}, fixture("submitted.json")))
        experiment = self.cascade.submit(SPEC)
        keys = [r.headers["Idempotency-Key"] for r in self.service.requests]
        self.assertEqual(len(keys), 3)
        self.assertEqual(len(set(keys)), 1, keys)
        self.assertTrue(keys[0].startswith("cascade-py-"), keys[0])
        self.assertEqual(experiment.idempotency_key, keys[0])
        self.assertTrue(experiment.replayed)
        self.assertEqual(self.sleeps, [0.002, 0.002])  # Retry-After, not the back-off
        self.assertEqual(self.service.requests[0].json(), SPEC)

    def test_a_given_idempotency_key_is_sent(self) -> None:
        self.service.on("POST", "/experiments", (202, {}, fixture("submitted.json")))
        self.cascade.submit(SPEC, idempotency_key="nightly-42")
        self.assertEqual(self.service.requests[0].headers["Idempotency-Key"], "nightly-42")
        self.assertEqual(self.service.requests[0].headers["Content-Type"], "application/json")

    def test_reads_are_retried_on_502_and_504_with_doubling_back_off(self) -> None:
        self.service.on("GET", "/estimators", (502, {}, b"bad gateway"), (504, {}, b""),
                        (200, {}, fixture("estimators.json")))
        self.assertEqual(len(self.cascade.estimators()), 7)
        self.assertEqual(self.sleeps, [0.001, 0.002])

    def test_after_the_last_retry_the_5xx_is_raised(self) -> None:
        self.service.on("GET", "/teachers", (503, {}, {"status": 503, "title": "Database unavailable"}))
        with self.assertRaises(ServerError) as raised:
            self.cascade.teachers()
        self.assertEqual(raised.exception.status, 503)
        self.assertEqual(len(self.service.requests), 4)  # 1 + 3 retries

    def test_cancel_and_retry_are_not_repeated_after_a_503(self) -> None:
        self.service.on("POST", "/experiments/x/(cancel|retry)", (503, {}, {"status": 503, "title": "Unavailable"}))
        experiment = cascade_client.Experiment(self.cascade, {"id": "x"})
        with self.assertRaises(ServerError):
            experiment.cancel()
        with self.assertRaises(ServerError):
            experiment.retry()
        self.assertEqual(len(self.service.requests), 2)

    def test_a_retried_delete_that_finds_nothing_has_deleted(self) -> None:
        self.service.on("DELETE", "/experiments/x", (503, {}, b""), (404, {}, fixture("problem404.json")))
        cascade_client.Experiment(self.cascade, {"id": "x"}).delete()
        self.service.on("DELETE", "/experiments/y", (404, {}, fixture("problem404.json")))
        with self.assertRaises(NotFound):
            cascade_client.Experiment(self.cascade, {"id": "y"}).delete()

    def test_an_unreachable_server_raises_Unreachable_after_the_retries(self) -> None:
        sleeps = []
        cascade = cascade_client.Cascade("http://127.0.0.1:%d" % free_port(), backoff=0.5)
        cascade.http.sleep = sleeps.append
        with self.assertRaises(Unreachable) as raised:
            cascade.estimators()
        self.assertIsNone(raised.exception.status)
        self.assertIn("cannot reach", str(raised.exception))
        self.assertEqual(sleeps, [0.5, 1.0, 2.0])


class RedirectTests(unittest.TestCase):
    """Issue 18's rule for the jar, here too: a redirect could carry the token to another host."""

    def test_a_redirect_is_refused_and_the_token_never_reaches_the_other_host(self) -> None:
        other = FakeService()
        self.addCleanup(other.close)
        other.on("POST", "/experiments", (202, {}, fixture("submitted.json")))
        other.on("GET", "/experiments", (200, {}, fixture("page.json")))
        redirecting = FakeService()
        self.addCleanup(redirecting.close)
        for method in ("GET", "POST"):
            redirecting.on(method, "/experiments", (307, {"Location": other.url + "/experiments"}, b""))
        cascade = cascade_client.Cascade(redirecting.url, token="secret")
        with self.assertRaises(RedirectRefused) as raised:
            cascade.submit(SPEC)
        self.assertEqual(raised.exception.location, other.url + "/experiments")
        self.assertEqual(raised.exception.status, 307)
        self.assertIn("redirects are not followed", str(raised.exception))
        with self.assertRaises(RedirectRefused):
            list(cascade.experiments())
        self.assertEqual(other.requests, [])
        self.assertEqual(len(redirecting.requests), 2)


if __name__ == "__main__":
    unittest.main()
