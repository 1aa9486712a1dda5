#!/usr/bin/env bash
# Start-up benchmark (issue 18): whole processes, side by side in one run, each also as a ratio to
# `java -version` of the same JDK:
#   odflash --version | odflash info --device emu:asus-crw-5224a | odflash identify FILE
# for the clone's launcher (./odflash: stamp check, then the shaded jar on the full JDK) and for the
# runtime image (its launcher: jlink image, AOT cache). Prints median wall time and mean CPU time
# (user + system) per command. Targets (issue 18): the image's --version at most 150 ms median over
# 40 runs; its info at most half the CPU time of the clone's. The machine is shared: figures move by
# +-20 % between runs, so compare columns of one run.
# Usage: scripts/bench-startup.sh [IMAGE_DIR]   IMAGE_DIR: an unpacked release archive or /usr/lib/odflash
#        (default: /usr/lib/odflash if installed, else the archive scripts/package-deb.sh leaves in
#        target/package). BENCH_RUNS (default 40), BENCH_WARMUP (default 5), BENCH_HYPERFINE=0 (skip the
#        hyperfine column, which runs every command as often again). BENCH_BASELINE=CLONE: also time `info` through
#        the ./odflash of another clone (an earlier commit, built), the "today" the info target is measured against.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
JDK=$(scripts/find-jdk.sh)
runs=${BENCH_RUNS:-40}
warm=${BENCH_WARMUP:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/odflash-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

image=${1:-}
if [ -z "$image" ]; then
  if [ -x /usr/lib/odflash/bin/odflash ]; then
    image=/usr/lib/odflash
  else
    archive=$(ls target/package/odflash-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1 || true)
    [ -n "$archive" ] || { echo "bench-startup: no image: run scripts/package-deb.sh first, or give IMAGE_DIR" >&2; exit 1; }
    tar -C "$work" -xzf "$archive"
    image=$(ls -d "$work"/odflash-*-linux-x86_64)
  fi
fi
[ -x "$image/bin/odflash" ] || { echo "bench-startup: $image/bin/odflash missing" >&2; exit 1; }

./odflash --version >/dev/null # builds the clone's jar if stale, outside the timing
export ODFLASH_HOME="$work/home" HOME="$work"
./odflash emu firmware --profile asus-crw-5224a --version 1.10 -o "$work/fw.bin" >/dev/null

# one command: prints "median_ms cpu_ms" over $runs runs after $warm warm-ups
measure() {
  local i t0 t1 times=() cpu=0 c
  for ((i = 0; i < warm; i++)); do "$@" >/dev/null 2>&1; done
  for ((i = 0; i < runs; i++)); do
    # %e wall s, %U user s, %S system s, of the whole process tree the shell started
    /usr/bin/time -o "$work/time" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    c=$(tail -n 1 "$work/time")
    times+=("$(awk -v e="${c%% *}" 'BEGIN{printf "%d", e * 1000}')")
    cpu=$(awk -v s="$cpu" -v u="$(cut -d' ' -f2 <<<"$c")" -v y="$(cut -d' ' -f3 <<<"$c")" 'BEGIN{print s + (u + y) * 1000}')
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  echo "$median $(awk -v s="$cpu" -v n="$runs" 'BEGIN{printf "%d", s / n}')"
}

if [ "${BENCH_HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null; then
  # hyperfine's own median, when it is there (the CPU column stays /usr/bin/time's)
  hf_median() { hyperfine -N -w "$warm" -r "$runs" --export-json "$work/hf.json" "$*" >/dev/null 2>&1 \
    && python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/hf.json"; }
else
  hf_median() { echo -; }
fi

base=$(measure "$JDK/bin/java" -version)
base_ms=${base% *}
printf 'start-up, %s runs each (median wall ms, mean CPU ms, wall as a multiple of java -version)\n' "$runs"
printf '%-58s %8s %8s %7s %10s\n' command wall_ms cpu_ms ratio hyperfine
row() {
  local label=$1; shift
  local m; m=$(measure "$@")
  printf '%-58s %8s %8s %7s %10s\n' "$label" "${m% *}" "${m#* }" \
    "$(awk -v a="${m% *}" -v b="$base_ms" 'BEGIN{printf "%.1fx", a / b}')" "$(hf_median "$@")"
}
row "java -version (JDK 25, the reference)" "$JDK/bin/java" -version
row "./odflash --version (clone launcher)" ./odflash --version
row "image odflash --version (jlink + AOT)" "$image/bin/odflash" --version
row "./odflash info --device emu:asus-crw-5224a" ./odflash info --device emu:asus-crw-5224a
row "image odflash info --device emu:asus-crw-5224a" "$image/bin/odflash" info --device emu:asus-crw-5224a
if [ -n "${BENCH_BASELINE:-}" ]; then
  "$BENCH_BASELINE/odflash" --version >/dev/null # builds that clone's jar if stale, outside the timing
  row "baseline clone ./odflash info --device emu:asus-crw-5224a" "$BENCH_BASELINE/odflash" info --device emu:asus-crw-5224a
fi
row "./odflash identify FILE" ./odflash identify "$work/fw.bin"
row "image odflash identify FILE" "$image/bin/odflash" identify "$work/fw.bin"

# what each step buys, on --version: the clone's jar on the full JDK without the launcher's check, the
# runtime image without its AOT cache, then with it, then the image's launcher without the fast path
flags=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
row "step: shaded jar on the full JDK (no launcher script)" "$JDK/bin/java" "${flags[@]}" -jar "$root/cli/target/odflash.jar" --version
row "step: runtime image, AOT cache off" "$image/bin/java" "${flags[@]}" -XX:AOTMode=off -jar "$image/lib/app/odflash.jar" --version
row "step: runtime image, AOT cache on" "$image/bin/java" "${flags[@]}" -XX:AOTCache="$image/lib/app/odflash.aot" -jar "$image/lib/app/odflash.jar" --version
# the last step: a bare --version answered before the command tree and the data home are built
# (cli/.../VersionFastPath.java); with one more argument the whole tree parses it, as before
row "step: image launcher, whole tree (--debug --version)" "$image/bin/odflash" --debug --version
