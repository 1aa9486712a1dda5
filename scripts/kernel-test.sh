#!/usr/bin/env bash
# Real-kernel SG_IO test (issue 5 §4, recipe: docs/testing.md). Boots the Debian kernel under
# QEMU/TCG (-smp 1, no KVM needed) with an AHCI CD drive holding a small ISO and an empty IDE (PIIX)
# drive; the host's JDK 25 and the built CLI are shared read-only over 9p at the same paths. In the
# guest it runs odflash (list --json, info on both drives, doctor), the test-only KernelCheck main
# (raw INQUIRY, TEST UNIT READY, unsupported READ BUFFER mode 3, exclusive use) and sg3-utils on the
# same drives, then the benchmark of issue 5 §5, and the port path's refusal case (issue 14 §4: a raw disk held
# open on the PIIX function). A second boot runs the port path's positive case (the CD alone on piix3-ide, a raw
# disk on AHCI; scripts/kernel-test-port.sh). A third boot, without drives, runs the USB gadget stage (issue 16 §2:
# scripts/kernel-test-gadget.sh). Ends with "N passed, N failed"; exit 1 on a failure.
#
# Environment: KT_WORK (scratch, default /tmp/odflash-kernel-test), KT_CACHE (kernel .deb cache,
# default ~/.cache/odflash-kernel-test), KT_SKIP_APT=1 (packages already installed), KT_NO_BENCH=1,
# KT_ONLY_BENCH=1 (one boot, the benchmark alone: figures, no checks), KT_ONLY_GADGET=1 (one boot, the USB
# gadget stage alone; the guest's kernel log is printed when a gadget case fails), KT_NO_GADGET=1 (no gadget boot),
# KT_GUEST_ENV (NAME=value words for the guest's /init, e.g. KT_GADGET_PROFILES="asus-bw16d1ht").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start_time=$(date +%s)
WORK=${KT_WORK:-/tmp/odflash-kernel-test}
CACHE=${KT_CACHE:-$HOME/.cache/odflash-kernel-test}
log() { echo "kernel-test: $*" >&2; }

# --- 1. packages (apt only) -----------------------------------------------------------------------
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
need="qemu-system-x86 busybox-static sg3-utils cpio xorriso kmod"
if [ -z "${KT_SKIP_APT:-}" ]; then
  missing=$(for p in $need; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
  if [ -n "$missing" ]; then
    log "installing $missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

# --- 2. kernel: the current linux-image-amd64 dependency, downloaded (not installed) and extracted --
mkdir -p "$WORK" "$CACHE"
kpkg_name=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n1)
[ -n "$kpkg_name" ] || { log "cannot resolve the linux-image-amd64 dependency (apt-get update?)"; exit 1; }
KVER=${kpkg_name#linux-image-}
if ! ls "$CACHE/${kpkg_name}"_*.deb >/dev/null 2>&1; then
  log "downloading $kpkg_name"
  (cd "$CACHE" && apt-get download -qq "$kpkg_name")
fi
KPKG=$CACHE/kpkg-$KVER
if [ ! -f "$KPKG/boot/vmlinuz-$KVER" ]; then
  rm -rf "$KPKG"; dpkg-deb -x "$CACHE/${kpkg_name}"_*.deb "$KPKG"; depmod -b "$KPKG" "$KVER"
fi

# --- 3. the CLI jar and the test-only KernelCheck jar; an AOT cache made on the host ----------------
JDK=$(scripts/find-jdk.sh)
export JAVA_HOME=$JDK
jar_fresh() { [ -f cli/target/odflash.jar ] && [ -d native/target/test-classes ] && [ -z "$(find cli native core emulator \
  -path '*/src/*' -newer cli/target/odflash.jar -print -quit)" ]; }
if ! jar_fresh; then
  log "building the CLI (package, tests skipped: scripts/test runs them)"
  ./mvnw -B -q -ntp -DskipTests package >/dev/null
fi
APP=$WORK/app
rm -rf "$APP"; mkdir -p "$APP"
cp cli/target/odflash.jar "$APP/odflash.jar"
# KernelCheck (with its gadget-bench mode, GadgetBench) and the helper that gives its second JVM ("take" mode) a class path
"$JDK/bin/jar" --create --file "$APP/kernelcheck.jar" -C native/target/test-classes dev/odflash/nativeio/linux/KernelCheck.class \
  -C native/target/test-classes dev/odflash/nativeio/linux/GadgetBench.class \
  -C native/target/test-classes dev/odflash/nativeio/ChildClassPath.class
CP=$APP/odflash.jar:$APP/kernelcheck.jar
# AOT cache: the classpath must be jars at the same absolute paths as in the guest (docs/testing.md)
"$JDK/bin/java" -XX:AOTCacheOutput="$APP/odflash.aot" --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.odflash.cli.Main doctor --device emu:asus-crw-5224a >/dev/null 2>"$WORK/aot.log" || log "AOT cache not made (see $WORK/aot.log)"

# the gadget stage's inputs (issue 16 §2): each download profile's firmware file and the trace of the same flash run
# in-process on the emulator, which the guest's run through /dev/sgN must repeat
mkdir -p "$APP/gadget"
for pv in btc-drw1008:0058 tsst-ts-h353c:SB02 samsung-sd616f:F104 samsung-se506cb:TS02 asus-bw16d1ht:3.02; do
  p=${pv%%:*}
  "$JDK/bin/java" -jar "$APP/odflash.jar" emu firmware --profile "$p" --version "${pv#*:}" -o "$APP/gadget/$p.bin" >/dev/null
  ODFLASH_HOME=$WORK/inproc-home "$JDK/bin/java" --enable-native-access=ALL-UNNAMED -jar "$APP/odflash.jar" flash \
    --device "emu:$p?image=$WORK/inproc-$p.img" "$APP/gadget/$p.bin" --yes --without-backup \
    --trace "$APP/gadget/$p.jsonl" >/dev/null 2>"$WORK/inproc-$p.log" || log "the in-process flash of $p failed (see $WORK/inproc-$p.log)"
  rm -f "$WORK/inproc-$p.img"
done

# --- 4. media: a small ISO (16 MiB of data, enough to time READ(10)) --------------------------------
ISO=$WORK/test.iso
if [ ! -f "$ISO" ]; then
  rm -rf "$WORK/isosrc"; mkdir -p "$WORK/isosrc"; echo "odflash kernel test" > "$WORK/isosrc/README.TXT"
  head -c 16777216 /dev/urandom > "$WORK/isosrc/DATA.BIN"
  xorriso -as mkisofs -quiet -V ODFLASH_KT -o "$ISO" "$WORK/isosrc" 2>/dev/null
fi
ISO_BLOCKS=$(( $(stat -c %s "$ISO") / 2048 ))

# --- 5. initramfs: busybox, sg3-utils, the libraries of sg3-utils and the JDK, kernel modules --------
IRD=$WORK/initramfs; rm -rf "$IRD"; mkdir -p "$IRD"/{bin,usr/bin,lib/modules,proc,sys,dev,tmp,etc}
cp /bin/busybox "$IRD/bin/busybox"
for t in sg_inq sg_turs sg_raw sg_dd; do cp -L "$(command -v $t)" "$IRD/usr/bin/"; done
libs=$( { for b in sg_inq sg_turs sg_raw sg_dd; do ldd "$(command -v $b)"; done; ldd "$JDK/bin/java"; \
          for so in "$JDK"/lib/server/libjvm.so "$JDK"/lib/*.so; do ldd "$so" 2>/dev/null; done; } \
        | grep -o '/[^ ]*' | grep -v "^$JDK" | sort -u)
for l in $libs; do mkdir -p "$IRD$(dirname "$l")"; cp -L "$l" "$IRD$l"; done
: > "$IRD/modules.list"
for m in ahci ata_piix sr_mod sd_mod sg virtio_pci 9pnet_virtio 9p configfs dummy_hcd usb_f_fs libcomposite usb-storage; do # issue 16 §2: the gadget stage's modules
  modprobe -d "$KPKG" -S "$KVER" --show-depends "$m" | awk '$1=="insmod"{print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
  cp "$ko" "$IRD/lib/modules/"; basename "$ko" >> "$IRD/modules.list"
done
# the raw disk of the port cases (issue 14 §4): random bytes, compared with the guest's read after the port run
DISK=$WORK/disk.img
[ -f "$DISK" ] || head -c 4194304 /dev/urandom > "$DISK"
DISK_SHA=$(sha256sum "$DISK" | cut -d' ' -f1)
for f in kernel-test-guest.sh:init kernel-test-port.sh:kernel-test-port.sh kernel-test-bench.sh:kernel-test-bench.sh kernel-test-gadget.sh:kernel-test-gadget.sh \
  kernel-test-gadget-faults.sh:kernel-test-gadget-faults.sh kernel-test-gadget-backup.sh:kernel-test-gadget-backup.sh; do
  sed -e "s|@JDK@|$JDK|g" -e "s|@APP@|$APP|g" -e "s|@BLOCKS@|$ISO_BLOCKS|g" -e "s|@BENCH@|${KT_NO_BENCH:-}|g" \
    -e "s|@DISKSHA@|$DISK_SHA|g" "scripts/${f%%:*}" > "$IRD/${f#*:}"
done
chmod +x "$IRD/init"
(cd "$IRD" && find . | cpio -o -H newc --quiet | gzip -1) > "$WORK/initramfs.cpio.gz"

# --- 6. boots: one function, the device topology as arguments ----------------------------------------
# boot NAME STAGE QEMU-DEVICE-ARGS...: q35 under TCG, the JDK and the app shared over 9p; console in NAME.log
boot() {
  local name=$1 stage=$2; shift 2
  log "boot $name (stage $stage) under TCG, kernel $KVER"
  local t0; t0=$(date +%s)
  set +e
  timeout 1200 qemu-system-x86_64 -accel tcg -smp 1 -m 2048 -nodefaults -display none -serial stdio -no-reboot \
    -machine q35 -kernel "$KPKG/boot/vmlinuz-$KVER" -initrd "$WORK/initramfs.cpio.gz" \
    -append "console=ttyS0 panic=-1 loglevel=4 KT_STAGE=$stage ${KT_GUEST_ENV:-}" "$@" \
    -virtfs local,path="$JDK",mount_tag=jdk,security_model=none,readonly=on \
    -virtfs local,path="$APP",mount_tag=app,security_model=none,readonly=on \
    > "$WORK/$name.log" 2>&1
  local rc=$?
  set -e
  echo "$name $rc $(( $(date +%s) - t0 ))" >> "$WORK/boots"
  tr -d '\r' < "$WORK/$name.log" | grep -E '^(PASS|FAIL|INFO|BENCH|RUN) ' || true
}
: > "$WORK/boots"
# boot 1: the ISO on an AHCI port; a PIIX IDE function with an empty CD (primary) and a raw disk (secondary),
# which the port refusal case holds open
if [ -z "${KT_ONLY_GADGET:-}" ]; then
stage1=sg; [ -z "${KT_ONLY_BENCH:-}" ] || stage1=bench
boot sg $stage1 \
  -drive file="$ISO",if=none,id=cd0,media=cdrom,readonly=on -device ide-cd,drive=cd0,bus=ide.0 \
  -device piix3-ide,id=pata -drive if=none,id=cd1,media=cdrom -device ide-cd,drive=cd1,bus=pata.0 \
  -drive file="$DISK",if=none,id=hd1,format=raw -device ide-hd,drive=hd1,bus=pata.1
# boot 2 (issue 14 §4): the CD alone on piix3-ide, the raw disk on q35's AHCI (two piix3-ide functions on q35
# share the legacy ports and do not work)
[ -n "${KT_ONLY_BENCH:-}" ] || boot port port \
  -device piix3-ide,id=pata -drive file="$ISO",if=none,id=cd1,media=cdrom,readonly=on -device ide-cd,drive=cd1,bus=pata.0 \
  -drive file="$DISK",if=none,id=hd0,format=raw -device ide-hd,drive=hd0,bus=ide.0
fi
# boot 3 (issue 16 §2): no drives; emulated drives served to the guest's kernel as USB gadgets (dummy_hcd)
[ -n "${KT_ONLY_BENCH:-}" ] || [ -n "${KT_NO_GADGET:-}" ] || boot gadget gadget

# --- 7. verdict -------------------------------------------------------------------------------------
passed=0; failed=0; boot_times=
while read -r name rc secs; do
  console=$WORK/$name.log
  passed=$((passed + $(tr -d '\r' < "$console" | grep -c '^PASS ' || true)))
  failed=$((failed + $(tr -d '\r' < "$console" | grep -c '^FAIL ' || true)))
  if [ "$rc" -ne 0 ]; then echo "FAIL boot $name: qemu exited with $rc"; failed=$((failed + 1)); fi
  if ! tr -d '\r' < "$console" | grep -q '^GUEST-DONE'; then
    echo "FAIL boot $name: the guest did not finish (console: $console)"; tail -n 30 "$console"; failed=$((failed + 1))
  fi
  boot_times="$boot_times ${name} ${secs}s"
done < "$WORK/boots"
echo "kernel $KVER, QEMU runs:$boot_times, whole test $(( $(date +%s) - start_time ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
