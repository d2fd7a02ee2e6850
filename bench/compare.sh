#!/usr/bin/env bash
# Runs examples/bench-*.json through Cascade's command line and through the numpy reference,
# alternating (java, numpy, java, numpy, ...) so machine noise hits both, and prints wall times,
# their ratio and NMSE per n side by side. usage: bench/compare.sh [SPEC] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-examples/bench-spectral.json}"
rounds="${2:-2}"
export JAVA_HOME="$(bin/java-home)"
[[ -f service/target/cascade.jar ]] || mvn -B -q -ntp -DskipTests package
out="$(mktemp -d)"
for r in $(seq 1 "$rounds"); do
  s=$(date +%s.%N); "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar service/target/cascade.jar \
      run "$spec" --out "$out/java.json" 2>/dev/null >/dev/null; e=$(date +%s.%N)
  echo "java  round $r: $(echo "$e - $s" | bc) s" | tee -a "$out/times"
  s=$(date +%s.%N); python3 bench/numpy_reference.py "$spec" > "$out/numpy.jsonl"; e=$(date +%s.%N)
  echo "numpy round $r: $(echo "$e - $s" | bc) s" | tee -a "$out/times"
done
python3 - "$out" <<'PY'
import json, sys, statistics, collections
out = sys.argv[1]
times = collections.defaultdict(list)
for line in open(f"{out}/times"):
    who, _, _, t, _ = line.split()
    times[who].append(float(t))
java, numpy = statistics.median(times["java"]), statistics.median(times["numpy"])
print(f"median wall: cascade {java:.1f} s, numpy {numpy:.1f} s, ratio cascade/numpy = {java/numpy:.2f}")
res = json.load(open(f"{out}/java.json"))
jn = {c["n"]: c["metrics"]["nmse"] for c in res["curves"]}
npn = collections.defaultdict(list)
for line in open(f"{out}/numpy.jsonl"):
    r = json.loads(line)
    if "n" in r:
        npn[r["n"]].append(r["nmse"])
print(f"{'n':>8} {'cascade nmse':>22} {'numpy nmse':>22} {'|diff|/se':>10}")
worst = 0.0
for n in sorted(jn):
    v = npn[n]
    m = sum(v) / len(v)
    se = statistics.stdev(v) / len(v) ** 0.5 if len(v) > 1 else 0
    both = (se ** 2 + jn[n]['stderr'] ** 2) ** 0.5
    z = abs(m - jn[n]['mean']) / both if both > 0 else 0.0
    worst = max(worst, z)
    print(f"{n:>8} {jn[n]['mean']:>12.4f} ± {jn[n]['stderr']:.4f} {m:>12.4f} ± {se:.4f} {z:>10.2f}")
# Different random draws (numpy's generator vs Cascade's streams): agreement means the seed means
# differ by less than 3 combined standard errors at every n.
print(f"agreement: max |diff| = {worst:.2f} combined standard errors -> {'AGREE' if worst < 3 else 'DISAGREE'}")
PY
