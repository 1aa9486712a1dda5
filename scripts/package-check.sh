#!/usr/bin/env bash
# CI check of what users install (issue 18): builds the package and the release archive
# (scripts/package-deb.sh), checks the archive's checksums, installs the .deb with apt-get as a user
# would (after running the archive's image under QEMU -cpu qemu64: scripts/package-cpu-test.sh),
# runs the installed odflash without any JDK or clone in reach (--version, demo, man pages,
# completion, then every command and the GUI: scripts/package-check-commands.sh), then purges it and
# checks that nothing it installed is left. Needs root (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/package-check.sh: needs root (it installs and purges the package with apt-get)" >&2
  exit 1
fi
if dpkg -s odflash >/dev/null 2>&1; then
  echo "scripts/package-check.sh: odflash is already installed here; it would be purged: refusing" >&2
  exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/odflash-package.XXXXXX")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/odflash-package-run.XXXXXX")
installed=0
# a failed check purges what it installed, so the next run (and the machine) starts clean
trap 'if [ "$installed" = 1 ] && dpkg -s odflash >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get purge -o DPkg::Lock::Timeout=300 -y -qq odflash >/dev/null 2>&1 || true
      fi; rm -rf "$out" "$scratch"' EXIT
fail() { echo "package-check: FAIL: $*" >&2; exit 1; }
ok() { echo "package-check: ok: $*" >&2; }
start=$SECONDS

scripts/package-deb.sh "$out"
(cd "$out" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"
archive=$(ls "$out"/odflash-*-linux-x86_64.tar.gz)
tar -tzf "$archive" >"$scratch/archive.list"
grep -qx 'odflash-[^/]*/bin/odflash' "$scratch/archive.list" || fail "the archive has no bin/odflash"
grep -q '/lib/app/odflash\.aot$' "$scratch/archive.list" || fail "the archive has no AOT cache"
ok "archive and checksums ($(du -h "$archive" | cut -f1))"
# the archive's image on a CPU without the build machine's extensions (QEMU qemu64)
scripts/package-cpu-test.sh "$archive" || fail "the runtime image on -cpu qemu64"

deb=$(cd "$out" && ls odflash_*_amd64.deb)
(cd "$out" && DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=300 -y -qq "./$deb" >"$scratch/apt.log" 2>&1) \
  || { cat "$scratch/apt.log" >&2; fail "apt-get install ./$deb"; }
installed=1
dpkg -L odflash >"$scratch/files"
ok "installed $deb ($(du -h "$out/$deb" | cut -f1))"

# the installed copy alone: no JAVA_HOME, no JDK on PATH, run from an empty directory
# (a private mount namespace with /usr/lib/jvm and this clone as empty tmpfs: nothing can reach them)
root=$PWD
run() { (cd "$scratch" && unshare --mount sh -c 'for d in /usr/lib/jvm "$0"; do [ -d "$d" ] && mount -t tmpfs none "$d"; done; exec "$@"' \
  "$root" env -i HOME="$scratch/home" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"); }
mkdir -p "$scratch/home"
[ "$(command -v odflash)" = /usr/bin/odflash ] || fail "odflash is not on PATH as /usr/bin/odflash"
version=$(run odflash --version) || fail "odflash --version"
want=${deb#odflash_}
want=${want%%_*}
[ "$(head -n 1 <<<"$version")" = "odflash $want" ] || fail "odflash --version printed: $version"
run odflash demo --dir "$scratch/demo" >"$scratch/demo.log" 2>&1 || { cat "$scratch/demo.log" >&2; fail "odflash demo"; }
grep -q 'odflash info ' "$scratch/demo.log" && ! grep -q '/odflash info ' "$scratch/demo.log" \
  || fail "the demo's steps do not name the program as odflash (the name on PATH)"
for page in odflash odflash-info odflash-emu-firmware; do
  run man -w "$page" >/dev/null || fail "man -w $page"
done
run odflash info --device emu:asus-crw-5224a --json >"$scratch/info.json" || fail "odflash info on the emulated drive"
ok "installed odflash: --version, demo, info, man -w"

completions=$(bash --norc --noprofile -c 'source /usr/share/bash-completion/completions/odflash
  COMP_WORDS=(odflash info --device emu : asus-c); COMP_CWORD=5; _odflash_complete; echo "${COMPREPLY[*]}"')
[ "$completions" = asus-crw-5224a ] || fail "bash completion of --device emu:asus-c gave: $completions"
[ -f /usr/share/zsh/vendor-completions/_odflash ] || fail "no zsh completion"
grep -qx 'StartupWMClass=odflash' /usr/share/applications/odflash.desktop || fail "desktop entry"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/odflash.desktop || fail "desktop-file-validate"
fi
[ ! -e /etc/udev/rules.d/60-odflash-optical.rules ] || fail "the udev rule is opt-in, yet it is active"
[ -f /usr/share/odflash/60-odflash-optical.rules ] || fail "the opt-in udev rule is missing"
ok "completion (bash, zsh), desktop entry, opt-in udev rule"

# every command of the picocli model and the GUI, from the installed copy alone (JDKs and clone hidden)
scripts/package-check-commands.sh /usr/bin/odflash /usr/share/man/man1 || fail "the installed copy's commands"

DEBIAN_FRONTEND=noninteractive apt-get purge -o DPkg::Lock::Timeout=300 -y -qq odflash >"$scratch/apt.log" 2>&1 \
  || { cat "$scratch/apt.log" >&2; fail "apt-get purge odflash"; }
left=0
while IFS= read -r f; do
  case $f in /.|/usr|/usr/bin|/usr/lib|/usr/share|/usr/share/*/|/usr/share/man|/usr/share/man/man1|\
    /usr/share/applications|/usr/share/bash-completion|/usr/share/bash-completion/completions|\
    /usr/share/zsh|/usr/share/zsh/vendor-completions|/usr/share/doc) continue ;; esac
  if [ -e "$f" ] || [ -L "$f" ]; then echo "left after purge: $f" >&2; left=1; fi
done <"$scratch/files"
[ "$left" -eq 0 ] || fail "purge left files behind"
! dpkg -s odflash >/dev/null 2>&1 || fail "dpkg still knows odflash after purge"
ok "purged, nothing left ($((SECONDS - start)) s in all)"
