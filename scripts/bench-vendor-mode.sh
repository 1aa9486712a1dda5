#!/usr/bin/env bash
# Vendor-mode benchmark (issue 14 §5): simulated device time of a backup, a flash 1.10 -> 1.20 and a full rewrite
# on both register-level emulated drives (emu:asus-crw-5224a, SST39SF040; emu:mtk8051-spi, MX25L2005), against the
# lower bound and JungleFlasher's procedure in the same cost model (dev.odflash.cli.VendorModeBench, in cli's test
# classes). Prints a table per part; asserts nothing about time.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mvnw -B -q -ntp -pl cli -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" -Dmdep.appendOutput=true
cp="cli/target/test-classes:cli/target/classes:core/target/classes:emulator/target/classes:native/target/classes:$(tr '\n' ':' < "$work/cp")"
"$JAVA_HOME/bin/java" -cp "$cp" dev.odflash.cli.VendorModeBench
