#!/usr/bin/env bash
# Start-up cost of metrics.exporter=otlp: a hello-world run N times with coordscope-agent.jar,
# interleaved, with the default metrics (the endpoint) and with the OTLP push enabled (to a port
# nobody listens on, so no collector is needed). Prints per variant the median wall time and the
# median "telemetry started in" figure the agent logs at debug level, and the ratios. Not a test:
# compare the figures only with each other, and give the load average with them.
#
#   javaagent/bench/otlp-metrics-startup.sh [N]   (default N=9; needs javaagent/target/coordscope-agent.jar)
set -euo pipefail

N="${1:-9}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
AGENT="$ROOT/javaagent/target/coordscope-agent.jar"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[[ -f "$AGENT" ]] || { echo "missing $AGENT: mvn -B -pl javaagent -am package -DskipTests" >&2; exit 1; }

cat > "$WORK/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
JAVA
"$JAVAC" -d "$WORK" "$WORK/Hello.java"

BASE="metrics.port=0,traces.exporter=none,metrics.runtime=false,log.level=debug"
declare -A ARGS=([endpoint]="$BASE" [otlp]="$BASE,metrics.exporter=otlp,otlp.metrics.endpoint=http://127.0.0.1:9/v1/metrics")
for v in endpoint otlp; do : > "$WORK/$v.wall"; : > "$WORK/$v.build"; done

echo "load before: $(uptime)"
for ((i = 0; i < N; i++)); do
  for v in endpoint otlp; do
    s=$(date +%s%N)
    "$JAVA" "-javaagent:$AGENT=${ARGS[$v]}" -cp "$WORK" Hello >/dev/null 2>"$WORK/err"
    e=$(date +%s%N)
    echo $(((e - s) / 1000000)) >> "$WORK/$v.wall"
    sed -n 's/.*telemetry started in \([0-9]*\) ms.*/\1/p' "$WORK/err" >> "$WORK/$v.build"
  done
done
echo "load after:  $(uptime)"

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}'; }
for v in endpoint otlp; do
  printf '%-9s wall %6s ms   telemetry build %6s ms\n' "$v" "$(median "$WORK/$v.wall")" "$(median "$WORK/$v.build")"
done
awk -v a="$(median "$WORK/endpoint.wall")" -v b="$(median "$WORK/otlp.wall")" \
    -v c="$(median "$WORK/endpoint.build")" -v d="$(median "$WORK/otlp.build")" \
    'BEGIN { printf "ratio otlp/endpoint: wall %.2f, telemetry build %.2f\n", b / a, (c ? d / c : 0) }'
