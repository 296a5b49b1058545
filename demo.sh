#!/usr/bin/env bash
# The quickstart demo: builds coordscope, runs a small work-queue dispatcher with the agent
# attached through JAVA_TOOL_OPTIONS (no code changes), and the sidecar beside it.
# Usage: ./demo.sh            run until Ctrl-C
#        DEMO_SECONDS=60 ./demo.sh   stop by itself
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -q -B -DskipTests package

agent="$PWD/javaagent/target/coordscope-agent.jar"
app="$PWD/sample-apps/quickstart/target/quickstart-dispatcher.jar"
sidecar="$PWD/sidecar/target/coordscope-sidecar.jar"
seconds="${DEMO_SECONDS:-}"

logs="$PWD/target/demo"
mkdir -p "$logs"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Spans go to stderr (logging exporter) unless an OTLP endpoint is given, e.g.
# OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 ./demo.sh
if [ -z "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then export OTEL_TRACES_EXPORTER="${OTEL_TRACES_EXPORTER:-logging}"; fi

JAVA_TOOL_OPTIONS="-javaagent:$agent=service.name=quickstart-dispatcher" \
  java -jar "$app" ${seconds:+"$seconds"} > "$logs/app.log" 2>&1 &
pids+=($!)
java -jar "$sidecar" --state.file="$logs/alert-state.json" > "$logs/sidecar.log" 2>&1 &
pids+=($!)

cat <<TXT
coordscope demo running (logs: target/demo/app.log with the spans, target/demo/sidecar.log)
  agent metrics     http://localhost:9464/metrics
  sidecar metrics   http://localhost:9465/metrics
  sidecar targets   http://localhost:9465/api/v1/targets
  sidecar alerts    http://localhost:9465/api/v1/alerts
  PromQL query      http://localhost:9465/api/v1/query?query=sum+by+(operation,outcome)(rate(coordination_operation_duration_seconds_count[1m]))
Press Ctrl-C to stop.
TXT

if [ -n "$seconds" ]; then
  sleep "$seconds"
  echo "--- coordination metrics after ${seconds}s ---"
  curl -fsS http://localhost:9464/metrics | grep -E '^coordination_(operation_duration_seconds_count|kpi_value)' || true
  echo "--- what the sidecar scraped (up, and per-operation call rates over 1m) ---"
  if [ "$seconds" -lt 40 ]; then echo "(it scrapes every 15 s and a rate needs two scrapes: run 40 s or more to see rates)"; fi
  curl -fsS 'http://localhost:9465/api/v1/query?query=up' || true
  echo
  curl -fsS 'http://localhost:9465/api/v1/query?query=sum+by+(operation,outcome)(rate(coordination_operation_duration_seconds_count%5B1m%5D))' || true
  echo
else
  wait "${pids[0]}"
fi
