#!/usr/bin/env bash
# Short, bounded Jazzer run of every fuzz target (issue 4 §5): each target fuzzes for its
# @FuzzTest(maxDuration) (30 s) in its own JVM, started through dev.odflash.fuzz.FuzzLauncher (a Maven
# run per target would add ~20 s each). Prints per target the executions and findings, then
# `N passed, N failed`; exits non-zero on any crash or broken property (slow inputs are reported, not
# failed). Run by .ci/run after the unit tests.
# Longer by hand: `scripts/fuzz-short.sh --rounds 20` repeats every target (the generated corpus in
# .cifuzz-corpus/ carries over between rounds), or `scripts/fuzz-short.sh Class#method` for one.
# A finding's input is written by Jazzer under src/test/resources/<pkg>/<Class>Inputs/<method>/; commit it
# once fixed, and it replays in every `./mvnw verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
rounds=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    dev.odflash.image.ImageFuzzTest#identifyBytes
    dev.odflash.image.ImageFuzzTest#identifyLaidOut
    dev.odflash.image.ImageFuzzTest#loadFile
    dev.odflash.image.IntelHexFuzzTest#parseText
    dev.odflash.image.extract.ExtractorFuzzTest#extractBytes
    dev.odflash.emulator.fuzz.FirmwareFuzzTest#identifyPatched
    dev.odflash.emulator.fuzz.FirmwareFuzzTest#hexOfImageRoundTrips
    dev.odflash.emulator.fuzz.FirmwareFuzzTest#parsedTextRoundTrips
    dev.odflash.cli.ExtractFixtureFuzzTest#extractMutatedFixture
  )
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One build: test classes of every module, and the union of their test classpaths (one set of versions,
# from the parent pom's dependencyManagement; reactor modules resolve to their target/classes).
./mvnw -B -q -ntp -pl cli -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" -Dmdep.appendOutput=true
cp="core/target/test-classes:emulator/target/test-classes:cli/target/test-classes:cli/target/classes"
cp="$cp:$(tr '\n' ':' < "$work/cp")"

passed=0
failed=0
printf '%-60s %10s %8s %s\n' target executions findings result
for round in $(seq 1 "$rounds"); do
  for t in "${targets[@]}"; do
    log="$work/$(echo "$t" | tr '#' '.').$round.log"
    case "$t" in dev.odflash.cli.*) module=cli ;; dev.odflash.emulator.*) module=emulator ;; *) module=core ;; esac
    touch "$work/stamp"
    rc=0
    # -XX:+EnableDynamicAgentLoading: Jazzer attaches its agent at run time (docs/build-notes.md §3). Each JVM's
    # RSS is 1.3-2 GB, so targets run one after another.
    # jazzer.internal.basedir (what Jazzer's Maven integration sets): the module whose src/test/resources
    # receives a finding's input, next to the target's seeds; without it Jazzer drops it in the cwd.
    JAZZER_FUZZ=1 "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
      -Djazzer.internal.basedir="$PWD/$module" -cp "$cp" dev.odflash.fuzz.FuzzLauncher "$t" >"$log" 2>&1 || rc=$?
    # libFuzzer ends with "Done N runs in S second(s)"; after a finding it stops at the last "#N" status line.
    execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    # a crash or a broken property fails the target; an input slower than libFuzzer's 10 s limit is
    # reported (and its input kept) but does not fail it: on a loaded 2-core machine that limit is
    # timing-dependent, and a CI run must not turn red by chance
    findings=$(grep 'Test unit written to' "$log" | grep -vc 'slow-unit' || true)
    slow=$(grep 'Test unit written to' "$log" | grep -c 'slow-unit' || true)
    [ "$slow" -eq 0 ] || echo "    note: $slow input(s) slower than 10 s for $t (kept next to its seeds; look at them)"
    if [ "$rc" -eq 0 ] && [ "$findings" -eq 0 ] && [ -n "$execs" ]; then
      passed=$((passed + 1)); result=ok
    else
      failed=$((failed + 1)); result="FAILED (exit $rc)"
      cp "$log" "${TMPDIR:-/tmp}/fuzz-$(basename "$log")"
    fi
    printf '%-60s %10s %8s %s\n' "$t" "${execs:-?}" "$findings" "$result"
    if [ "$result" != ok ]; then
      grep -m 3 -B 2 -A 8 'Caused by\|^== Java Exception' "$log" | sed 's/^/    /' || tail -n 20 "$log" | sed 's/^/    /'
      echo "    full log: ${TMPDIR:-/tmp}/fuzz-$(basename "$log")"
      find "$module" . -maxdepth 8 -name 'crash-*' -newer "$work/stamp" -printf '    input: %p\n' 2>/dev/null | sort -u
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
