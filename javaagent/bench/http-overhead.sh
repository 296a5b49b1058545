#!/usr/bin/env bash
# Per-request cost of the HTTP propagation instrumentation: the same loopback HttpClient ->
# HttpServer loop without and with the agent (spans created, not exported). A benchmark, not a
# test: figures depend on the machine; compare the two lines of one run.
# Usage: javaagent/bench/http-overhead.sh [WARMUP MEASURED ROUNDS]   (after ./mvnw -pl javaagent -am verify)
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${1:-2000} MEASURED=${2:-2000} ROUNDS=${3:-5}
CP=target/test-classes
MAIN=io.coordscope.agent.bench.HttpOverheadBench
off=$(java -cp "$CP" "$MAIN" "$WARMUP" "$MEASURED" "$ROUNDS" | awk '{print $2}')
on=$(java -javaagent:target/coordscope-agent.jar=traces.exporter=none,metrics.port=0,log.level=warn -cp "$CP" "$MAIN" "$WARMUP" "$MEASURED" "$ROUNDS" 2>/dev/null | awk '{print $2}')
echo "without agent: ${off} us/request"
echo "with agent:    ${on} us/request"
awk -v a="$off" -v b="$on" 'BEGIN { printf "cost: %.1f us/request (ratio %.2f)\n", b - a, b / a }'
