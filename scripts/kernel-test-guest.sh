#!/bin/busybox sh
# /init of the kernel test's guest (scripts/kernel-test.sh fills in @JDK@, @APP@, @BLOCKS@, @BENCH@, @DISKSHA@).
# Prints "PASS name" / "FAIL name: why" lines the host counts, "BENCH ..." figures, then GUEST-DONE.
# KT_STAGE (kernel command line) picks what this boot runs: "sg" (default: the SG_IO checks, the benchmark and
# the port path's refusal case), "port" (the port path's positive case, scripts/kernel-test-port.sh) or "bench"
# (KT_ONLY_BENCH: the first boot's devices, the benchmark alone, scripts/kernel-test-bench.sh) or "gadget"
# (the third boot, without drives: the USB gadget stage, scripts/kernel-test-gadget.sh).
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev; mount -t tmpfs tmp /tmp
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null # the lockdown state doctor reports
for m in $(cat /modules.list); do insmod /lib/modules/$m 2>/dev/null; done
STAGE=${KT_STAGE:-sg}
if [ "$STAGE" = gadget ]; then
  : # no drives to wait for
elif [ "$STAGE" != port ]; then
  i=0; while { [ ! -e /dev/sg1 ] || [ ! -e /dev/sr1 ]; } && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
else
  i=0; while { [ ! -e /dev/sr0 ] || [ ! -e /dev/sda ]; } && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
fi
O=trans=virtio,version=9p2000.L,ro,msize=262144
mkdir -p @JDK@ @APP@; mount -t 9p -o $O jdk @JDK@; mount -t 9p -o $O app @APP@
cd /tmp
export ODFLASH_HOME=/tmp/odflash HOME=/tmp

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; }
expect() { # name, then a command whose success is the check
  name=$1; shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}
hexof() { od -An -v -tx1 | tr -d ' \n'; }

AOT=
[ -f @APP@/odflash.aot ] && AOT="-XX:AOTCache=@APP@/odflash.aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching"
JAVA="@JDK@/bin/java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC $AOT -cp @APP@/odflash.jar:@APP@/kernelcheck.jar"
odflash() { $JAVA -Xint dev.odflash.cli.Main "$@"; }
uptime_s() { cut -d' ' -f1 /proc/uptime; }
. /kernel-test-port.sh # the port path's stages (issue 14 §4)
. /kernel-test-bench.sh # the benchmark (issue 16 §3)
. /kernel-test-gadget.sh # the USB gadget stage (issue 16 §2)
. /kernel-test-gadget-faults.sh # its fault cases: a power cut mid-stream, a burn stall, the resume
. /kernel-test-gadget-backup.sh # its MT19xx backup, read again by sg_raw

# --- stage "port" (second boot): the port path's positive case, then done -------------------------------
if [ "$STAGE" = port ]; then
  echo "INFO stage port: java starts at guest uptime $(uptime_s) s"
  port_positive
  echo "INFO guest uptime at the end $(uptime_s) s"
  echo GUEST-DONE
  sync
  poweroff -f
fi

# --- stage "gadget" (third boot): the USB gadget stage, then done ------------------------------
if [ "$STAGE" = gadget ]; then
  echo "INFO stage gadget: java starts at guest uptime $(uptime_s) s"
  gadget_stage
  echo "INFO guest uptime at the end $(uptime_s) s"
  echo GUEST-DONE
  sync
  poweroff -f
fi

# which drive holds the ISO: the one that is ready
MEDIA_SG=; MEDIA_SR=; EMPTY_SG=; EMPTY_SR=
for sg in /sys/class/scsi_generic/sg*; do
  [ "$(cat $sg/device/type 2>/dev/null)" = 5 ] || continue # the port refusal case's raw disk is not a drive here
  n=${sg##*/}; blk=$(ls $sg/device/block 2>/dev/null)
  if sg_turs /dev/$n >/dev/null 2>&1; then MEDIA_SG=/dev/$n; MEDIA_SR=/dev/$blk; else EMPTY_SG=/dev/$n; EMPTY_SR=/dev/$blk; fi
done
echo "INFO drives: media $MEDIA_SG $MEDIA_SR, empty $EMPTY_SG $EMPTY_SR"
expect "two drives found by the kernel (media + empty)" test -n "$MEDIA_SG" -a -n "$EMPTY_SG" -a -n "$MEDIA_SR" -a -n "$EMPTY_SR"
echo "INFO java starts at guest uptime $(uptime_s) s"
if [ "$STAGE" = bench ]; then # KT_ONLY_BENCH: the benchmark alone, on this boot's devices
  bench_run
  echo "INFO guest uptime at the end $(uptime_s) s"
  echo GUEST-DONE
  sync
  poweroff -f
fi

# --- odflash list --json ---------------------------------------------------------------------------
t0=$(uptime_s)
odflash list --json > list.json 2> list.err; rc=$?
expect "list --json exits 0" test $rc -eq 0
expect "list shows both sg nodes" sh -c "grep -q '\"sg\" : \"$MEDIA_SG\"' list.json && grep -q '\"sg\" : \"$EMPTY_SG\"' list.json"
expect "list shows both sr nodes" sh -c "grep -q '\"block\" : \"$MEDIA_SR\"' list.json && grep -q '\"block\" : \"$EMPTY_SR\"' list.json"
expect "list shows vendor QEMU from sysfs" grep -q '"vendor" : "QEMU"' list.json
expect "list shows the ATA port bus path" grep -q '"path" : "ATA port ata[0-9]*"' list.json
grep -E '"(device|path)"' list.json | head -n 4 | sed 's/^/INFO list: /'
echo "INFO list took $(awk "BEGIN{print $(uptime_s)-$t0}") s guest time"

# --- odflash info on both drives (sr node of one, sg node of the other) --------------------------------
odflash info --device $MEDIA_SR --json > info1.json 2> info1.err; rc=$?
expect "info $MEDIA_SR exits 0" test $rc -eq 0
expect "info $MEDIA_SR: known=false" grep -q '"known" : false' info1.json
expect "info $MEDIA_SR: medium present" grep -q '"mediumPresent" : true' info1.json
expect "info $MEDIA_SR: no vendor command" grep -q 'no vendor command' info1.json
odflash info --device $EMPTY_SG --json > info2.json 2> info2.err; rc=$?
expect "info $EMPTY_SG exits 0" test $rc -eq 0
expect "info $EMPTY_SG: known=false" grep -q '"known" : false' info2.json
expect "info $EMPTY_SG: no medium" grep -q '"mediumPresent" : false' info2.json
expect "info $EMPTY_SG: product QEMU DVD-ROM" grep -q '"product" : "QEMU DVD-ROM"' info2.json
[ $rc -eq 0 ] || cat info2.err

# --- odflash doctor -----------------------------------------------------------------------------------
odflash doctor --json > doctor.json 2> doctor.err; rc=$?
expect "doctor --json exits 0" test $rc -eq 0
expect "doctor passed=true" grep -q '"passed" : true' doctor.json
expect "doctor: sg driver ok" sh -c "grep -A2 '\"check\" : \"sg driver\"' doctor.json | grep -q '\"ok\"'"
expect "doctor: vendor probe skipped for unknown drives" grep -q 'unknown drive (not in the drive table): no vendor' doctor.json
odflash doctor --device $EMPTY_SR > doctor.txt 2>&1; rc=$?
expect "doctor --device $EMPTY_SR exits 0" test $rc -eq 0
sed 's/^/INFO doctor: /' doctor.txt | head -n 8

# --- raw commands through the transport, compared with sg3-utils --------------------------------------
$JAVA -Xint dev.odflash.nativeio.linux.KernelCheck checks $MEDIA_SG $MEDIA_SR $EMPTY_SG $EMPTY_SR > kc.txt 2>&1
sed 's/^/INFO kc: /' kc.txt
for node in $MEDIA_SG $MEDIA_SR $EMPTY_SG $EMPTY_SR; do
  ours=$(grep "^INQUIRY $node " kc.txt | sed 's/.*hex=//')
  theirs=$(sg_inq --raw --len=36 $node 2>/dev/null | hexof)
  expect "INQUIRY $node matches sg_inq ($theirs)" test -n "$ours" -a "$ours" = "$theirs"
  expect "INQUIRY $node buffer page aligned" grep -q "^INQUIRY $node .*aligned=true" kc.txt
  sg_turs $node >/dev/null 2>&1; trc=$?
  status=$(grep "^TUR $node " kc.txt | sed 's/.*status=\(0x..\).*/\1/')
  case "$trc:$status" in
    0:0x00) pass "TEST UNIT READY $node matches sg_turs (ready)";;
    2:0x02) if grep -q "^TUR $node .*sense=2/3A/" kc.txt && sg_turs -v $node 2>&1 | grep -qi 'medium not present'; then
              pass "TEST UNIT READY $node matches sg_turs (2/3A/xx medium not present)"
            else fail "TEST UNIT READY $node: sense differs"; fi;;
    *) fail "TEST UNIT READY $node: sg_turs exit $trc, odflash status $status";;
  esac
  expect "READ BUFFER mode 3 on $node: not supported by this drive, 5/20/00" \
    grep -q "^READBUFFER $node status=0x02 sense=5/20/00 verdict=not supported by this drive" kc.txt
  sg_raw -r 4 $node 3c 03 00 00 00 00 00 00 04 00 > sgraw.txt 2>&1
  expect "READ BUFFER mode 3 on $node: sg_raw agrees (Illegal Request, invalid command operation code)" \
    sh -c "grep -qi 'illegal request' sgraw.txt && grep -qi 'invalid command operation code' sgraw.txt"
  expect "exclusive use on $node: a second taker gets 'in use by PID'" grep -q "^EXCL $node .*second=.*in use by PID [0-9]" kc.txt
  case $node in /dev/sg*)
    expect "exclusive use on $node: another odflash process gets 'in use by PID'" grep -q "^EXCL $node .*otherprocess=.*in use by PID [0-9]" kc.txt
    expect "exclusive use on $node: sg_turs in another process refused while held" \
    grep -q "^EXCL $node .*sg_turs=[1-9]" kc.txt;; esac
  expect "exclusive use on $node: O_EXCL open refused with EBUSY" grep -q "^EXCL $node .*oexcl=EBUSY" kc.txt
  expect "exclusive use on $node: released, drive answers again" grep -q "^EXCL-RELEASED $node tur=0x0" kc.txt
  expect "6-byte group-7 CDB on $node: DID_ERROR mapped" grep -q "^GROUP7 $node kind=OS_ERROR .*DID_ERROR" kc.txt
done
echo "INFO checks done at guest uptime $(uptime_s) s"

# --- the port path's refusal case (issue 14 §4), on this boot's PIIX function ---------------------------
port_refusal
echo "INFO port refusal done at guest uptime $(uptime_s) s"

# --- benchmark (issue 5 §5, issue 16 §3): figures only, scripts/kernel-test-bench.sh --------------------
[ -z "@BENCH@" ] && bench_run
echo "INFO guest uptime at the end $(uptime_s) s"
echo GUEST-DONE
sync
poweroff -f
