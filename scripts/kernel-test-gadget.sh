# The kernel test's gadget stage (issue 16 §2), sourced by the guest's /init (scripts/kernel-test-guest.sh):
# `odflash emu attach` serves an emulated drive to the guest's own kernel through dummy_hcd + FunctionFS, and
# odflash runs against the /dev/sgN it became with the real SgTransport. Prints PASS/FAIL lines like the rest.
# The host (scripts/kernel-test.sh) put each download profile's firmware file and the trace of the same flash run
# in-process on the emulator into @APP@/gadget/.
GADGET=/sys/kernel/config/usb_gadget/odflash
GDIR=@APP@/gadget
TIMESCALE=10 # the emulated drives run on the wall clock ten times faster (burns of seconds, not minutes)

gadget_dmesg() { # the kernel's own account (the console runs at loglevel 4): usb, scsi and gadget lines
  dmesg | grep -i -E 'usb|scsi|sr[0-9]|sg[0-9]|gadget|ffs|dummy|storage' | tail -n 40 | sed 's/^/INFO dmesg: /'
}

# canon TRACE: "cdb len sha" of odflash's own commands from the first download command (WRITE BUFFER 3B, READ
# BUFFER 3C, vendor FF) on; TEST UNIT READY and REQUEST SENSE are left out (their number follows the drive's timing)
canon() {
  sed -n 's/^{"cdb":"\([0-9a-f]*\)","dir":"[a-z]*","len":\([0-9]*\),\("dataOutSha256":"\([0-9a-f]*\)",\)\{0,1\}.*/\1 \2 \4/p' "$1" |
    awk '{op=substr($1,1,2)} op=="3b"||op=="3c"||op=="ff"{on=1} on && op!="00" && op!="03" {print $1, $2, ($3==""?"-":$3)}'
}
# download TRACE: the download commands alone (3B, 3C, FF), which only odflash sends
download() { canon "$1" | awk '{op=substr($1,1,2)} op=="3b"||op=="3c"||op=="ff"'; }

# The serving JVM and the flashing one run for minutes on the guest's one TCG vCPU: C1 code, not the interpreter
# the short commands use (the AOT cache carries no adapter code, so the JIT is safe on qemu64: docs/testing.md).
odflash_long() { $JAVA -XX:TieredStopAtLevel=1 dev.odflash.cli.Main "$@"; }

gadget_attach() { # spec: starts `emu attach` with its own trace in the background; sets apid, sg, sr
  rm -f /tmp/gadget.jsonl # odflash never overwrites a trace
  # emptied here, not by the background job's redirection: that runs after the fork, and the wait below would
  # otherwise find the previous case's "attached" line and go on at once
  : > attach.out; : > attach.err
  odflash_long --trace /tmp/gadget.jsonl emu attach "$1" > attach.out 2> attach.err &
  apid=$!
  i=0
  while ! grep -q '^attached' attach.out && kill -0 $apid 2>/dev/null && [ $i -lt 1800 ]; do sleep 0.1; i=$((i+1)); done
  sg=$(sed -n 's/^attached .* as \(\/dev\/sg[0-9]*\).*/\1/p' attach.out)
  sr=$(sed -n 's/^attached .* and \(\/dev\/sr[0-9]*\).*/\1/p' attach.out)
  echo "INFO gadget $1: sg=$sg sr=$sr after $i tenths of a second"
}

# --- the non-root matrix (issue 16 §2; docs/testing.md "The non-root matrix") ---------------------------------
# A user odtest (uid 4243) in a group odflash (gid 4242) that owns the nodes the way
# scripts/packaging/60-odflash-optical.rules makes udev do (GROUP, MODE 0660); busybox su drops root's privileges
# (the guest has no setpriv that changes uids). The kernel's SCSI command filter decides, not odflash.
NR_UID=4243 NR_GID=4242
as_odtest() { # command line for sh -c, run as odtest with its own data home
  su -p -s /bin/sh odtest -c "ODFLASH_HOME=/tmp/nr-home HOME=/tmp/nr-home $*"
}
probes() { grep -c '"cdb":"ff00ff0000000000000000aa"' /tmp/gadget.jsonl; }
nr_doctor() { # label node: doctor as odtest; sets rc, n0 (probes before), n1 (after)
  n0=$(probes)
  as_odtest "$JAVA -Xint dev.odflash.cli.Main doctor --device $2 --json" > nr-$1.json 2> nr-$1.err; rc=$?
  n1=$(probes)
  echo "INFO nonroot $1: doctor --device $2 ($(ls -l $2 | cut -d' ' -f1)) exit $rc, probes at the drive $n0 -> $n1"
  grep -o '"[a-z]*" : "[^"]*\(EPERM\|EACCES\|permission\|read-write\|vendor probe\)[^"]*"' nr-$1.json | head -n 6 |
    sed "s/^/INFO nonroot $1: /"
  [ -s nr-$1.err ] && head -n 3 nr-$1.err | sed "s/^/INFO nonroot $1 stderr: /"
}
gadget_nonroot() { # profile (a TSST one: its 12-byte probe is the vendor command)
  p=$1
  grep -q '^odtest:' /etc/passwd 2>/dev/null || {
    echo "odtest:x:$NR_UID:$NR_GID:odflash kernel test:/tmp/nr-home:/bin/sh" >> /etc/passwd
    echo "odflash:x:$NR_GID:" >> /etc/group
  }
  rm -rf /tmp/nr-home
  expect "nonroot $p: su runs commands as uid $NR_UID, without root" sh -c "test \"\$(su -p -s /bin/sh odtest -c 'id -u')\" = $NR_UID"
  sg_was=$(stat -c '%g %a' "$sg"); sr_was=$(stat -c '%g %a' "$sr")
  echo "INFO nonroot $p: devtmpfs made $sg gid/mode $sg_was, $sr $sr_was"
  chgrp $NR_GID "$sg" "$sr"; chmod 660 "$sg" "$sr"
  # (a) /dev/sgN read-write: every command passes, the vendor probe among them
  nr_doctor sg-rw "$sg"
  expect "nonroot $p: doctor through $sg read-write (group, 0660) exits 0" test $rc -eq 0
  expect "nonroot $p: its TSST 12-byte probe reached the drive through the kernel" test "$n1" -gt "$n0"
  # (b) /dev/sgN that odtest may only read: odflash falls back to a read-only open, the kernel refuses FF
  chmod 640 "$sg"
  nr_doctor sg-ro "$sg"
  expect "nonroot $p: doctor through a read-only $sg exits 3 (a failed check)" test $rc -eq 3
  expect "nonroot $p: the read-only open's vendor probe got EPERM from the kernel's filter" \
    sh -c "grep 'vendor probe' nr-sg-ro.json >/dev/null && grep -q 'ioctl failed (EPERM)' nr-sg-ro.json"
  expect "nonroot $p: the read-only open's probe never reached the drive" test "$n1" -eq "$n0"
  expect "nonroot $p: doctor's advice for it names the read-write /dev/sgN" grep -q 'opened read-write' nr-sg-ro.json
  # (c) /dev/srN read-write (the block node): the kernel refuses FF whatever the open mode
  nr_doctor sr "$sr"
  expect "nonroot $p: doctor through $sr exits 3 (a failed check)" test $rc -eq 3
  expect "nonroot $p: $sr's vendor probe got EPERM from the kernel's filter" grep -q 'ioctl failed (EPERM)' nr-sr.json
  expect "nonroot $p: $sr's probe never reached the drive" test "$n1" -eq "$n0"
  expect "nonroot $p: doctor's advice for it names the read-write /dev/sgN" grep -q 'opened read-write' nr-sr.json
  chgrp ${sg_was% *} "$sg"; chmod ${sg_was#* } "$sg"; chgrp ${sr_was% *} "$sr"; chmod ${sr_was#* } "$sr"
}

gadget_detach() { # profile
  odflash emu detach > detach.out 2> detach.err; rc=$?
  expect "gadget $1: emu detach exits 0" test $rc -eq 0
  i=0; while kill -0 $apid 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
  expect "gadget $1: emu attach has ended after detach" sh -c "! kill -0 $apid 2>/dev/null"
  expect "gadget $1: the gadget is removed" test ! -d $GADGET
  expect "gadget $1: no sg node of the gadget is left" sh -c "! ls -l /sys/class/scsi_generic/ 2>/dev/null | grep -q dummy_hcd"
}

gadget_case() { # profile, checks (words: info doctor nonroot backup bench)
  p=$1; checks=$2
  gadget_attach "emu:$p?image=/tmp/$p.img&timescale=$TIMESCALE"
  expect "gadget $p: emu attach prints the sg and sr nodes it became" test -n "$sg" -a -n "$sr"
  [ -n "$sg" ] || { sed 's/^/INFO attach.err: /' attach.err | head -n 5; gadget_dmesg; }
  expect "gadget $p: the gadget's trace header says wall clock, timescale $TIMESCALE" \
    grep -q "\"clock\":\"wall\",\"timescale\":$TIMESCALE" /tmp/gadget.jsonl
  expect "gadget $p: the kernel's own probe reached the drive (INQUIRY)" grep -q '"cdb":"12' /tmp/gadget.jsonl
  echo "INFO gadget $p: the kernel sent at attach: $(sed -n 's/^{"cdb":"\([0-9a-f]*\)".*"status":\([0-9]*\).*/\1:\2/p' \
    /tmp/gadget.jsonl | sort | uniq -c | tr -s ' \n' ' ')"
  if [ -n "$sg" ]; then
    case " $checks " in *" info "*)
      odflash info --device "$sg" --json > ginfo.json 2> ginfo.err; rc=$?
      expect "gadget $p: info through $sg exits 0" test $rc -eq 0
      expect "gadget $p: info through $sg names a known drive" grep -q '"known" : true' ginfo.json
      [ $rc -eq 0 ] || sed 's/^/INFO info.err: /' ginfo.err | head -n 5;;
    esac
    case " $checks " in *" doctor "*)
      odflash doctor --device "$sg" --json > gdoctor.json 2> gdoctor.err; rc=$?
      expect "gadget $p: doctor through $sg exits 0 (vendor commands crossed the kernel)" test $rc -eq 0
      [ $rc -eq 0 ] || sed 's/^/INFO doctor: /' gdoctor.json | grep -i 'fail\|error' | head -n 5;;
    esac
    case $p in tsst-*)
      expect "gadget $p: doctor's TSST 12-byte probe reached the drive intact (ff00ff..aa)" \
        grep -q '"cdb":"ff00ff0000000000000000aa"' /tmp/gadget.jsonl;;
    esac
    case " $checks " in *" nonroot "*) gadget_nonroot $p;; esac
    # before the flash: the backup reads the image the attach made (kernel-test-gadget-backup.sh), then the
    # transport's figures against sg3_utils on the same attach (kernel-test-bench.sh)
    case " $checks " in *" backup "*) gadget_backup $p;; esac
    case " $checks " in *" bench "*) bench_gadget $p;; esac
    # a flash of this profile's next version, ending verified, whose commands are the in-process run's
    timeout 400 $JAVA -XX:TieredStopAtLevel=1 dev.odflash.cli.Main flash --device "$sg" $GDIR/$p.bin --yes --without-backup \
      --trace /tmp/host-$p.jsonl --json > gflash.json 2> gflash.err < /dev/null; rc=$?
    expect "gadget $p: flash through $sg exits 0" test $rc -eq 0
    expect "gadget $p: flash through $sg ends verified" grep -q '"verified" : true' gflash.json
    if [ $rc -ne 0 ]; then
      echo "INFO flash exit $rc"; tail -n 8 gflash.err | sed 's/^/INFO flash.err: /'; tail -c 600 gflash.json | sed 's/^/INFO flash.json: /'
      tail -n 4 /tmp/host-$p.jsonl | cut -c1-160 | sed 's/^/INFO host trace: /'
      tail -n 4 /tmp/gadget.jsonl | cut -c1-160 | sed 's/^/INFO gadget trace: /'; gadget_dmesg
    fi
    canon /tmp/host-$p.jsonl > host.canon; canon $GDIR/$p.jsonl > inproc.canon
    expect "gadget $p: the host's --trace equals the in-process run's ($(wc -l < inproc.canon) commands)" \
      sh -c "test -s inproc.canon && cmp -s host.canon inproc.canon"
    cmp -s host.canon inproc.canon || diff host.canon inproc.canon | head -n 6 | sed 's/^/INFO diff: /'
    download /tmp/host-$p.jsonl > host.dl; n=$(wc -l < host.dl)
    download /tmp/gadget.jsonl | tail -n "$n" > gadget.dl
    expect "gadget $p: the gadget received those $n download commands byte for byte" \
      sh -c "test $n -gt 0 && cmp -s host.dl gadget.dl"
  fi
  gadget_detach "$p"
}

gadget_stage() {
  if [ ! -e /sys/class/udc/dummy_udc.0 ]; then
    fail "gadget stage: no dummy_udc.0 (dummy_hcd not loaded)"
    return
  fi
  t0=$(uptime_s)
  for p in $(echo "${KT_GADGET_PROFILES:-asus-bw16d1ht tsst-ts-h353c btc-drw1008 samsung-sd616f samsung-se506cb}" | tr , " "); do
    case $p in asus-*) gadget_case $p "info doctor backup bench";; # the MT19xx drive
               tsst-*) gadget_case $p "info doctor nonroot";; # the TSST 12-byte probe, as root and not
               *) gadget_case $p "";; esac
  done
  # a power cut mid-stream, a burn stall past the SG_IO timeout, the resume (kernel-test-gadget-faults.sh);
  # KT_NO_GADGET_FAULTS=1 (guest environment) leaves them out while iterating on the cases above
  if [ -z "${KT_NO_GADGET_FAULTS:-}" ]; then gadget_faults; else echo "INFO gadget fault cases left out (KT_NO_GADGET_FAULTS)"; fi
  echo "INFO gadget stage took $(awk "BEGIN{print $(uptime_s)-$t0}") s guest time"
}
