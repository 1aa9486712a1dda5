# The kernel test's gadget stage (issue 16 §2), sourced by the guest's /init (scripts/kernel-test-guest.sh):
# `odflash emu attach` serves an emulated drive to the guest's own kernel through dummy_hcd + FunctionFS, and
# odflash runs against the /dev/sgN it became with the real SgTransport. Prints PASS/FAIL lines like the rest.
GADGET=/sys/kernel/config/usb_gadget/odflash

gadget_dmesg() { # the kernel's own account (the console runs at loglevel 4): usb, scsi and gadget lines
  dmesg | grep -i -E 'usb|scsi|sr[0-9]|sg[0-9]|gadget|ffs|dummy|storage' | tail -n 40 | sed 's/^/INFO dmesg: /'
}

gadget_case() { # profile
  p=$1
  odflash emu attach "$p" > attach.out 2> attach.err &
  apid=$!
  i=0
  while ! grep -q '^attached' attach.out && kill -0 $apid 2>/dev/null && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done
  sg=$(sed -n 's/^attached .* as \(\/dev\/sg[0-9]*\).*/\1/p' attach.out)
  sr=$(sed -n 's/^attached .* and \(\/dev\/sr[0-9]*\).*/\1/p' attach.out)
  echo "INFO gadget $p: sg=$sg sr=$sr after $i tenths of a second"
  expect "gadget $p: emu attach prints the sg and sr nodes it became" test -n "$sg" -a -n "$sr"
  [ -n "$sg" ] || { sed 's/^/INFO attach.err: /' attach.err | head -n 5; gadget_dmesg; }
  if [ -n "$sg" ]; then
    odflash info --device "$sg" --json > ginfo.json 2> ginfo.err; rc=$?
    expect "gadget $p: info through $sg exits 0" test $rc -eq 0
    expect "gadget $p: info through $sg names a known drive" grep -q '"known" : true' ginfo.json
    [ $rc -eq 0 ] || sed 's/^/INFO info.err: /' ginfo.err | head -n 5
    odflash doctor --device "$sg" --json > gdoctor.json 2> gdoctor.err; rc=$?
    expect "gadget $p: doctor through $sg exits 0 (vendor commands crossed the kernel)" test $rc -eq 0
    [ $rc -eq 0 ] || sed 's/^/INFO doctor: /' gdoctor.json | grep -i 'fail\|error' | head -n 5
  fi
  odflash emu detach > detach.out 2> detach.err; rc=$?
  expect "gadget $p: emu detach exits 0" test $rc -eq 0
  i=0; while kill -0 $apid 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
  expect "gadget $p: emu attach has ended after detach" sh -c "! kill -0 $apid 2>/dev/null"
  expect "gadget $p: the gadget is removed" test ! -d $GADGET
}

gadget_stage() {
  [ -d /sys/kernel/config ] || mount -t configfs none /sys/kernel/config 2>/dev/null
  if [ ! -e /sys/class/udc/dummy_udc.0 ]; then
    fail "gadget stage: no dummy_udc.0 (dummy_hcd not loaded)"
    return
  fi
  for p in asus-bw16d1ht tsst-ts-h353c; do # the MT19xx drive and the TSST 12-byte probe
    gadget_case $p
  done
}
