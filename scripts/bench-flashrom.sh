#!/usr/bin/env bash
# Issue 15 §5: odflash through libflashrom against the flashrom CLI on libflashrom's dummy programmer, per image
# pair (the planner benchmark's version pairs plus seeded pairs with scattered small edits): erases of each (from
# libflashrom's debug log), wall times, and the plan's predicted time and lower bound. Needs libflashrom1 and
# flashrom (scripts/deps.sh). Prints a table; nothing is timed against a threshold.
# Usage: scripts/bench-flashrom.sh [RANDOM_PAIRS]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -ntp -pl cli -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" -Dmdep.appendOutput=true
cp="cli/target/test-classes:cli/target/classes:native/target/classes:emulator/target/classes:core/target/classes:$(tr '\n' ':' < "$cp_file")"
# the benchmark's child runs of odflash take the same class path
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djava.class.path="$cp" -cp "$cp" \
  dev.odflash.cli.FlashromBenchmark "$@"
