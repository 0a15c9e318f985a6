#!/usr/bin/env bash
# Builds and runs the benchmarks.
#   bench.sh [JMH args]                  JMH benchmarks (e.g. a name regex, -f 1 -wi 1 -i 3);
#                                        results: integration-tests/target/jmh-result.json
#   bench.sh side-by-side [--out FILE]   Surrogate next to its baselines in one run (needs PostgreSQL on
#                                        127.0.0.1:5432); prints a table, writes JSON (default
#                                        integration-tests/target/side-by-side.json); --rows, --queries,
#                                        --warm-queries, --rounds, --fetch-size, --pg-url, --pg-user, --proxy-heap (512m),
#                                        --proxy-java-opts, --proxy-args (e.g. '--source-connections 0') adjust it.
#   bench.sh train-memory [--heap 1g] [--generators copula,cart] [--rows 5000000] [--max-training-rows N|all]
#                                        trains each generator in its own JVM with that -Xmx on a generated
#                                        table in PostgreSQL (127.0.0.1:5432, schema bench_trainmem, created once);
#                                        prints time, peak RSS and the ledger's sample line; --drop removes the table
# Needs ../shared/datasets for GeneratorBenchmark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl integration-tests -am package -DskipTests
cp="integration-tests/target/classes:$(cat integration-tests/target/bench-classpath.txt)"
if [ "${1:-}" = side-by-side ]; then
  shift
  exec java -Xmx2g -cp "$cp" io.surrogate.bench.SideBySide "$@"
fi
if [ "${1:-}" = train-memory ]; then
  shift
  heap=1g generators=copula,cart args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --heap) heap="$2"; shift 2 ;;
      --generators) generators="$2"; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  status=0
  for g in ${generators//,/ }; do
    java -Xmx"$heap" -cp "$cp" io.surrogate.bench.TrainMemory --generator "$g" "${args[@]}" || status=1
  done
  exit $status
fi
# ND4J (vae fits) reads OMP_NUM_THREADS before the JVM starts; 1 thread is fastest on small machines.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Dsurrogate.datasets="${SURROGATE_DATASETS:-$root/../shared/datasets}" -cp "$cp" \
  org.openjdk.jmh.Main -rf json -rff integration-tests/target/jmh-result.json "$@"
