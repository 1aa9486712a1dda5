#!/usr/bin/env bash
# Builds core and emulator (with test classes) and runs the flash-plan benchmark (issue 3 §5):
# odflash's plan vs the lower bound vs a naive whole-chip rewrite, in simulated device time.
# Prints a table; nothing is timed against a threshold.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# test-compile builds both modules in the reactor; build-classpath (maven-dependency-plugin, pinned in the
# parent pom) then lists the emulator's test classpath, with core resolved to core/target/classes.
./mvnw -B -q -ntp -pl core,emulator test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" -Dmdep.appendOutput=true
cp="emulator/target/test-classes:emulator/target/classes:$(tr '\n' ':' < "$cp_file")"
exec "$JAVA_HOME/bin/java" -cp "$cp" dev.odflash.emulator.bench.PlanBenchmark "$@"
