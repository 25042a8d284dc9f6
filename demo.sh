#!/usr/bin/env bash
# The README's main job: build the agent and the quickstart sample, then run the sample's order flow under the
# chaos agent with the fault plan in samples/quickstart/fault-plan.txt.
#   ./demo.sh [orders]        (default 20 orders)
set -euo pipefail
cd "$(dirname "$0")"

orders="${1:-20}"
version=0.1.0-SNAPSHOT
agent="chaos-agent/target/chaos-agent-$version.jar"
sample=samples/quickstart

echo ">>> building chaos-agent and the quickstart sample (mvn -q package -DskipTests)"
mvn -B -ntp -q -DskipTests -pl "$sample" -am package

echo ">>> running the quickstart under the agent with $sample/fault-plan.txt"
exec java -javaagent:"$agent=enabled=true;config=$sample/fault-plan.txt" \
     -cp "$sample/target/classes:$sample/target/lib/*" \
     dev.chaosmonkey.samples.quickstart.QuickstartDemo "$orders"
