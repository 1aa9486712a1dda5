#!/usr/bin/env bash
# Runs the release archive's runtime image on a CPU without the build machine's extensions (issue 18):
# QEMU/TCG with `-cpu qemu64` (x86-64 baseline: SSE2, no AVX, no AVX-512) boots the Debian kernel with
# a busybox initramfs, the unpacked archive shared read-only over 9p at the same path. In the guest:
# odflash --version, info and identify on the emulated drive through the shipped launcher, the same JVM
# with -XX:AOTMode=on (fails unless the shipped AOT cache is usable on this CPU), and --version timed
# (CPU_TEST_FULL=1) with and without the cache. An AOT cache carrying machine code for the build CPU dies here with SIGILL.
# Usage: scripts/package-cpu-test.sh ARCHIVE.tar.gz   Ends with "N passed, N failed"; exit 1 on a failure.
# Environment: KT_CACHE (kernel .deb cache, shared with scripts/kernel-test.sh), KT_SKIP_APT=1,
# CPU_TEST_FULL=1 (also emu firmware + identify, and --version without the cache, for the guest timing).
set -euo pipefail
cd "$(dirname "$0")/.."
archive=$(readlink -f "${1:?usage: scripts/package-cpu-test.sh ARCHIVE.tar.gz}")
CACHE=${KT_CACHE:-$HOME/.cache/odflash-kernel-test}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/odflash-cpu-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log() { echo "package-cpu-test: $*" >&2; }

SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
need="qemu-system-x86 busybox-static cpio kmod"
if [ -z "${KT_SKIP_APT:-}" ]; then
  missing=$(for p in $need; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
  if [ -n "$missing" ]; then
    log "installing $missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

# the kernel as scripts/kernel-test.sh gets it (same cache): the current linux-image-amd64 dependency
mkdir -p "$CACHE"
kpkg_name=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n1)
[ -n "$kpkg_name" ] || { log "cannot resolve the linux-image-amd64 dependency (apt-get update?)"; exit 1; }
KVER=${kpkg_name#linux-image-}
ls "$CACHE/${kpkg_name}"_*.deb >/dev/null 2>&1 || (cd "$CACHE" && apt-get download -qq "$kpkg_name")
KPKG=$CACHE/kpkg-$KVER
if [ ! -f "$KPKG/boot/vmlinuz-$KVER" ]; then
  rm -rf "$KPKG"; dpkg-deb -x "$CACHE/${kpkg_name}"_*.deb "$KPKG"; depmod -b "$KPKG" "$KVER"
fi

# the archive, unpacked; its top directory is shared at the same path
tar -C "$WORK" -xzf "$archive"
IMG=$(ls -d "$WORK"/odflash-*-linux-x86_64)
[ -x "$IMG/bin/odflash" ] || { log "no bin/odflash in $archive"; exit 1; }

IRD=$WORK/initramfs; mkdir -p "$IRD"/{bin,lib/modules,proc,sys,dev,tmp}
cp /bin/busybox "$IRD/bin/busybox"
libs=$( { ldd "$IMG/bin/java"; for so in "$IMG"/lib/server/libjvm.so "$IMG"/lib/*.so; do ldd "$so" 2>/dev/null; done; } \
        | grep -o '/[^ ]*' | grep -v "^$IMG" | sort -u)
for l in $libs; do mkdir -p "$IRD$(dirname "$l")"; cp -L "$l" "$IRD$l"; done
: > "$IRD/modules.list"
for m in virtio_pci 9pnet_virtio 9p; do
  modprobe -d "$KPKG" -S "$KVER" --show-depends "$m" | awk '$1=="insmod"{print $2}'
done | awk '!seen[$0]++' | while read -r ko; do cp "$ko" "$IRD/lib/modules/"; basename "$ko" >> "$IRD/modules.list"; done

cat > "$IRD/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin HOME=/tmp ODFLASH_HOME=/tmp/odflash
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev; mount -t tmpfs tmp /tmp
for m in \$(cat /modules.list); do insmod /lib/modules/\$m 2>/dev/null; done
mkdir -p $IMG; mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 img $IMG
cd /tmp
echo "INFO cpu: \$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); avx: \$(grep -c -w avx /proc/cpuinfo)"
up() { cut -d' ' -f1 /proc/uptime; }
check() { name=\$1; shift; t0=\$(up); "\$@" >out.txt 2>err.txt; rc=\$?; t1=\$(up)
  if [ \$rc -eq 0 ]; then echo "PASS \$name (\$(awk "BEGIN{print \$t1 - \$t0}") s guest time)"
  else echo "FAIL \$name: exit \$rc"; tail -n 5 err.txt; tail -n 3 out.txt; fi; }
check "odflash --version on qemu64" $IMG/bin/odflash --version
grep -q '^odflash ' out.txt || echo "FAIL --version printed: \$(head -n 1 out.txt)"
check "odflash info --device emu:asus-crw-5224a" $IMG/bin/odflash info --device emu:asus-crw-5224a
J="$IMG/bin/java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
check "the shipped AOT cache is usable here (-XX:AOTMode=on)" \$J -XX:AOTCache=$IMG/lib/app/odflash.aot -XX:AOTMode=on -jar $IMG/lib/app/odflash.jar --version
if [ -n "${CPU_TEST_FULL:-}" ]; then
  check "odflash emu firmware" $IMG/bin/odflash emu firmware --profile asus-crw-5224a --version 1.10 -o /tmp/fw.bin
  check "odflash identify FILE" $IMG/bin/odflash identify /tmp/fw.bin
  check "--version without the AOT cache (for the timing)" \$J -XX:AOTMode=off -jar $IMG/lib/app/odflash.jar --version
fi
echo GUEST-DONE
sync; poweroff -f
EOF
chmod +x "$IRD/init"
(cd "$IRD" && find . | cpio -o -H newc --quiet | gzip -1) > "$WORK/initramfs.cpio.gz"

log "booting $KVER under TCG with -cpu qemu64"
start=$(date +%s)
set +e
timeout 600 qemu-system-x86_64 -accel tcg -cpu qemu64 -smp 1 -m 1536 -nodefaults -display none -serial stdio \
  -no-reboot -kernel "$KPKG/boot/vmlinuz-$KVER" -initrd "$WORK/initramfs.cpio.gz" \
  -append "console=ttyS0 panic=-1 loglevel=4" \
  -virtfs local,path="$IMG",mount_tag=img,security_model=none,readonly=on > "$WORK/console.log" 2>&1
qemu_rc=$?
set -e
tr -d '\r' < "$WORK/console.log" | grep -E '^(PASS|FAIL|INFO) |SIGILL|  ' || true
passed=$(tr -d '\r' < "$WORK/console.log" | grep -c '^PASS ' || true)
failed=$(tr -d '\r' < "$WORK/console.log" | grep -c '^FAIL ' || true)
if [ "$qemu_rc" -ne 0 ]; then echo "FAIL qemu exited with $qemu_rc"; failed=$((failed + 1)); fi
if ! tr -d '\r' < "$WORK/console.log" | grep -q '^GUEST-DONE'; then
  echo "FAIL the guest did not finish"; tail -n 30 "$WORK/console.log"; failed=$((failed + 1))
fi
echo "package-cpu-test: QEMU run $(( $(date +%s) - start ))s; $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
