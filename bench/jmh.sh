#!/usr/bin/env bash
# JMH kernel benchmarks (issue #4): builds bench/jmh (the engine's sources + the benchmarks, never
# part of the test suite) and runs every kernel once, 1 fork, 1 warm-up + 3 measured iterations,
# a few minutes in all; prints a Markdown table (ms per call, GFLOP/s, ratio to the DGEMM rate of
# the same run). Extra arguments go to JMH, e.g. `bench/jmh.sh -p blasThreads=2`.
# BLAS_THREADS (default 1, the service's 2 workers x 1 thread on 2 cores) sets OpenBLAS's thread
# count for every benchmark (OPENBLAS_NUM_THREADS plus the benchmarks' blasThreads parameter).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="$("$root/bin/java-home")"
export PATH="$JAVA_HOME/bin:$PATH"
threads="${BLAS_THREADS:-1}"
export OPENBLAS_NUM_THREADS="$threads"
build="${JMH_BUILD_DIR:-$root/bench/jmh/target}"
(cd "$root/bench/jmh" && mvn -B -q -ntp -Dstyle.color=never -DskipTests -Djmh.build.dir="$build" package) >&2
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) vCPU;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); OpenBLAS threads $threads" >&2
exec java --enable-native-access=ALL-UNNAMED -cp "$build/classes:$(cat "$build/classpath.txt")" \
  cascade.engine.KernelReport -p blasThreads="$threads" "$@"
