#!/usr/bin/env bash
# File benchmark (issue 4 §6): `identify` of a 2 MiB image and `extract` from a ~20 MiB EXE, in-process
# (JMH, dev.odflash.emulator.bench.FileBenchmark) and through the CLI (`./odflash identify|extract`,
# hyperfine when installed, else a loop of /usr/bin/time runs, median of RUNS). Prints a table; asserts
# nothing about time (benchmarks are benchmarks). Inputs are built here, never committed:
#   image-2m.bin     synthetic MT1959 image (the emulator's generator, FileBenchmark's image)
#   updater-20m.exe  cli/src/test/resources/fixtures/updater-rcdata.exe (the image as RCDATA) with an
#                    incompressible overlay appended up to 20 MiB, as vendor updaters carry payloads
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
RUNS=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -q -ntp -pl core,emulator test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" -Dmdep.appendOutput=true
cp="emulator/target/test-classes:emulator/target/classes:$(tr '\n' ':' < "$work/cp")"

image="$work/image-2m.bin"
exe="$work/updater-20m.exe"
"$JAVA_HOME/bin/java" -cp "$cp" dev.odflash.emulator.bench.BenchImage "$image"
fixture=cli/src/test/resources/fixtures/updater-rcdata.exe
cp "$fixture" "$exe"
pad=$(( (20 << 20) - $(stat -c %s "$fixture") ))
# AES-CTR keystream: deterministic, incompressible bytes (a real updater's payload is compressed)
head -c "$pad" /dev/zero | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f \
  -iv 00000000000000000000000000000000 >> "$exe"

echo "inputs: $(stat -c %s "$image") byte image, $(stat -c %s "$exe") byte EXE; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "in-process (JMH, 1 fork, 3x2 s warm-up, 5x2 s measured):"
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main -p exe="$exe" -rf json -rff "$work/jmh.json" \
  dev.odflash.emulator.bench.FileBenchmark > "$work/jmh.log" 2>&1 || { tail -n 30 "$work/jmh.log"; exit 1; }
awk '$1 ~ /^FileBenchmark\./ {printf "  %-28s %10s ± %-8s %s\n", $1, $(NF-3), $(NF-1), $NF}' "$work/jmh.log"

# the CLI: build the jar once (./odflash builds on first use), then time whole runs, JVM start included
./odflash --version >/dev/null
check_exit() { # $1 = expected exit, rest = command; one untimed run so a failure is not timed silently
  local want=$1; shift; local rc=0; "$@" >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq "$want" ] || { echo "$* exited $rc, expected $want" >&2; exit 1; }
}
check_exit 0 ./odflash identify "$image"
check_exit 0 ./odflash extract "$exe" -o "$work/out"
declare -A cli_median
if command -v hyperfine >/dev/null; then
  echo "through the CLI (hyperfine, 1 warm-up, $RUNS runs; JVM start-up included):"
  # -N: no intermediate shell; --prepare clears the output directory (extract never overwrites) untimed
  hyperfine -N --warmup 1 --runs "$RUNS" --prepare "rm -rf $work/out" --export-json "$work/hf.json" \
    -n identify "./odflash identify $image" \
    -n extract "./odflash extract $exe -o $work/out" | sed 's/^/  /'
  for n in identify extract; do
    cli_median[$n]=$(python3 -c "import json,sys;r=[x for x in json.load(open('$work/hf.json'))['results'] if x['command']=='$n'][0];print('%.0f'%(r['median']*1000))")
  done
else
  echo "through the CLI (/usr/bin/time, $RUNS runs, median; JVM start-up included):"
  for n in identify extract; do
    for i in $(seq "$RUNS"); do
      rm -rf "$work/out"
      if [ $n = identify ]; then args=(identify "$image"); else args=(extract "$exe" -o "$work/out"); fi
      /usr/bin/time -f %e -o "$work/t" ./odflash "${args[@]}" >/dev/null 2>&1 || true
      cat "$work/t"
    done | sort -n | awk '{a[NR]=$1} END {printf "%.0f\n", a[int((NR+1)/2)]*1000}' > "$work/median"
    cli_median[$n]=$(cat "$work/median")
  done
fi

jmh_ms() { python3 -c "import json;r=[x for x in json.load(open('$work/jmh.json')) if x['benchmark'].endswith('$1')][0]['primaryMetric'];print('%.1f ± %.1f'%(r['score'],r['scoreError']))"; }
echo
printf '%-10s %-22s %22s %18s\n' operation input "in-process ms (JMH)" "CLI ms (median)"
printf '%-10s %-22s %22s %18s\n' identify "2 MiB MT1959 .bin" "$(jmh_ms identify2MiB)" "${cli_median[identify]}"
printf '%-10s %-22s %22s %18s\n' extract "20 MiB updater .exe" "$(jmh_ms extract20MiB)" "${cli_median[extract]}"
