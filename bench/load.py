#!/usr/bin/env python3
"""Bounded open-loop load against a Cascade service on THIS machine (loopback only).

Submits small experiments at a fixed rate and polls experiments at a fixed rate for a fixed time,
then (optionally) waits for the submitted experiments to finish. Reports latency percentiles
(p50/p90/p99/max) per operation, errors by status code, and how many experiments completed.

Requests are sent on a fixed schedule (open loop): latency is measured from the time a request
was *due*, so a slow server cannot hide its queueing by slowing the client down (coordinated
omission); the service time alone (from the actual send) is reported too.

usage: load.py [--url http://127.0.0.1:8080] [--duration 60] [--submit-rate 2] [--poll-rate 10]
               [--token TOKEN | env CASCADE_TOKEN] [--drain 60] [--json]
Python 3 standard library only.
"""
import argparse
import ipaddress
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

MAX_DURATION_S = 600
MAX_SUBMIT_RATE = 50
MAX_POLL_RATE = 200
TERMINAL = {"SUCCEEDED", "FAILED", "CANCELLED"}

# One run: ridge on a tiny teacher, milliseconds of work; the load is on the API and the queue.
SPEC = {"name": "load", "tags": ["bench", "load"],
        "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
        "estimators": [{"kind": "ridge", "ridge": 0.001}],
        "sweep": {"n": [200], "seeds": 1}, "test": {"n": 100}}


def loopback_only(url):
    """Refuses anything but http(s)://localhost, 127.0.0.0/8 or [::1]; no DNS lookups."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SystemExit(f"refusing {url!r}: need http://127.0.0.1:PORT or http://localhost:PORT")
    host = parts.hostname
    if host == "localhost":
        return url.rstrip("/")
    try:
        if ipaddress.ip_address(host).is_loopback:
            return url.rstrip("/")
    except ValueError:
        pass
    raise SystemExit(f"refusing {url!r}: this load script only targets loopback addresses")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}   # op -> [seconds from due time]
        self.service = {}   # op -> [seconds from send]
        self.statuses = {}  # op -> {status: count}
        self.max_lag = 0.0

    def record(self, op, status, due, sent, done):
        with self.lock:
            self.latency.setdefault(op, []).append(done - due)
            self.service.setdefault(op, []).append(done - sent)
            s = self.statuses.setdefault(op, {})
            s[status] = s.get(status, 0) + 1
            self.max_lag = max(self.max_lag, sent - due)


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--duration", type=float, default=60, help=f"seconds of load (max {MAX_DURATION_S})")
    ap.add_argument("--submit-rate", type=float, default=2, help=f"submissions per second (max {MAX_SUBMIT_RATE})")
    ap.add_argument("--poll-rate", type=float, default=10, help=f"GET /experiments/{{id}} per second (max {MAX_POLL_RATE})")
    ap.add_argument("--token", default=os.environ.get("CASCADE_TOKEN"), help="bearer token (or env CASCADE_TOKEN)")
    ap.add_argument("--drain", type=float, default=60, help="seconds to wait afterwards for submitted experiments to finish")
    ap.add_argument("--timeout", type=float, default=10, help="per-request timeout in seconds")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    base = loopback_only(args.url)
    if not (0 < args.duration <= MAX_DURATION_S):
        raise SystemExit(f"--duration must be in (0, {MAX_DURATION_S}]")
    if not (0 <= args.submit_rate <= MAX_SUBMIT_RATE) or not (0 <= args.poll_rate <= MAX_POLL_RATE):
        raise SystemExit(f"rates must be within [0, {MAX_SUBMIT_RATE}] submits/s and [0, {MAX_POLL_RATE}] polls/s")
    if args.submit_rate == 0 and args.poll_rate == 0:
        raise SystemExit("nothing to do: both rates are 0")
    rng = random.Random(args.seed)
    headers = {"Content-Type": "application/json"}
    if args.token:
        headers["Authorization"] = "Bearer " + args.token

    def call(method, path, body=None):
        """(status, parsed body or None); status 0 = connection error, -1 = timeout."""
        req = urllib.request.Request(base + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())
        try:
            with urllib.request.urlopen(req, timeout=args.timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            e.read()
            return e.code, None
        except TimeoutError:
            return -1, None
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            return (-1 if "timed out" in str(e) else 0), None

    rec = Recorder()
    ids, ids_lock = [], threading.Lock()

    def submit(due):
        sent = time.monotonic()
        status, body = call("POST", "/experiments", SPEC)
        rec.record("submit", status, due, sent, time.monotonic())
        if status == 202 and body:
            with ids_lock:
                ids.append(body["id"])

    def poll(due):
        with ids_lock:
            target = rng.choice(ids) if ids else None
        sent = time.monotonic()
        status, _ = call("GET", f"/experiments/{target}" if target else "/experiments?limit=1")
        rec.record("poll", status, due, sent, time.monotonic())

    # One schedule of (due time, op) over the whole window, merged and sent in order.
    schedule = []
    for rate, op in ((args.submit_rate, submit), (args.poll_rate, poll)):
        if rate > 0:
            k = 0
            while k / rate < args.duration:
                schedule.append((k / rate, op))
                k += 1
    schedule.sort(key=lambda x: x[0])
    workers = min(64, max(4, int((args.submit_rate + args.poll_rate) * 2)))

    status, _ = call("GET", "/actuator/health")
    if status != 200:
        raise SystemExit(f"{base}/actuator/health answered {status}; is the service up?")
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for offset, op in schedule:
            due = t0 + offset
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(op, due)
    load_seconds = time.monotonic() - t0

    # Drain: how long until every submitted experiment is finished (what one instance held).
    finished, drain_seconds = {}, None
    deadline = time.monotonic() + args.drain
    pending = list(ids)
    while pending and time.monotonic() < deadline:
        still = []
        for i in pending:
            s, body = call("GET", f"/experiments/{i}")
            if s == 200 and body and body.get("status") in TERMINAL:
                finished[body["status"]] = finished.get(body["status"], 0) + 1
            else:
                still.append(i)
        pending = still
        if pending:
            time.sleep(0.5)
    if not pending:
        drain_seconds = time.monotonic() - t0 - load_seconds

    summary = {"url": base, "durationSeconds": round(load_seconds, 1), "submitRate": args.submit_rate,
               "pollRate": args.poll_rate, "clientThreads": workers, "maxScheduleLagMs": round(rec.max_lag * 1000, 1),
               "operations": {}, "submitted": len(ids), "finished": finished, "unfinished": len(pending),
               "drainSeconds": None if drain_seconds is None else round(drain_seconds, 1)}
    for op in sorted(rec.latency):
        lat = sorted(rec.latency[op])
        svc = sorted(rec.service[op])
        summary["operations"][op] = {
            "count": len(lat), "achievedPerSecond": round(len(lat) / load_seconds, 2),
            "statuses": {str(k): v for k, v in sorted(rec.statuses[op].items())},
            "latencyMs": {q: round(percentile(lat, p) * 1000, 1)
                          for q, p in (("p50", .5), ("p90", .9), ("p99", .99), ("max", 1.0))},
            "serviceMs": {q: round(percentile(svc, p) * 1000, 1)
                          for q, p in (("p50", .5), ("p90", .9), ("p99", .99), ("max", 1.0))}}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"{base}: {load_seconds:.0f} s at {args.submit_rate:g} submits/s + {args.poll_rate:g} polls/s "
          f"({workers} client threads, max schedule lag {summary['maxScheduleLagMs']} ms)")
    for op, o in summary["operations"].items():
        l, s = o["latencyMs"], o["serviceMs"]
        errors = {k: v for k, v in o["statuses"].items() if k not in ("200", "202")}
        print(f"  {op:6s} n={o['count']:5d} ({o['achievedPerSecond']}/s)  latency ms p50 {l['p50']} p90 {l['p90']} "
              f"p99 {l['p99']} max {l['max']}  (service p99 {s['p99']})  errors {errors or 'none'}")
    print(f"  experiments: {len(ids)} accepted, finished {finished or '{}'}, unfinished {len(pending)}"
          + (f", all done {drain_seconds:.1f} s after the load stopped" if drain_seconds is not None else ""))
    print("  (status 0 = connection error, -1 = timeout)")
    sys.exit(1 if pending or any(k not in ("200", "202") for o in summary["operations"].values()
                                 for k in o["statuses"]) else 0)


if __name__ == "__main__":
    main()
