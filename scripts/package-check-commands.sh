#!/usr/bin/env bash
# Every CLI command and the GUI from an installed odflash alone (issue 18: "a machine with only the .deb
# installed runs every CLI command and the GUI"); scripts/package-check.sh calls it after apt-get install.
# Each run has an empty environment (env -i: no JAVA_HOME, no JDK on PATH) and, when this runs as root, a
# private mount namespace in which /usr/lib/jvm and this clone are empty tmpfs mounts: a run that needed a
# system JDK or a file of the clone fails here instead of passing by luck.
# The commands come from the man pages the package installs, which `odflash __man` writes from the
# picocli model (one page per visible command): a command this script does not know how to run fails the
# check, so a new command cannot be missed; one it knows that the model lost fails it too.
# Usage: scripts/package-check-commands.sh ODFLASH MANDIR
#   ODFLASH  the odflash to run (/usr/bin/odflash; or bin/odflash of an unpacked release archive)
#   MANDIR   its man1 directory (/usr/share/man/man1; or share/man/man1 of the archive)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
gui_only=0
if [ "${1:-}" = --gui-only ]; then gui_only=1; shift; fi
odflash=$1
mandir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/odflash-commands.XXXXXX")
trap 'rm -rf "$work"' EXIT
case $work/ in "$root"/*) echo "package-check-commands: TMPDIR is inside the clone, which the runs hide" >&2; exit 1 ;; esac
fail() { echo "package-check-commands: FAIL: $*" >&2; exit 1; }
ok() { echo "package-check-commands: ok: $*" >&2; }

# the isolation: root can hide the JDKs and the clone; anyone else gets env -i alone (said once)
if [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; then
  isolate=(unshare --mount sh -c 'for d in /usr/lib/jvm "$0"; do [ -d "$d" ] && mount -t tmpfs none "$d"; done; exec "$@"' "$root")
  hidden="/usr/lib/jvm and the clone hidden"
else
  isolate=()
  hidden="not root: /usr/lib/jvm and the clone NOT hidden (env -i only)"
fi
mkdir -p "$work/home" "$work/files"
# run WANT_EXIT ARGS...: one command from $work/files, stdout to $work/out, stderr to $work/err; its exit
# must be WANT_EXIT and nothing may look like a Java stack trace
ran=()
run() {
  local want=$1; shift
  local code=0
  (cd "$work/files" && "${isolate[@]}" env -i HOME="$work/home" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    ${DISPLAY:+DISPLAY=$DISPLAY} "$odflash" "$@" >"$work/out" 2>"$work/err") || code=$?
  if [ "$code" -ne "$want" ] || grep -qE '^\s+at [a-z]|Exception in thread|\.java:[0-9]+\)' "$work/out" "$work/err"; then
    echo "--- stdout of odflash $*"; head -c 2000 "$work/out"; echo "--- stderr"; head -c 2000 "$work/err"
    fail "odflash $* exited $code (want $want), or printed a stack trace"
  fi >&2
}
# done NAME: the man page NAME (odflash-emu-firmware) was exercised
done_() { ran+=("$1"); }
sha() { sha256sum "$1" | cut -d' ' -f1; }

f=$work/files
drive=$f/drive.bin
dev="emu:asus-crw-5224a?image=$drive"
start=$SECONDS

# gui: the drives screen with the emulated drive selected, rendered to a new PNG that must not be blank
gui() {
  run 0 gui --device "$dev" --screenshot "$f/gui.png"
python3 - "$f/gui.png" <<'EOF' || fail "the GUI screenshot is missing, not a PNG, or blank"
# decodes the PNG (8-bit RGB/RGBA, what javax.imageio writes) and counts distinct pixels: a blank or
# one-colour window has a handful, a drawn one hundreds
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b'IHDR':
        w, h, depth, colour = struct.unpack('>IIBB', body[:10]); assert depth == 8 and colour in (2, 6), (depth, colour)
        bpp = 3 if colour == 2 else 4
    elif kind == b'IDAT':
        idat += body
raw, stride, prev, seen = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set()
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        seen.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 4))
    prev = line
print(f'gui.png {w}x{h}, {len(seen)} distinct colours sampled')
assert w >= 400 and h >= 300 and len(seen) >= 16
EOF
}
if [ "$gui_only" = 1 ]; then
  gui
  exit 0
fi


run 0 --help; grep -q '^Usage: odflash' "$work/out" || fail "odflash --help"; done_ odflash
run 0 help info; grep -q '^Usage: odflash info' "$work/out" || fail "odflash help info"; done_ odflash-help
for group in emu journal library; do
  run 0 "$group" --help; grep -q "^Usage: odflash $group" "$work/out" || fail "odflash $group --help"; done_ "odflash-$group"
done
run 0 list --json; grep -q 'emu:asus-crw-5224a' "$work/out" || fail "list does not show the emulated drives"; done_ odflash-list
run 0 emu profiles; grep -q 'asus-crw-5224a' "$work/out" || fail "emu profiles"; done_ odflash-emu-profiles
# emu attach / detach: never a real gadget here (attach would load modules and bind dummy_hcd on the CI host); an
# unknown profile is refused before the host is touched (exit 2), and detach with nothing attached is a no-op
run 2 emu attach no-such-profile; grep -q "unknown profile 'no-such-profile'" "$work/err" || fail "emu attach"
done_ odflash-emu-attach
run 0 emu detach; grep -q 'nothing attached' "$work/out" || fail "emu detach"; done_ odflash-emu-detach
run 0 emu firmware --profile asus-crw-5224a --version 1.10 -o "$f/v110.bin"
run 0 emu firmware --profile asus-crw-5224a --version 1.20 -o "$f/v120.bin"
[ -s "$f/v110.bin" ] && [ -s "$f/v120.bin" ] || fail "emu firmware wrote no image"; done_ odflash-emu-firmware
run 0 chips SST; grep -qi 'sst' "$work/out" || fail "chips SST"; done_ odflash-chips
run 0 identify "$f/v120.bin"; grep -q '1\.20' "$work/out" || fail "identify does not name revision 1.20"; done_ odflash-identify
# convert: Intel-HEX of the 1.20 image (written here, 16 bytes a record, type 04 every 64 KiB) back to the bytes
python3 - "$f/v120.bin" "$f/v120.hex" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
def rec(kind, addr, payload):
    b = bytes([len(payload), addr >> 8, addr & 0xff, kind]) + payload
    return ':' + b.hex().upper() + '%02X' % (-sum(b) & 0xff) + '\n'
out = []
for off in range(0, len(data), 16):
    if off % 0x10000 == 0:
        out.append(rec(4, 0, (off >> 16).to_bytes(2, 'big')))
    out.append(rec(0, off & 0xffff, data[off:off + 16]))
out.append(rec(1, 0, b''))
open(sys.argv[2], 'w').write(''.join(out))
EOF
run 0 convert -o "$f/from-hex.bin" "$f/v120.hex"
cmp -s "$f/from-hex.bin" "$f/v120.bin" || fail "convert of the HEX did not give back the image"; done_ odflash-convert
# extract: the committed PE fixture with the image as an overlay (scripts/make-exe-fixtures.sh)
cp "$root/cli/src/test/resources/fixtures/updater-overlay.exe" "$f/updater.exe"
run 0 extract -o "$f/extracted" "$f/updater.exe"
[ -n "$(ls -A "$f/extracted" 2>/dev/null)" ] || fail "extract wrote no image"; done_ odflash-extract
ok "help, groups, list, emu, chips, identify, convert, extract"

# the emulated drive, its flash persisted in drive.bin (created as firmware 1.10)
run 0 info --device "$dev" --json; grep -q 'CRW-5224A' "$work/out" || fail "info"; done_ odflash-info
run 0 backup --device "$dev" -o "$f/backup.bin"; [ -s "$f/backup.bin" ] || fail "backup wrote nothing"; done_ odflash-backup
run 0 status --device "$dev"; grep -q '^Verdict: intact' "$work/out" || fail "status is not intact"; done_ odflash-status
run 0 verify --device "$dev" "$f/backup.bin"; done_ odflash-verify
before=$(sha "$drive")
run 0 flash --dry-run --device "$dev" "$f/v120.bin"
[ "$(sha "$drive")" = "$before" ] || fail "flash --dry-run changed the emulated flash"
run 0 flash --device "$dev" "$f/v120.bin" --yes
run 0 verify --device "$dev" "$f/v120.bin"; done_ odflash-flash
run 0 restore --device "$dev" --yes
run 0 verify --device "$dev" "$f/backup.bin"; done_ odflash-restore
run 5 verify --device "$dev" "$f/v120.bin" # the contract's mismatch: restored, so no longer 1.20
ok "info, backup, status, verify, flash --dry-run (no write), flash, restore"

run 0 library list; grep -q 'CRW-5224A\|CRW5224A\|crw' "$work/out" || fail "library list shows no backup"; done_ odflash-library-list
run 0 library verify; done_ odflash-library-verify
run 0 library prune --dry-run; done_ odflash-library-prune
run 0 journal list; done_ odflash-journal-list
# no flash was interrupted, so there is nothing to adopt or discard: the contract's refusal and usage error
run 4 journal adopt --device "$dev"; grep -q 'no journal' "$work/err" || fail "journal adopt"; done_ odflash-journal-adopt
run 2 journal discard no-such-key --yes; grep -q 'no journal' "$work/err" || fail "journal discard"; done_ odflash-journal-discard
run 0 doctor --device "$dev"; done_ odflash-doctor
run 0 report --device "$dev" -o "$f/report.zip"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None and z.namelist()' "$f/report.zip" \
  || fail "report wrote no readable zip"; done_ odflash-report
run 0 completion bash; grep -q '_odflash_complete' "$work/out" || fail "completion bash"
run 0 completion zsh; grep -q 'bashcompinit' "$work/out" || fail "completion zsh"; done_ odflash-completion
run 0 demo --dir "$f/demo"; done_ odflash-demo
ok "library, journal, doctor, report, completion, demo"

# the GUI: a screenshot under a virtual display; without one this script runs itself again, GUI only,
# under scripts/with-display.sh (Xvfb and a window manager, as the GUI tests have them)
if [ -z "${DISPLAY:-}" ]; then
  scripts/with-display.sh "$0" --gui-only "$odflash" "$mandir" || fail "odflash gui --screenshot"
else
  gui
fi
done_ odflash-gui
ok "gui --screenshot (PNG, not blank)"

# every man page the model wrote was exercised, and nothing was exercised that has no page
pages=$(cd "$mandir" && ls odflash.1.gz odflash-*.1.gz | sed 's/\.1\.gz$//' | sort)
exercised=$(printf '%s\n' "${ran[@]}" | sort -u)
missing=$(comm -23 <(echo "$pages") <(echo "$exercised"))
stale=$(comm -13 <(echo "$pages") <(echo "$exercised"))
[ -z "$missing" ] || fail "commands with a man page this check does not run (add them here): $(echo $missing)"
[ -z "$stale" ] || fail "commands this check runs that have no man page: $(echo $stale)"
ok "all $(wc -l <<<"$pages") commands of the picocli model ran ($hidden; $((SECONDS - start)) s)"
