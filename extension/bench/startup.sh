#!/usr/bin/env bash
# What the coordscope extension adds to the upstream OpenTelemetry Java agent's start-up: a small
# application that calls one @CoordinationOp method, run N times interleaved under the upstream
# agent alone and under the upstream agent + -Dotel.javaagent.extensions=coordscope-extension.jar.
# Prints the median wall time and CPU time (user + system) of each variant, the difference and the
# ratio. Not a test: figures depend on the machine; on a busy machine CPU time is the steadier one.
#
#   extension/bench/startup.sh [N]   (default N=11; needs: mvn -B -pl extension -am package -DskipTests)
set -euo pipefail

N="${1:-11}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
OTEL_VERSION="$(sed -n 's:.*<opentelemetry-javaagent.version>\(.*\)</opentelemetry-javaagent.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
OTEL_JAR="$ROOT/extension/target/it-agents/opentelemetry-javaagent-$OTEL_VERSION.jar"
EXT_JAR="$ROOT/extension/target/coordscope-extension.jar"
ANNOTATIONS="$ROOT/annotations/target/classes"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for f in "$OTEL_JAR" "$EXT_JAR" "$ANNOTATIONS"; do
  if [[ ! -e "$f" ]]; then
    echo "missing $f: build first with: ./mvnw -B -pl extension -am package -DskipTests" >&2
    exit 1
  fi
done

cat > "$WORK/Hello.java" <<'JAVA'
import io.coordscope.annotations.CoordinationOp;

public class Hello {
  @CoordinationOp(value = "hello", kind = "bench")
  static String hello() {
    return "hello";
  }

  public static void main(String[] args) {
    System.out.println(hello());
  }
}
JAVA
"$JAVAC" -cp "$ANNOTATIONS" -d "$WORK" "$WORK/Hello.java"
CP="$WORK:$ANNOTATIONS"

# "wall_ms cpu_ms" for one run of the given command.
run_ms() {
  local start end cpu
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$WORK/time" env -u JAVA_TOOL_OPTIONS "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/time")
  echo "$(( (end - start) / 1000000 )) $cpu"
}

QUIET=(OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none)
declare -a upstream=() withext=()
for ((i = 0; i < N; i++)); do
  upstream+=("$(run_ms "${QUIET[@]}" "$JAVA" "-javaagent:$OTEL_JAR" -cp "$CP" Hello)")
  withext+=("$(run_ms "${QUIET[@]}" "$JAVA" "-javaagent:$OTEL_JAR" "-Dotel.javaagent.extensions=$EXT_JAR" -cp "$CP" Hello)")
done

# median COLUMN ENTRY...: the median of one column of "wall cpu" entries.
median() {
  local col=$1
  shift
  printf '%s\n' "$@" | awk -v c="$col" '{print $c}' | sort -n \
    | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'
}

uw=$(median 1 "${upstream[@]}"); uc=$(median 2 "${upstream[@]}")
ew=$(median 1 "${withext[@]}"); ec=$(median 2 "${withext[@]}")
echo "upstream agent $OTEL_VERSION, $N interleaved runs each, medians:"
printf '  %-28s wall %6s ms   cpu %6s ms\n' "upstream agent alone" "$uw" "$uc"
printf '  %-28s wall %6s ms   cpu %6s ms\n' "upstream agent + extension" "$ew" "$ec"
awk -v uw="$uw" -v uc="$uc" -v ew="$ew" -v ec="$ec" 'BEGIN {
  printf "  extension adds              wall %+6.0f ms (x%.3f)   cpu %+6.0f ms (x%.3f)\n", ew - uw, ew / uw, ec - uc, ec / uc }'
