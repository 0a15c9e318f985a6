#!/usr/bin/env bash
# Builds and runs the JMH benchmarks; arguments go to JMH (e.g. a benchmark name regex, -f 1 -wi 1 -i 3).
# Results: integration-tests/target/jmh-result.json. Needs ../shared/datasets for GeneratorBenchmark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl integration-tests -am package -DskipTests
cp="integration-tests/target/classes:$(cat integration-tests/target/bench-classpath.txt)"
exec java -Dsurrogate.datasets="${SURROGATE_DATASETS:-$root/../shared/datasets}" -cp "$cp" \
  org.openjdk.jmh.Main -rf json -rff integration-tests/target/jmh-result.json "$@"
