"""``python -m cascade_client submit``: the exit codes of README "CI usage" and the jar's JUnit
report, against a fake service."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from typing import Any, Dict, List, Optional, Tuple
from unittest import mock

from _support import PROJECT, FakeServiceTest, fixture
from test_transport import free_port

from cascade_client import cli

ID = "fb996498-088c-43b4-a449-084268738a77"


def finished(status: str = "SUCCEEDED") -> Dict[str, Any]:
    info = copy.deepcopy(fixture("experiment.json"))
    info["status"] = status
    return info


def verdict(estimator: str, quantity: str, value: Optional[float], expected: float, tolerance: float,
            passed: bool, **more: Any) -> Dict[str, Any]:
    v = {"estimator": estimator, "quantity": quantity, "value": value, "expected": expected, "tolerance": tolerance,
         "relative": False, "against": "value", "allowed": tolerance, "pass": passed}
    v.update(more)
    return v


class SubmitTests(FakeServiceTest):

    def setUp(self) -> None:
        super().setUp()
        self.dir = tempfile.mkdtemp()
        self.spec = os.path.join(self.dir, "spec.json")
        with open(self.spec, "w") as f:
            json.dump({"name": "quickstart"}, f)
        self.service.on("POST", "/experiments", (202, {}, fixture("submitted.json")))
        self.service.on("GET", "/experiments/" + ID, (200, {}, finished()))
        self.result = fixture("result.json")
        self.service.on("GET", "/experiments/%s/results" % ID, lambda r: (200, {}, self.result))

    def tearDown(self) -> None:
        for name in os.listdir(self.dir):
            os.unlink(os.path.join(self.dir, name))
        os.rmdir(self.dir)

    def run_cli(self, *args: str, env: Optional[Dict[str, str]] = None) -> Tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        argv = ["submit", self.spec, "--server", self.service.url, "--poll", "0.01"] + list(args)
        with mock.patch.dict(os.environ, env or {}, clear=True):
            code = cli.main(argv, out, err)
        return code, out.getvalue(), err.getvalue()

    def test_without_wait_it_prints_the_id_and_exits_0(self) -> None:
        code, out, err = self.run_cli(env={"CASCADE_TOKEN": "cas_env"})
        self.assertEqual((code, out), (0, ID + "\n"), err)
        request = self.service.requests[0]
        self.assertEqual(request.headers["Authorization"], "Bearer cas_env")
        self.assertTrue(request.headers["Idempotency-Key"].startswith("cascade-py-"))
        self.assertEqual(request.json(), {"name": "quickstart"})
        self.assertNotIn("warning", err)

    def test_passing_expectations_exit_0_with_the_result_file_and_the_junit_report(self) -> None:
        self.result = dict(self.result, passed=True, verdicts=[
            verdict("spectral", "exponent", -1.017, -1.0, 0.3, True)])
        out_file, junit_file = os.path.join(self.dir, "result.json"), os.path.join(self.dir, "report.xml")
        code, out, err = self.run_cli("--wait", "--out", out_file, "--junit", junit_file)
        self.assertEqual(code, 0, err)
        with open(out_file) as f:
            self.assertEqual(json.load(f), self.result)
        self.assertIn("submitted %s to %s/experiments/%s" % (ID, self.service.url, ID), err)
        self.assertIn("[28/28] SUCCEEDED", err)
        self.assertIn("fit spectral               nmse ~ n^-1.017  [-1.187, -0.847]  R2=0.997  n in [4000, 32000]"
                      "  theory -0.883", err)
        self.assertIn("PASS spectral               exponent = -1.017 (expected -1.000 +- 0.300)", err)
        self.assertIn("experiment %s SUCCEEDED, expectations passed" % ID, err)
        suite = ET.parse(junit_file).getroot()
        self.assertEqual((suite.tag, suite.get("tests"), suite.get("failures")), ("testsuites", "2", "0"))
        cases = suite.findall("./testsuite/testcase")
        self.assertEqual([c.get("name") for c in cases], ["experiment status", "expect[0] spectral exponent"])
        self.assertEqual(suite.find("./testsuite").get("name"), "quickstart")
        self.assertEqual(cases[0].get("classname"), "cascade.quickstart")
        self.assertEqual(suite.find("./testsuite/properties/property[@name='experiment']").get("value"), ID)
        self.assertIsNone(suite.find(".//failure"))

    def test_a_failed_expectation_exits_1_and_the_report_says_expected_actual_and_tolerance(self) -> None:
        self.result = dict(self.result, passed=False, verdicts=[
            verdict("spectral", "exponent", -1.017, 2.0, 0.1, False),
            verdict("krr-quadratic", "nmse", None, 1.0, 0.2, False, n=64000, allowed=None,
                    reason="no curve point at n = 64000")])
        junit_file = os.path.join(self.dir, "report.xml")
        code, out, err = self.run_cli("--wait", "--junit", junit_file)
        self.assertEqual(code, 1, err)
        self.assertEqual(json.loads(out), self.result)  # stdout without --out
        suite = ET.parse(junit_file).getroot()
        self.assertEqual(suite.get("failures"), "2")
        cases = suite.findall("./testsuite/testcase")
        self.assertEqual(cases[2].get("name"), "expect[1] krr-quadratic nmse@n=64000")
        failure = cases[1].find("failure")
        self.assertEqual(failure.get("type"), "ExpectationFailed")
        self.assertEqual(failure.get("message"), "FAIL spectral               exponent = -1.017 (expected 2.000 +- 0.100)")
        self.assertEqual(failure.text, "estimator: spectral\nquantity: exponent\nexpected: 2.00000\n"
                                       "actual: -1.01700\ntolerance: 0.100000 absolute (|actual - expected| <= 0.100000)\n"
                                       "deviation: 3.01700\n")
        self.assertIn("actual: missing", cases[2].find("failure").text)
        self.assertIn("reason: no curve point at n = 64000", cases[2].find("failure").text)

    def test_an_experiment_that_did_not_succeed_exits_1_and_fails_its_status_testcase(self) -> None:
        self.service.on("GET", "/experiments/" + ID, (200, {}, finished("FAILED")))
        self.result = dict(self.result, status="FAILED")
        junit_file = os.path.join(self.dir, "report.xml")
        code, _, err = self.run_cli("--wait", "--junit", junit_file)
        self.assertEqual(code, 1, err)
        status_case = ET.parse(junit_file).getroot().find("./testsuite/testcase")
        self.assertEqual(status_case.find("failure").get("message"), "experiment %s ended FAILED" % ID)

    def test_a_bad_spec_exits_2_with_the_field_errors(self) -> None:
        self.service.on("POST", "/experiments", (400, {}, fixture("problem400.json")))
        code, out, err = self.run_cli("--wait")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("submission refused: HTTP 400\n  Invalid experiment spec\n"
                      "  teacher.d: must be between 2 and 4000, was -3\n"
                      "  estimators[1].ridge: must be between 0 and 1000000000000, was -1\n", err)

    def test_a_refused_token_exits_2(self) -> None:
        self.service.on("POST", "/experiments", (401, {}, {"status": 401, "title": "Unauthorized",
                                                            "detail": "unknown or revoked token"}))
        code, _, err = self.run_cli()
        self.assertEqual(code, 2)
        self.assertIn("Unauthorized: unknown or revoked token", err)

    def test_a_redirect_exits_2_and_is_not_followed(self) -> None:
        self.service.on("POST", "/experiments", (308, {"Location": "https://elsewhere.example/experiments"}, b""))
        code, _, err = self.run_cli(env={"CASCADE_TOKEN": "cas_secret"})
        self.assertEqual(code, 2)
        self.assertIn("redirecting to https://elsewhere.example/experiments; redirects are not followed", err)
        self.assertEqual(len(self.service.requests), 1)

    def test_a_5xx_exits_3_after_the_retries_with_one_key(self) -> None:
        self.service.on("POST", "/experiments", (503, {"Retry-After": "0"}, {"status": 503, "title": "Unavailable"}))
        code, _, err = self.run_cli()
        self.assertEqual(code, 3, err)
        self.assertEqual(len({r.headers["Idempotency-Key"] for r in self.service.requests}), 1)
        self.assertEqual(len(self.service.requests), 4)

    def test_an_unreachable_server_exits_3(self) -> None:
        out, err = io.StringIO(), io.StringIO()
        with mock.patch("time.sleep"):
            code = cli.main(["submit", self.spec, "--server", "http://127.0.0.1:%d" % free_port()], out, err)
        self.assertEqual(code, 3)
        self.assertIn("cannot reach", err.getvalue())

    def test_the_timeout_exits_3(self) -> None:
        running = finished("RUNNING")
        self.service.on("GET", "/experiments/" + ID, (200, {}, running))
        code, _, err = self.run_cli("--wait", "--timeout", "0.05")
        self.assertEqual(code, 3)
        self.assertIn("gave up waiting after 0.05 s; experiment %s is still running" % ID, err)

    def test_an_unwritable_result_file_exits_3(self) -> None:
        code, _, err = self.run_cli("--wait", "--out", os.path.join(self.dir, "missing", "result.json"))
        self.assertEqual(code, 3)
        self.assertIn("cannot write", err)

    def test_token_on_the_command_line_warns(self) -> None:
        code, _, err = self.run_cli("--token", "cas_arg", env={"CASCADE_TOKEN": "cas_env"})
        self.assertEqual(code, 0, err)
        self.assertIn("warning: --token is visible to other users", err)
        self.assertNotIn("cas_arg", err)
        self.assertEqual(self.service.requests[0].headers["Authorization"], "Bearer cas_arg")

    def test_mark_baseline_after_a_pass(self) -> None:
        self.service.on("POST", "/experiments/%s/baseline" % ID, (200, {}, {"name": "quickstart", "experiment": ID}))
        self.result = dict(self.result, passed=None, verdicts=[])
        code, _, err = self.run_cli("--wait", "--mark-baseline", "--out", os.path.join(self.dir, "r.json"))
        self.assertEqual(code, 0, err)
        self.assertIn("marked %s as the baseline of quickstart" % ID, err)

    def test_a_first_run_without_baseline_becomes_the_baseline(self) -> None:
        self.service.on("POST", "/experiments/%s/baseline" % ID, (200, {}, {"name": "quickstart", "experiment": ID}))
        self.result = dict(self.result, passed=False, verdicts=[
            verdict("spectral", "exponent", -1.017, None, 0.0, False, against="baseline", baseline=None,  # type: ignore
                    allowed=None, reason="no baseline to compare with")])
        code, _, err = self.run_cli("--wait", "--mark-baseline", "--out", os.path.join(self.dir, "r.json"))
        self.assertEqual(code, 1, err)  # its own verdict failed, as with the jar
        self.assertEqual(self.service.paths("POST")[-1], "/experiments/%s/baseline" % ID)

    def test_bad_usage_exits_2(self) -> None:
        for args in (["--out", "x.json"], ["--poll", "0"], ["--idempotency-key", "has space"], ["--colour"]):
            with self.subTest(args=args):
                with mock.patch("sys.stderr", io.StringIO()):
                    code, _, _ = self.run_cli(*args)
                self.assertEqual(code, 2)
        out, err = io.StringIO(), io.StringIO()
        self.assertEqual(cli.main(["submit", self.spec, "--server", "localhost:8080"], out, err), 2)
        self.assertEqual(cli.main([], out, err), 2)
        with mock.patch("sys.stderr", io.StringIO()):
            self.assertEqual(cli.main(["submit", self.spec], out, err), 2)  # --server is required
        with open(self.spec, "w") as f:
            f.write("{nope")
        self.assertEqual(cli.main(["submit", self.spec, "--server", self.service.url], out, err), 2)
        self.assertIn("is not valid JSON", err.getvalue())
        self.assertEqual(cli.main(["submit", self.spec + ".missing", "--server", self.service.url], out, err), 2)
        self.assertEqual(self.service.requests, [])

    def test_python_m_runs_it_and_exits_with_its_code(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.path.join(PROJECT, "src"), PYTHONDONTWRITEBYTECODE="1")
        env.pop("CASCADE_TOKEN", None)
        done = subprocess.run([sys.executable, "-m", "cascade_client", "submit", self.spec, "--server",
                               self.service.url], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual((done.returncode, done.stdout), (0, ID + "\n"), done.stderr)
        version = subprocess.run([sys.executable, "-m", "cascade_client", "--version"], env=env,
                                 capture_output=True, text=True, timeout=60)
        self.assertEqual(version.returncode, 0)
        self.assertIn("cascade-client 0.1.0", version.stdout)


class JunitTests(unittest.TestCase):

    def test_control_characters_are_replaced_and_markup_escaped(self) -> None:
        result: Dict[str, Any] = {"experiment": "e", "status": "SUCCEEDED", "spec": {"name": "a<b>&\x01"},
                                  "verdicts": [verdict("x\x02", "nmse", 1.0, 0.0, 0.1, False, reason="<&>")]}
        root = ET.fromstring(cli.junit(result).encode("utf-8"))
        self.assertEqual(root.find("testsuite").get("name"), "a<b>&?")
        cases: List[ET.Element] = root.findall("./testsuite/testcase")
        self.assertEqual(cases[1].get("name"), "expect[0] x? nmse")
        self.assertIn("reason: <&>", cases[1].find("failure").text)

    def test_relative_and_baseline_tolerances_read_like_the_jar(self) -> None:
        v = verdict("s", "crossing", 1200.0, 1000.0, 0.1, True, relative=True, against="baseline", baseline="b1",
                    direction=2)
        # the jar's String.format("%.4g", 1200.0) is "1200" and of 2.0 "2.000"
        self.assertEqual([cli.java_g(x, 4) for x in (1200.0, 2.0, 1e-5, 123456.0)], ["1200", "2.000", "1.000e-05", "1.235e+05"])
        self.assertEqual(cli.verdict_line(v), "PASS s                      crossing[2] = 1200 (expected baseline b1: 1000 +- 10.0%)")


if __name__ == "__main__":
    unittest.main()
