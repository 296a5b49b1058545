#!/usr/bin/env bash
# coordscope demo: a coordinator, workers, a Spring Boot lease ledger and a load driver, each with
# the agent attached through JAVA_TOOL_OPTIONS; the sidecar with a KPI registry and the shipped
# rules; a fault injected after a while and cleared later, watched live. Needs only a JDK 17+.
#
#   ./demo.sh                      run until Ctrl-C (every process it started is stopped)
#   DEMO_SECONDS=180 ./demo.sh     stop by itself
#   OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 ./demo.sh   spans to your trace backend
# More settings (DEMO_FAULT_AT, DEMO_FAULT_SECONDS, DEMO_FAULT, DEMO_PORT_BASE, ...): sample-apps/README.md
set -euo pipefail
cd "$(dirname "$0")"

jars=(javaagent/target/coordscope-agent.jar sidecar/target/coordscope-sidecar.jar
      sample-apps/coordinator/target/sample-coordinator.jar sample-apps/worker/target/sample-worker.jar
      sample-apps/ledger/target/sample-ledger.jar sample-apps/load-driver/target/sample-load-driver.jar
      sample-apps/demo/target/coordscope-demo.jar)
missing=0
for j in "${jars[@]}"; do [ -f "$j" ] || missing=1; done
if [ "$missing" = 1 ]; then
  echo "building coordscope and the sample apps (first run only; ./mvnw fetches Maven and the dependencies) ..."
  ./mvnw -q -B -DskipTests -pl sample-apps/demo -am package
fi

# The live view redraws in place on a terminal, and prints plain lines otherwise.
if [ -t 1 ]; then export DEMO_TTY=1; fi
# The launcher itself runs without the agent.
exec env -u JAVA_TOOL_OPTIONS java -cp sample-apps/demo/target/coordscope-demo.jar io.coordscope.samples.demo.Demo
