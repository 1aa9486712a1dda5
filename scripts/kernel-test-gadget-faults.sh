# The gadget stage's fault cases (issue 16 §2), sourced by the guest's /init after scripts/kernel-test-gadget.sh,
# whose helpers they use (gadget_attach, gadget_detach, gadget_dmesg, download, GDIR, TIMESCALE, GADGET).
# One emulated drive, one image file, three flashes through /dev/sgN (docs/testing.md "Fault cases"):
#   1. attach with powerloss@cmd:Y, Y inside the download stream: the drive loses power there, the gadget leaves
#      the bus, the flash fails at once (exit 3) keeping its journal, and attach ends by itself and cleans up;
#   2. attach the same image again (the drive powers on from its flash) with timeout@cmd:X, X the stream's last
#      block, the one the drive burns in: the resumed flash waits out its SG_IO timeout, usb-storage aborts the
#      command and resets the device, odflash reports the timeout (exit 3) and keeps its journal;
#   3. on the same attach (the gadget lived through the reset) the same flash resumes and ends verified; detach.
# KT_FAULT_PROFILE picks the profile (default tsst-ts-h353c: five blocks of FF 00 01, a burn of 0.7 s).
FAULT_HOME=/tmp/faults-home

# Commands the drive gets from the kernel by itself before odflash's first, on Debian's 6.1 kernel: 9 while
# usb-storage and sr probe the device (TEST UNIT READY and REQUEST SENSE twice, INQUIRY, GET CONFIGURATION twice,
# GESN, MODE SENSE page 2Ah: printed by each gadget case as "the kernel sent at attach") and 6 more by the time the
# flash starts. Only an estimate for Y: any count within one of it still puts the cut mid-stream, the checks say
# where it landed, and X is taken from what the first attach really got.
KERNEL_BEFORE_FLASH=15

# The JVM's interpreter by default (FAULT_JIT overrides): on the guest's one TCG vCPU a short odflash command took
# 7.3 s interpreted and 9.4 s with C1 (one measure, `emu profiles`), the compiles costing more than they save.
faults_flash() { # n: flash number n of the image through $sg with its own trace; sets rc, f_secs
  rm -f /tmp/faults-host$1.jsonl
  f_s0=$(uptime_s)
  ( export ODFLASH_HOME=$FAULT_HOME
    timeout 200 $JAVA ${FAULT_JIT:--Xint} dev.odflash.cli.Main flash --device "$sg" $GDIR/$fp.bin --yes \
      --without-backup --trace /tmp/faults-host$1.jsonl --json > faults$1.json 2> faults$1.err < /dev/null ); rc=$?
  f_secs=$(awk "BEGIN{print $(uptime_s)-$f_s0}")
  echo "INFO faults $fp: flash $1 through $sg exit $rc after $f_secs s, device $(grep -o '"kind" : "[a-z_]*"' \
    faults$1.json | sed -n 2p): $(grep -o '"message" : "[^"]*' faults$1.json | head -n 1 | cut -c14-300)"
}
faults_journal() { ls $FAULT_HOME/journals/*.json >/dev/null 2>&1; }
faults_attach_gone() { # seconds to wait for the attach process to end by itself; sets f_arc (its exit code)
  i=0; while kill -0 $apid 2>/dev/null && [ $i -lt $(($1 * 10)) ]; do sleep 0.1; i=$((i+1)); done
  if kill -0 $apid 2>/dev/null; then f_arc=running; else wait $apid; f_arc=$?; fi
}
# command K of the gadget's trace (line K+1: the header comes first)
gadget_command() { sed -n "$(($1 + 1))p" /tmp/gadget.jsonl; }
# the number of the first download command (3B, 3C, FF) in a trace
first_download() { sed 1d "$1" | grep -n '"cdb":"\(3b\|3c\|ff\)' | head -n 1 | cut -d: -f1; }
faults_cut_mid() { # the cut command is a download block, neither the first nor the last, and got no answer
  gadget_command $f_cut | grep -q '"cdb":"\(3b\|3c\|ff\).*"error":"NO_ANSWER"' && [ "$f_done" -ge 1 ] &&
    [ "$f_done" -le $((f_blocks - 2)) ]
}
faults_stall_there() { gadget_command $f_stall | grep -q "\"cdb\":\"$f_last\".*\"error\":\"TIMEOUT\""; }
faults_since() { awk "BEGIN{print $(uptime_s)-$1}"; }
faults_attach_took() { # where an attach's time went: the gadget bound (the host saw a new device), sr attached
  echo "INFO faults $fp: attach started at $f_a0 s, printed its nodes $(faults_since $f_a0) s later; kernel: $(dmesg |
    grep -E 'new high-speed USB device|Attached scsi CD-ROM' | tail -n 2 | cut -c1-80 | tr '\n' ' ')"
}

gadget_faults() {
  fp=${KT_FAULT_PROFILE:-tsst-ts-h353c}
  f_img=/tmp/faults-$fp.img
  rm -rf "$f_img" $FAULT_HOME
  f_t0=$(uptime_s)
  # the in-process run of the same flash: its commands before the stream (each CHECK CONDITION among them costs one
  # more, usb-storage's own REQUEST SENSE), its blocks, and the CDB of the last one, the block the drive burns in
  f_pre=$(sed 1d $GDIR/$fp.jsonl | awk '/"cdb":"(3b|3c|ff)/{exit} {n++} /"status":2/{n++} END{print n+0}')
  f_blocks=$(download $GDIR/$fp.jsonl | wc -l)
  f_last=$(download $GDIR/$fp.jsonl | tail -n 1 | cut -d' ' -f1)
  f_cut=$((KERNEL_BEFORE_FLASH + f_pre + (f_blocks + 1) / 2))
  echo "INFO faults $fp: $f_pre commands before a stream of $f_blocks blocks; the power cut is set at command $f_cut"

  # --- 1. a power cut in the middle of the stream ---------------------------------------------------------------
  f_a0=$(uptime_s)
  gadget_attach "emu:$fp?image=$f_img&timescale=$TIMESCALE&fault=powerloss@cmd:$f_cut"
  faults_attach_took
  expect "faults $fp: emu attach with powerloss@cmd:$f_cut prints its sg node" test -n "$sg"
  [ -n "$sg" ] || { sed 's/^/INFO attach.err: /' attach.err | head -n 5; gadget_dmesg; return; }
  faults_flash 1
  expect "faults $fp: the flash cut by the power loss exits 3 (device)" test $rc -eq 3
  expect "faults $fp: ... within 45 s, without waiting out its 60 s SG_IO timeout (the drive left the bus)" \
    awk "BEGIN{exit !($f_secs < 45)}"
  expect "faults $fp: ... saying the drive stopped answering, without a stack trace" \
    sh -c "grep -q 'stopped answering' faults1.json && ! grep -q 'Exception' faults1.err"
  expect "faults $fp: ... and keeps its resume journal" faults_journal
  [ $rc -eq 3 ] || { tail -n 5 faults1.err | sed 's/^/INFO flash1.err: /'; gadget_dmesg; }
  f_g0=$(uptime_s)
  faults_attach_gone 20
  echo "INFO faults $fp: emu attach ended $(faults_since $f_g0) s after the flash"
  expect "faults $fp: emu attach ended by itself with exit 3 when its drive lost power" test "$f_arc" = 3
  expect "faults $fp: ... saying the gadget left the bus" \
    grep -q 'the emulated drive is off (.*power lost during command.*the gadget left the bus' attach.err
  expect "faults $fp: ... and removed the gadget" test ! -d $GADGET
  expect "faults $fp: ... and no sg node of the gadget is left" \
    sh -c "! ls -l /sys/class/scsi_generic/ 2>/dev/null | grep -q dummy_hcd"
  [ "$f_arc" = running ] && { kill $apid; wait $apid; }
  f_first=$(first_download /tmp/gadget.jsonl)
  f_done=$((f_cut - f_first))
  echo "INFO faults $fp: the drive got before the first block: $(sed 1d /tmp/gadget.jsonl | head -n $((f_first - 1)) |
    sed -n 's/^{"cdb":"\(..\)[0-9a-f]*".*"status":\([0-9]*\).*/\1:\2/p' | tr '\n' ' ')"
  expect "faults $fp: the cut came mid-stream (command $f_cut: block $((f_done + 1)) of $f_blocks)" faults_cut_mid
  expect "faults $fp: no command reached the drive after the cut" test "$(sed 1d /tmp/gadget.jsonl | wc -l)" -eq $f_cut
  # the resumed flash sends what the first one sent before its stream, and the kernel repeats its attach: the last
  # block's number in the next attach is this attach's first block's number plus the blocks after it
  f_stall=$((f_first + f_blocks - 1))
  echo "INFO faults $fp: the first block was command $f_first; the stall is set at command $f_stall (the last block)"
  echo "INFO faults $fp: case 1 took $(faults_since $f_t0) s guest time"

  # --- 2. the same image, powered on again: a burn stall longer than the SG_IO timeout -------------------------
  f_t1=$(uptime_s)
  f_a0=$(uptime_s)
  gadget_attach "emu:$fp?image=$f_img&timescale=$TIMESCALE&fault=timeout@cmd:$f_stall"
  faults_attach_took
  expect "faults $fp: the same image attaches again (the drive powered on) and prints its sg node" test -n "$sg"
  [ -n "$sg" ] || { sed 's/^/INFO attach.err: /' attach.err | head -n 5; gadget_dmesg; return; }
  faults_flash 2
  expect "faults $fp: the flash whose burn stalls exits 3 (device)" test $rc -eq 3
  expect "faults $fp: ... reporting a timeout, without a stack trace" \
    sh -c "grep -q '\"kind\" : \"timeout\"' faults2.json && ! grep -q 'Exception' faults2.err"
  expect "faults $fp: ... after its 60 s SG_IO timeout, not hung (within 120 s)" \
    awk "BEGIN{exit !($f_secs >= 60 && $f_secs < 120)}"
  expect "faults $fp: ... and keeps its resume journal" faults_journal
  expect "faults $fp: the stall hit the block the drive burns in (command $f_stall, $f_last)" faults_stall_there
  expect "faults $fp: emu attach still serves after the host's abort and reset" kill -0 $apid
  expect "faults $fp: ... and said the command got no answer" grep -q 'no answer to command 0xFF' attach.err
  dmesg | grep -i -E 'reset|abort|timed out|timeout' | tail -n 4 | sed 's/^/INFO faults dmesg: /'
  [ $rc -eq 3 ] || { tail -n 5 faults2.err | sed 's/^/INFO flash2.err: /'; gadget_dmesg; }
  echo "INFO faults $fp: case 2 took $(faults_since $f_t1) s guest time"

  # --- 3. the same command resumes on the same attach and ends verified -----------------------------------------
  f_t2=$(uptime_s)
  faults_flash 3
  expect "faults $fp: the resumed flash on the same attach exits 0" test $rc -eq 0
  expect "faults $fp: ... and ends verified" grep -q '"verified" : true' faults3.json
  expect "faults $fp: ... and its journal is gone" sh -c "! ls $FAULT_HOME/journals/*.json >/dev/null 2>&1"
  download /tmp/faults-host3.jsonl > host.dl; f_n=$(wc -l < host.dl)
  download /tmp/gadget.jsonl | tail -n "$f_n" > gadget.dl
  expect "faults $fp: the gadget received its $f_n download commands byte for byte" \
    sh -c "test $f_n -eq $f_blocks && cmp -s host.dl gadget.dl"
  [ $rc -eq 0 ] || { tail -n 5 faults3.err | sed 's/^/INFO flash3.err: /'; gadget_dmesg; }
  gadget_detach "faults $fp"
  echo "INFO faults $fp: case 3 took $(faults_since $f_t2) s guest time"
  echo "INFO gadget fault cases took $(faults_since $f_t0) s guest time"
}
