#!/usr/bin/env bash
# JVM start-up cost of the agent: a hello-world run N times, interleaved, without an agent, with
# coordscope-agent.jar and (when Maven can fetch it) with the upstream OpenTelemetry Java agent.
# Prints the median wall time and CPU time (user + system, all threads) of each variant and the
# ratios to the plain run. Not a test: figures depend on the machine; compare them only with each
# other. On a busy machine CPU time is the steadier figure.
#
#   javaagent/bench/startup.sh [N]        (default N=15; needs javaagent/target/coordscope-agent.jar)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 javaagent/bench/startup.sh
set -euo pipefail

N="${1:-15}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
AGENT="$ROOT/javaagent/target/coordscope-agent.jar"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [[ ! -f "$AGENT" ]]; then
  echo "missing $AGENT: build it first with: mvn -B -pl javaagent -am package -DskipTests" >&2
  exit 1
fi

cat > "$WORK/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
JAVA
"$JAVAC" -d "$WORK" "$WORK/Hello.java"

OTEL_VERSION="$(sed -n 's:.*<opentelemetry-javaagent.version>\(.*\)</opentelemetry-javaagent.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
OTEL_JAR=""
MVN="$(command -v mvn || echo "$ROOT/mvnw")"
if [[ -n "$OTEL_VERSION" ]] && (cd "$ROOT" && "$MVN" -B -q dependency:copy \
    -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION" \
    -DoutputDirectory="$WORK" -Dmdep.stripVersion=true >/dev/null 2>&1); then
  OTEL_JAR="$WORK/opentelemetry-javaagent.jar"
else
  echo "(upstream OpenTelemetry agent not available: its column is skipped)" >&2
fi

# "wall_ms cpu_ms" for one run of the given command.
run_ms() {
  local start end cpu
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$WORK/time" env -u JAVA_TOOL_OPTIONS "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/time")
  echo "$(( (end - start) / 1000000 )) $cpu"
}

free_port() {
  # A high port unlikely to be in use; the agent only warns if it is.
  echo $(( 20000 + RANDOM % 20000 ))
}

declare -a plain=() coord=() otel=()
# Each entry is "wall cpu"; the medians are taken per column.
for ((i = 0; i < N; i++)); do
  plain+=("$(run_ms "$JAVA" -cp "$WORK" Hello)")
  coord+=("$(run_ms "$JAVA" "-javaagent:$AGENT=metrics.host=127.0.0.1,metrics.port=$(free_port)" -cp "$WORK" Hello)")
  if [[ -n "$OTEL_JAR" ]]; then
    otel+=("$(run_ms OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none \
      "$JAVA" "-javaagent:$OTEL_JAR" -cp "$WORK" Hello)")
  fi
done

# median COLUMN ENTRY...: the median of one column of "wall cpu" entries.
median() {
  local col=$1
  shift
  printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -n \
    | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}

row() {
  local name=$1
  shift
  local w c
  w=$(median 1 "$@")
  c=$(median 2 "$@")
  printf '%-34s %9s %7s %9s %7s\n' "$name" "$w" "$(ratio "$w" "$base_wall")" "$c" "$(ratio "$c" "$base_cpu")"
}

base_wall=$(median 1 "${plain[@]}")
base_cpu=$(median 2 "${plain[@]}")
echo "java: $("$JAVA" -version 2>&1 | head -1); runs per variant: $N (interleaved); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "agent jar: $AGENT ($(du -k "$AGENT" | cut -f1) KiB)"
printf '%-34s %9s %7s %9s %7s\n' variant "wall ms" ratio "cpu ms" ratio
row "no agent" "${plain[@]}"
row "coordscope-agent.jar" "${coord[@]}"
if [[ -n "$OTEL_JAR" ]]; then
  row "opentelemetry-javaagent $OTEL_VERSION" "${otel[@]}"
fi
