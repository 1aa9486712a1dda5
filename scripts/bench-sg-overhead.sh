#!/usr/bin/env bash
# SG_IO transport overhead on the host (issue 16 §3): what SgTransport costs a command outside the kernel,
# over a LinuxIo whose SG_IO returns at once (dev.odflash.nativeio.linux.SgOverheadBench, a test-scope main).
# Runs it under the launcher's JIT setting (-XX:TieredStopAtLevel=1, what ./odflash passes) and the JVM default,
# and prints nanoseconds a command (medians). Figures only; the guest benchmark of the kernel test compares the
# whole command with sg3-utils. Usage: scripts/bench-sg-overhead.sh [COMMANDS-A-ROUND [REPS [WARMUPS]]]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
./mvnw -B -q -ntp -o -pl native -am test-compile
cp=native/target/test-classes:native/target/classes:core/target/classes
for jit in launcher tiered; do
  opts=(); [ $jit = launcher ] && opts=(-XX:TieredStopAtLevel=1)
  printf '%-9s ' "$jit"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC "${opts[@]}" -cp "$cp" \
    dev.odflash.nativeio.linux.SgOverheadBench "$@"
done
