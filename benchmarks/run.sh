#!/usr/bin/env bash
# Runs every benchmark of this module and writes one markdown table: benchmarks/target/results.md.
#   1. builds what is measured (the agent, the extension, the Spring Boot ledger, this module and
#      the upstream OpenTelemetry agent it copies from Maven Central); SKIP_BUILD=1 skips that;
#   2. the start-up benchmark (io.coordscope.benchmarks.startup.StartupBench), STARTUP_ARGS passed
#      through, e.g. STARTUP_ARGS="--runs 9 --apps hello";
#   3. the JMH per-call benchmarks in target/benchmarks.jar, JMH_ARGS passed through (a message if
#      the jar is absent).
# Nothing here judges a figure: read benchmarks/README.md for how to read them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=benchmarks/target/results.md
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl javaagent,extension,sample-apps/ledger,benchmarks -am package -DskipTests
fi
mkdir -p benchmarks/target

echo "# coordscope benchmarks" > "$OUT"
echo >> "$OUT"
# shellcheck disable=SC2086
"$JAVA" -cp benchmarks/target/classes io.coordscope.benchmarks.startup.StartupBench \
  --root "$ROOT" --out benchmarks/target/startup-results.md ${STARTUP_ARGS:-}
cat benchmarks/target/startup-results.md >> "$OUT"

echo >> "$OUT"
echo "## Per call (JMH)" >> "$OUT"
echo >> "$OUT"
JMH_JAR=benchmarks/target/benchmarks.jar
if [ -f "$JMH_JAR" ]; then
  # Forks and iterations sized for a 2-core machine; GC profiler on for the allocation rate.
  # shellcheck disable=SC2086
  "$JAVA" -jar "$JMH_JAR" ${JMH_ARGS:--f 2 -wi 3 -w 2s -i 5 -r 2s -prof gc} -rf text -rff benchmarks/target/jmh.txt
  { echo '```'; cat benchmarks/target/jmh.txt; echo '```'; } >> "$OUT"
else
  echo "JMH benchmarks not run: $JMH_JAR is absent (it is built by this module's package phase once the JMH benchmarks exist)." | tee -a "$OUT"
fi
echo "results: $OUT"
