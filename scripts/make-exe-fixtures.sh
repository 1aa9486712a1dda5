#!/bin/sh
# Builds the PE fixtures `extract` is tested with and writes them to cli/src/test/resources/fixtures/.
# Needs: JDK 25 (JAVA_HOME), mingw-w64 (Debian: gcc-mingw-w64-x86-64-win32, which has windres), zip, perl.
# The outputs are committed, so CI needs no mingw; rerunning gives the same bytes (no timestamps).
#   updater-rcdata.exe   the image as RCDATA resource "FWIMAGE"
#   updater-overlay.exe  the image appended after the last section (an overlay)
#   updater-zip.exe      a zip holding fw/CRW5224A.BIN appended as the overlay
#   updater-upx.exe      the stub with its sections renamed UPX0/UPX1, as a UPX-packed EXE has them
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/cli/src/test/resources/fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
cc=x86_64-w64-mingw32-gcc
windres=x86_64-w64-mingw32-windres
command -v $cc >/dev/null || { echo "mingw-w64 missing: apt-get install -y gcc-mingw-w64-x86-64-win32" >&2; exit 2; }

(cd "$root" && ./mvnw -B -q -ntp -pl core,emulator compile)
"$JAVA_HOME/bin/java" -cp "$root/core/target/classes:$root/emulator/target/classes" \
    "$root/scripts/fixtures/FixtureImage.java" "$work/fw.bin"

ldflags="-s -O2 -Wl,--no-insert-timestamp"
$cc $ldflags -o "$work/stub.exe" "$root/scripts/fixtures/updater.c"
printf 'FWIMAGE RCDATA "fw.bin"\n' > "$work/res.rc"
(cd "$work" && $windres res.rc -O coff -o res.o)
$cc $ldflags -o "$work/updater-rcdata.exe" "$root/scripts/fixtures/updater.c" "$work/res.o"
cat "$work/stub.exe" "$work/fw.bin" > "$work/updater-overlay.exe"
mkdir -p "$work/z/fw"
cp "$work/fw.bin" "$work/z/fw/CRW5224A.BIN"
touch -d '2004-01-20 00:00:00 UTC' "$work/z/fw/CRW5224A.BIN" "$work/z/fw"
(cd "$work/z" && TZ=UTC zip -q -X -9 "$work/fw.zip" fw/CRW5224A.BIN)
cat "$work/stub.exe" "$work/fw.zip" > "$work/updater-zip.exe"
# rename the first two section headers' names in place (objcopy would stamp a new time)
perl -0777 -pe 's/\.text\0\0\0/UPX0\0\0\0\0/; s/\.data\0\0\0/UPX1\0\0\0\0/' "$work/stub.exe" > "$work/updater-upx.exe"

mkdir -p "$out"
for f in updater-rcdata.exe updater-overlay.exe updater-zip.exe updater-upx.exe; do
    cp "$work/$f" "$out/$f"
done
(cd "$out" && sha256sum updater-*.exe)
