#!/usr/bin/env bash
# The README's main job: build the chaos agent and samples/order-service, start the service under the agent, run the
# inventory-outage experiment against it with the agent's CLI (live progress), print the verdict, the MTTR and the
# path of the HTML report, stop the service, and exit with the experiment's exit code (0: the hypothesis holds,
# 1: an SLO was violated, 2: aborted, 3: invalid experiment or unreachable service).
#
#   ./demo.sh                    the inventory-outage experiment on samples/order-service
#   ./demo.sh quickstart [n]     the plain-Java quickstart (samples/quickstart) under the agent, n orders (20)
#
# Environment: DEMO_SKIP_BUILD=1 uses what is built; DEMO_AGENT_JAR=<jar> another agent jar; DEMO_EXPERIMENT=<file> runs another experiment file (one of
# samples/order-service/experiments/); DEMO_REPORT_DIR=<dir> puts the reports there
# (default samples/order-service/target/demo-reports); JAVA_HOME selects the JDK (the CLI needs a JDK: jdk.attach).
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

version=0.1.0-SNAPSHOT
agent="${DEMO_AGENT_JAR:-$root/chaos-agent/target/chaos-agent-$version.jar}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

build() {
    if [ "${DEMO_SKIP_BUILD:-}" = 1 ]; then
        return
    fi
    echo ">>> building chaos-agent and $1 (mvn -q package -DskipTests)"
    mvn -B -ntp -q -DskipTests -pl "$1" -am package
}

if [ "${1:-}" = quickstart ]; then
    orders="${2:-20}"
    sample=samples/quickstart
    build "$sample"
    echo ">>> running the quickstart under the agent with $sample/fault-plan.txt"
    exec "$java" -javaagent:"$agent=enabled=true;config=$sample/fault-plan.txt" \
         -cp "$sample/target/classes:$sample/target/lib/*" \
         dev.chaosmonkey.samples.quickstart.QuickstartDemo "$orders"
fi
if [ $# -gt 0 ]; then
    echo "usage: ./demo.sh | ./demo.sh quickstart [orders]" >&2
    exit 3
fi

sample=samples/order-service
experiment="${DEMO_EXPERIMENT:-$sample/experiments/inventory-outage.yaml}"
report_dir="${DEMO_REPORT_DIR:-$sample/target/demo-reports}"
start_time=$(date +%s)

build "$sample"
if ! "${JAVA_HOME:+$JAVA_HOME/bin/}jar" tf "$agent" 2>/dev/null | grep -q 'dev/chaosmonkey/agent/internal/ExperimentCli.class'; then
    echo "demo: $agent has no 'experiment' command; build it from a tree that has chaos-experiment" >&2
    echo "      (./demo.sh quickstart runs the plain-Java sample under this agent)" >&2
    exit 3
fi
name=$(sed -n 's/^name:[[:space:]]*//p' "$experiment" | head -1)
if [ -z "$name" ]; then
    echo "demo: $experiment has no name" >&2
    exit 3
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/chaos-demo.XXXXXX")
service=
stop_service() {
    if [ -n "$service" ] && kill -0 "$service" 2>/dev/null; then
        echo ">>> stopping the service (pid $service)"
        kill "$service" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$service" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$service" 2>/dev/null || true
    fi
    service=
}
trap 'stop_service; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo ">>> starting $sample under the chaos agent (log: $sample/target/demo-service.log)"
mkdir -p "$sample/target"
"$java" -javaagent:"$agent=enabled=true" -Xmx512m \
    -cp "$sample/target/classes:$sample/target/lib/*" dev.chaosmonkey.samples.orders.OrderServiceApplication \
    --server.port=0 --orders.ready-file="$work/ready" > "$sample/target/demo-service.log" 2>&1 &
service=$!
for _ in $(seq 1 900); do
    [ -f "$work/ready" ] && break
    if ! kill -0 "$service" 2>/dev/null; then
        echo "demo: the service exited during start-up; last lines of its log:" >&2
        tail -20 "$sample/target/demo-service.log" >&2
        service=
        exit 3
    fi
    sleep 0.2
done
if [ ! -f "$work/ready" ]; then
    echo "demo: the service did not start within 180 s; see $sample/target/demo-service.log" >&2
    exit 3
fi
port=$(sed -n 's/^port=//p' "$work/ready")
echo "    service up on http://127.0.0.1:$port (pid $service) after $(( $(date +%s) - start_time )) s"

# a fresh JVM answers its first requests slowly (class loading, JIT): warm the probed path before the baseline
for _ in $(seq 1 20); do
    curl -s -m 5 "http://127.0.0.1:$port/stock/sku-1" > /dev/null || true
done

# the experiment files probe the service's default port, 8080: point this run at the port it got
sed "s#127\.0\.0\.1:8080#127.0.0.1:$port#g" "$experiment" > "$work/$name.yaml"

echo ">>> java -jar chaos-agent.jar experiment $service $experiment --report-dir $report_dir"
set +e
"$java" -jar "$agent" experiment "$service" "$work/$name.yaml" --report-dir "$report_dir"
code=$?
set -e
stop_service

journal="$report_dir/$name.journal.json"
html="$report_dir/$name.html"
case $code in
    0) outcome="the hypothesis holds" ;;
    1) outcome="SLO violated" ;;
    2) outcome="aborted" ;;
    *) outcome="invalid experiment or unreachable service" ;;
esac
detail=
mttr=n/a
if [ -f "$journal" ]; then
    detail=$(grep -oE '"verdict"[[:space:]]*:[[:space:]]*"([^"\\]|\\.)*"' "$journal" | head -1 \
        | sed -E 's/^"verdict"[[:space:]]*:[[:space:]]*"//; s/"$//; s/\\"/"/g') || true
    millis=$(grep -oE '"mttrMillis"[[:space:]]*:[[:space:]]*[0-9]+' "$journal" | head -1 | grep -oE '[0-9]+$') || true
    [ -n "$millis" ] && mttr="$millis ms"
fi
echo
[ "$code" = 0 ] && detail=
echo "verdict: $outcome (exit $code)${detail:+ - $detail}"
echo "MTTR: $mttr"
if [ -f "$html" ]; then
    echo "report: $(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
fi
echo "demo took $(( $(date +%s) - start_time )) s"
exit "$code"
