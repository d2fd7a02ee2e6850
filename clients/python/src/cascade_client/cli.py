"""``python -m cascade_client submit SPEC.json --server URL ...``: the CI client.

The same command and exit codes as the jar's ``submit`` (README "CI usage"):

==== ==========================================================================================
exit meaning
==== ==========================================================================================
0    finished, every expectation passed (without ``--wait``: submitted, the id on stdout)
1    an expectation failed, or the experiment ended FAILED or CANCELLED
2    bad spec (the API's field errors are printed), bad usage, or another 4xx (a refused token,
     a redirect, which is never followed)
3    server unreachable, 5xx, --timeout reached, or the result could not be written
==== ==========================================================================================
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from typing import Any, List, Mapping, Optional, Sequence, TextIO
from xml.sax.saxutils import escape, quoteattr

from . import progress as _progress
from ._http import Transport
from ._version import __version__
from .errors import CascadeError, RedirectRefused

OK, EXPECTATION_FAILED, BAD_INPUT, FAILED = 0, 1, 2, 3
TERMINAL = frozenset({"SUCCEEDED", "FAILED", "CANCELLED"})


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 (bad usage) with the usage, as it does by default, and never prints
    the token back."""


def _seconds(text: str) -> float:
    value = float(text)
    if not (value > 0) or value > 1e6:
        raise argparse.ArgumentTypeError("not a positive number of seconds: %s" % text)
    return value


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m cascade_client", description="Cascade's CI client (the jar's submit).")
    p.add_argument("--version", action="version", version="cascade-client " + __version__)
    commands = p.add_subparsers(dest="command", metavar="submit")
    s = commands.add_parser("submit", help="submit a spec to a running service, optionally wait for its verdicts",
                            description="Exit codes: 0 passed (or submitted, without --wait); 1 an expectation "
                                        "failed or the experiment did not succeed; 2 bad spec, usage or another "
                                        "4xx; 3 server unreachable, 5xx or --timeout reached.")
    s.add_argument("spec", metavar="SPEC.json")
    s.add_argument("--server", required=True, metavar="URL",
                   help="the service's URL; redirects are reported (exit 2), never followed")
    s.add_argument("--token", metavar="T", help="bearer token; default $CASCADE_TOKEN (better: an argument is "
                                                "visible to other users in the process list)")
    s.add_argument("--wait", action="store_true", help="follow the experiment until it is finished")
    s.add_argument("--out", metavar="RESULT.json", help="write the result here (default stdout); needs --wait")
    s.add_argument("--junit", metavar="REPORT.xml", help="write a JUnit XML report; needs --wait")
    s.add_argument("--mark-baseline", action="store_true",
                   help="make the experiment its name's baseline when it passed (or failed only for want of one)")
    s.add_argument("--poll", type=_seconds, default=2.0, metavar="SECONDS", help="poll interval (default 2)")
    s.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="give up waiting after this (exit 3)")
    s.add_argument("--idempotency-key", metavar="K",
                   help="default a fresh cascade-py-<uuid>; retries after lost answers reuse it")
    return p


def main(argv: Optional[Sequence[str]] = None, stdout: Optional[TextIO] = None, stderr: Optional[TextIO] = None) -> int:
    """Runs the command line; returns the exit code (``python -m cascade_client`` exits with it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    p = parser()
    try:
        args = p.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as e:  # argparse: 0 for --help/--version, 2 for bad usage
        return int(e.code or 0) if isinstance(e.code, int) else BAD_INPUT
    if args.command != "submit":
        p.print_usage(err)
        return BAD_INPUT
    token = os.environ.get("CASCADE_TOKEN") or None
    if args.token is not None:
        token = args.token or None
        err.write("warning: --token is visible to other users of this machine in the process list; "
                  "set CASCADE_TOKEN instead\n")
    if not args.wait and (args.out or args.junit or args.mark_baseline):
        err.write("--out, --junit and --mark-baseline need --wait\n")
        return BAD_INPUT
    key = args.idempotency_key
    if key is not None and not (0 < len(key) <= 200 and all(0x21 <= ord(c) <= 0x7E for c in key)):
        err.write("--idempotency-key must be 1-200 printable ASCII characters\n")
        return BAD_INPUT
    try:
        http = Transport(args.server, token)
    except ValueError:
        err.write("--server must be an http(s) URL, was %s\n" % args.server)
        return BAD_INPUT
    try:
        with open(args.spec, "rb") as f:
            body = f.read()
        json.loads(body.decode("utf-8"))
    except OSError as e:
        err.write("cannot read %s: %s\n" % (args.spec, e))
        return BAD_INPUT
    except ValueError as e:
        err.write("%s is not valid JSON: %s\n" % (args.spec, e))
        return BAD_INPUT
    return _Submit(http, args, key or "cascade-py-" + str(uuid.uuid4()), out, err).run(body)


class _Submit:
    def __init__(self, http: Transport, args: argparse.Namespace, key: str, out: TextIO, err: TextIO) -> None:
        self.http = http
        self.args = args
        self.key = key
        self.out = out
        self.err = err

    def run(self, body: bytes) -> int:
        step = "submission"
        try:
            submitted = self.http.call("submit", body=body, content_type="application/json",
                                       headers={"Idempotency-Key": self.key}).json()
            experiment = str(submitted["id"])
            if not self.args.wait:
                self.out.write(experiment + "\n")
                return OK
            self.err.write("submitted %s to %s/experiments/%s\n" % (experiment, self.http.base, experiment))
            step = "progress"
            if not self._follow(experiment):
                self.err.write("gave up waiting after %g s; experiment %s is still running\n"
                               % (self.args.timeout, experiment))
                return FAILED
            step = "result"
            result = self.http.call("results", {"id": experiment}).json()
            if not self._emit(result):
                return FAILED
            status = result.get("status")
            passed = status == "SUCCEEDED" and result.get("passed") is not False
            verdict = "" if result.get("passed") is None else (
                ", expectations passed" if result["passed"] else ", expectations FAILED")
            self.err.write("experiment %s %s%s\n" % (experiment, status, verdict))
            if self.args.mark_baseline and status == "SUCCEEDED" and (passed or only_baseline_missing(result)):
                step = "baseline"
                self.http.call("mark_baseline", {"id": experiment}, idempotent=True)
                self.err.write("marked %s as the baseline of %s\n" % (experiment, (result.get("spec") or {}).get("name")))
            return OK if passed else EXPECTATION_FAILED
        except RedirectRefused as e:
            self.err.write("%s: the server answered HTTP %s redirecting to %s; redirects are not followed (the token "
                           "would go with them): pass the final URL as --server\n" % (step, e.status, e.location))
            return BAD_INPUT
        except CascadeError as e:
            if e.status is None:
                self.err.write("%s\n" % e)
                return FAILED
            self.err.write("%s refused: HTTP %s\n" % (step, e.status))
            if e.title:
                self.err.write("  %s%s\n" % (e.title, ": " + e.detail if e.detail and not e.field_errors else ""))
            elif e.detail:
                self.err.write("  %s\n" % e.detail)
            for field, message in e.field_errors:
                self.err.write("  %s: %s\n" % (field, message))
            return BAD_INPUT if 400 <= e.status < 500 else FAILED
        except (KeyError, TypeError, ValueError) as e:
            self.err.write("unexpected answer from %s: %r\n" % (self.http.base, e))
            return FAILED
        except KeyboardInterrupt:
            self.err.write("interrupted\n")
            return FAILED

    def _follow(self, experiment: str) -> bool:
        """Polls until finished, a line per change; False when --timeout passes first."""
        deadline = None if self.args.timeout is None else time.monotonic() + self.args.timeout
        lines = _progress.Lines(self.err)
        while True:
            info = self.http.call("experiment", {"id": experiment}).json()
            lines.update(info)
            if info["status"] in TERMINAL:
                return True
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(self.args.poll)

    def _emit(self, result: Mapping[str, Any]) -> bool:
        text = json.dumps(result, indent=2)
        current = self.args.out
        try:
            if self.args.out is None:
                self.out.write(text + "\n")
            else:
                with open(self.args.out, "w", encoding="utf-8") as f:
                    f.write(text + "\n")
                self.err.write("wrote %s\n" % self.args.out)
            current = self.args.junit
            if self.args.junit is not None:
                with open(self.args.junit, "w", encoding="utf-8") as f:
                    f.write(junit(result))
                self.err.write("wrote %s\n" % self.args.junit)
        except OSError as e:
            self.err.write("cannot write %s: %s\n" % (current, e))
            return False
        self.err.write(summary(result) + "\n")
        return True


def only_baseline_missing(result: Mapping[str, Any]) -> bool:
    """Every failed verdict failed only for want of a baseline (the first run of a CI job)."""
    return all(v.get("against") == "baseline" and v.get("baseline") is None and v.get("value") is not None
               for v in result.get("verdicts") or [] if not v.get("pass"))


def quantity(v: Mapping[str, Any]) -> str:
    """exponent, crossing[2] or nmse@n=4000."""
    return "%s%s%s" % (v.get("quantity"), "[%s]" % v["direction"] if v.get("direction") is not None else "",
                       "@n=%s" % v["n"] if v.get("n") is not None else "")


def java_g(value: float, digits: int) -> str:
    """Java's ``%.<digits>g``, so these lines read like the jar's: trailing zeros kept ("2.000"),
    no bare trailing point ("1200", not Python's "1200.")."""
    return ("%#.*g" % (digits, value)).replace(".e", "e").rstrip(".")


def _g(value: Any, digits: int) -> str:
    return "missing" if value is None else java_g(float(value), digits)


def expected(v: Mapping[str, Any]) -> str:
    tolerance = float(v.get("tolerance") or 0)
    tolerance_text = java_g(100 * tolerance, 3) + "%" if v.get("relative") else java_g(tolerance, 3)
    prefix = ""
    if v.get("against") == "baseline":
        prefix = "baseline" + (" " + str(v["baseline"]) if v.get("baseline") is not None else "") + ": "
    return "%s%s +- %s" % (prefix, _g(v.get("expected"), 4), tolerance_text)


def verdict_line(v: Mapping[str, Any]) -> str:
    """"PASS spectral exponent = -0.58 (expected -0.55 +- 0.08)", with a failure's reason."""
    return "%s %-22s %s = %s (expected %s)%s" % ("PASS" if v.get("pass") else "FAIL", v.get("estimator"), quantity(v),
                                                 _g(v.get("value"), 4), expected(v),
                                                 " " + str(v["reason"]) if v.get("reason") else "")


def summary(result: Mapping[str, Any]) -> str:
    """The fitted exponents, the verdicts and the wall time, as the jar prints them."""
    lines: List[str] = []
    for fit in result.get("fits") or []:
        ci = fit.get("ci95") or [float("nan"), float("nan")]
        theory = fit.get("theorySlope", fit.get("theoryExponent"))
        lines.append("fit %-22s %s ~ n^%.3f  [%.3f, %.3f]  R2=%.3f  n in [%.0f, %.0f]%s" % (
            fit.get("estimator"), fit.get("metric"), fit.get("exponent"), ci[0], ci[1], fit.get("r2"),
            fit.get("nMin"), fit.get("nMax"), "" if theory is None else "  theory %.3f" % theory))
    lines += [verdict_line(v) for v in result.get("verdicts") or []]
    lines.append("wall %.1fs" % float((result.get("timings") or {}).get("wallSeconds") or 0.0))
    return "\n".join(lines)


def _clean(text: str) -> str:
    """XML 1.0 allows no control characters but tab, newline and carriage return."""
    return "".join(c if c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD
                   or ord(c) >= 0x10000 else "?" for c in text)


def _attr(text: Any) -> str:
    return quoteattr(_clean(str(text)))


def _details(v: Mapping[str, Any]) -> str:
    lines = ["estimator: %s" % v.get("estimator"), "quantity: %s" % quantity(v)]
    exp = _g(v.get("expected"), 6)
    if v.get("baseline") is not None:
        exp += " (baseline %s)" % v["baseline"]
    lines.append("expected: " + exp)
    lines.append("actual: " + _g(v.get("value"), 6))
    tolerance = "tolerance: %s %s" % (_g(v.get("tolerance") or 0, 6), "relative" if v.get("relative") else "absolute")
    if v.get("allowed") is not None:
        tolerance += " (|actual - expected| <= %s)" % _g(v["allowed"], 6)
    lines.append(tolerance)
    if v.get("value") is not None and v.get("expected") is not None:
        lines.append("deviation: " + _g(abs(v["value"] - v["expected"]), 6))
    if v.get("reason"):
        lines.append("reason: %s" % v["reason"])
    return "\n".join(lines) + "\n"


def junit(result: Mapping[str, Any]) -> str:
    """The jar's JUnit XML report: one suite named after the spec, a testcase for the experiment's
    status (fails unless SUCCEEDED) and one per expectation (``expect[i] estimator quantity``), a
    failure giving expected, actual and tolerance."""
    spec = result.get("spec") or {}
    name = spec.get("name")
    suite = name if isinstance(name, str) else "experiment"
    verdicts = list(result.get("verdicts") or [])
    status = str(result.get("status"))
    succeeded = status == "SUCCEEDED"
    failures = sum(1 for v in verdicts if not v.get("pass")) + (0 if succeeded else 1)
    tests = len(verdicts) + 1
    time_text = "%.3f" % float((result.get("timings") or {}).get("wallSeconds") or 0.0)
    classname = _attr("cascade." + suite)
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<testsuites name="cascade" tests="%d" failures="%d" errors="0" time="%s">' % (tests, failures, time_text),
         '  <testsuite name=%s tests="%d" failures="%d" errors="0" skipped="0" time="%s">'
         % (_attr(suite), tests, failures, time_text),
         "    <properties>",
         '      <property name="experiment" value=%s/>' % _attr(result.get("experiment")),
         '      <property name="status" value=%s/>' % _attr(status),
         "    </properties>"]
    if succeeded:
        x.append('    <testcase classname=%s name="experiment status" time="%s"/>' % (classname, time_text))
    else:
        x += ['    <testcase classname=%s name="experiment status" time="%s">' % (classname, time_text),
              '      <failure message=%s type="ExpectationFailed">%s</failure>'
              % (_attr("experiment %s ended %s" % (result.get("experiment"), status)),
                 escape(_clean("status: %s\nexpected: SUCCEEDED\n" % status))),
              "    </testcase>"]
    for i, v in enumerate(verdicts):
        name = _attr("expect[%d] %s %s" % (i, v.get("estimator"), quantity(v)))
        if v.get("pass"):
            x.append('    <testcase classname=%s name=%s time="0"/>' % (classname, name))
        else:
            x += ['    <testcase classname=%s name=%s time="0">' % (classname, name),
                  '      <failure message=%s type="ExpectationFailed">%s</failure>'
                  % (_attr(verdict_line(v)), escape(_clean(_details(v)))),
                  "    </testcase>"]
    x += ["  </testsuite>", "</testsuites>", ""]
    return "\n".join(x)


def run() -> None:
    """The ``cascade-client`` console script."""
    sys.exit(main())
