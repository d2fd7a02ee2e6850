#!/usr/bin/env python3
"""Submission throughput and time from submit to first run claimed, against a running service on
loopback only. Submits COUNT small experiments one after another (bounded), then reads each
experiment's createdAt/startedAt. usage: submit_latency.py [BASE_URL] [COUNT]"""
import json
import statistics
import sys
import time
import urllib.request
from datetime import datetime

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
count = min(int(sys.argv[2]) if len(sys.argv) > 2 else 200, 2000)
assert base.startswith("http://127.0.0.1") or base.startswith("http://localhost"), "loopback only"
spec = {"name": "latency", "tags": ["bench"],
        "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
        "estimators": [{"kind": "ridge", "ridge": 0.001}],
        "sweep": {"n": [200], "seeds": 1}, "test": {"n": 100}}


def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


ids, latencies = [], []
start = time.perf_counter()
for _ in range(count):
    t0 = time.perf_counter()
    ids.append(call("POST", "/experiments", spec)["id"])
    latencies.append(time.perf_counter() - t0)
elapsed = time.perf_counter() - start
time.sleep(3)
to_claim = []
for i in ids:
    e = call("GET", f"/experiments/{i}")
    if e.get("startedAt"):
        c = datetime.fromisoformat(e["createdAt"].replace("Z", "+00:00"))
        s = datetime.fromisoformat(e["startedAt"].replace("Z", "+00:00"))
        to_claim.append((s - c).total_seconds() * 1000)
lat = sorted(latencies)
print(f"{count} submissions in {elapsed:.2f} s: {count / elapsed:.0f}/s; "
      f"POST latency p50 {lat[len(lat) // 2] * 1000:.1f} ms, p99 {lat[int(len(lat) * 0.99) - 1] * 1000:.1f} ms")
if to_claim:
    tc = sorted(to_claim)
    print(f"submit -> first run claimed: p50 {tc[len(tc) // 2]:.0f} ms, p90 {tc[int(len(tc) * 0.9) - 1]:.0f} ms, "
          f"max {tc[-1]:.0f} ms ({len(tc)} of {count} started)")
