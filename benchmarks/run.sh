#!/usr/bin/env bash
# Reproduces the tables of BENCHMARKS.md: builds chaos-core, the agent (when the module exists) and this module,
# then runs every measurement in one go. Results: benchmarks/target/results/results.md (+ jmh.log).
#
#   benchmarks/run.sh                      # short configuration (~10-15 min on 2 cores)
#   benchmarks/run.sh --forks=2 --iterations=10 --seconds=2 --startup-runs=11   # longer, less noise
#   CHAOS_AGENT_JAR=/path/to/chaos-agent.jar benchmarks/run.sh --parts=woven
#   benchmarks/run.sh --parts=boot      # Spring Boot app (benchmarks/boot-app) start-up, ~4-5 min
#   benchmarks/run.sh --parts=cds       # the same from a CDS archive (JDK 25: also the AOT cache), ~3-5 min
#   benchmarks/run.sh --parts=arm       # arming the first rules in the running app, ~1-2 min
#
# Options are BenchmarkSuite's (--parts=core,woven,clients,spring,contention,startup,delay,release,boot,cds,
# arm --forks= --warmup-iterations= --iterations= --warmup-seconds= --seconds= --startup-runs= --delay-samples=
# --release-rounds= --boot-runs= --cds-runs= --arm-runs=). JAVA_HOME selects the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

modules=benchmarks/boot-app,benchmarks
if [[ -z "${CHAOS_AGENT_JAR:-}" && -d chaos-agent ]]; then
  modules=chaos-agent,$modules
fi
echo "building $modules (tests skipped)..."
mvn -B -ntp -q -pl "$modules" -am package -DskipTests

agent="${CHAOS_AGENT_JAR:-}"
if [[ -z "$agent" ]]; then
  # the main artifact (no classifier) is the shaded agent
  agent=$(ls chaos-agent/target/chaos-agent-*.jar 2>/dev/null \
    | grep -Ev -- '-(sources|javadoc|tests|shaded)\.jar$' | grep -v '/original-' | head -1 || true)
fi
if [[ -n "$agent" ]] && command -v unzip >/dev/null && ! unzip -p "$agent" META-INF/MANIFEST.MF | grep -q Premain-Class; then
  echo "$agent has no Premain-Class: not an agent jar" >&2
  exit 1
fi
if [[ -n "$agent" ]]; then echo "chaos agent: $agent"; else echo "chaos agent: none (woven rows will be 'not measured')"; fi

target="$root/benchmarks/target"
out="$target/results"
mkdir -p "$out"
cp_runtime="$target/classes:$(cat "$target/classpath-runtime.txt")"
cp_spring="$target/classes:$(cat "$target/classpath-spring.txt")"
boot_app="$root/benchmarks/boot-app/target/boot-app.jar"   # parts boot, cds, arm
otel="$target/agents/opentelemetry-javaagent.jar"          # part boot, for scale

"$java_bin" -cp "$cp_runtime" dev.chaosmonkey.benchmarks.BenchmarkSuite \
  --agent="$agent" --byteman="$target/agents/byteman.jar" --spring-classpath="$cp_spring" \
  --boot-app="$boot_app" --otel-agent="$otel" --out="$out" "$@" \
  2>&1 | tee "$out/jmh.log"
