# Guest stages of the kernel test for the Linux raw port path (issue 14 §4); sourced by /init
# (scripts/kernel-test-guest.sh), which defines odflash, expect, pass, fail. Two stages:
#   port_refusal  (first boot)  the piix3-ide function carries an empty CD and a raw disk held open by a process:
#                 odflash refuses to unbind it and touches no port; the port: forms resolve (--dry-run), list and
#                 doctor show the channels.
#   port_positive (second boot) the CD alone on piix3-ide, a raw disk on q35's AHCI: unbind, the generic intro
#                 through /dev/port, QEMU's refusal reported as "not in vendor mode" with the values, outro and
#                 DEVICE RESET (ATAPI signature), rebind, the drive found again by its PCI path, INQUIRY answers,
#                 and the AHCI disk's raw sectors equal the host's image.

# the sg node of the optical drive on the piix3-ide function, and the function's address
piix_cd() {
  for sg in /sys/class/scsi_generic/sg*; do
    [ "$(cat $sg/device/type 2>/dev/null)" = 5 ] || continue
    path=$(readlink -f $sg/device)
    fn=$(echo "$path" | tr '/' '\n' | grep -E '^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$' | tail -n1)
    [ -n "$fn" ] || continue
    cls=$(cat /sys/bus/pci/devices/$fn/class)
    case $cls in 0x0101*) echo "/dev/${sg##*/} $fn"; return 0;; esac
  done
  return 1
}
driver_of() { basename "$(readlink -f /sys/bus/pci/devices/$1/driver 2>/dev/null)" 2>/dev/null; }
ata_of() { readlink -f /sys/class/scsi_generic/${1##*/}/device | tr '/' '\n' | grep -E '^ata[0-9]+$' | head -n1; }

port_refusal() {
  set -- $(piix_cd)
  PCD=$1; PFN=$2
  echo "INFO port: PIIX CD $PCD on $PFN, driver $(driver_of $PFN)"
  expect "port: the PIIX function carries a CD" test -n "$PCD" -a -n "$PFN"
  DISK=$(for b in /sys/class/block/sd*; do [ -e "$b/partition" ] && continue
    case $(readlink -f $b) in */$PFN/*) echo /dev/${b##*/};; esac; done | head -n1)
  expect "port: a raw disk sits on the same PIIX function ($DISK)" test -n "$DISK"

  odflash info --device port:$PCD --dry-run --json > pdry.json 2> pdry.err; rc=$?
  expect "port: --dry-run of port:$PCD exits 0" test $rc -eq 0
  expect "port: --dry-run names the function and the position" sh -c "grep -q '\"function\" : \"$PFN\"' pdry.json && grep -q '\"position\" : \"master\"' pdry.json"
  echo "INFO port dry-run: $(tr -d '\n' < pdry.json | tr -s ' ' | head -c 400)"
  odflash info --device port:0x378:master --dry-run > pbad.txt 2>&1; rc=$?
  expect "port: a free-form port outside the scanned channels is a usage error (exit 2)" sh -c "test $rc -eq 2 && grep -q 'not the command block of an IDE channel' pbad.txt"

  odflash list --json > plist.json 2> plist.err; rc=$?
  expect "port: list shows the IDE channels and port access" sh -c "test $rc -eq 0 && grep -q '\"ideChannels\"' plist.json && grep -q '\"function\" : \"$PFN\"' plist.json && grep -q '\"ready\" : true' plist.json"

  # a raw disk held open by a process: odflash must refuse to unbind the function and touch no port
  ( exec 3< $DISK; exec sleep 600 ) &
  holder=$!
  sleep 0.5
  odflash info --device port:$PCD --family mtk8051 > pref.txt 2>&1; rc=$?
  sed 's/^/INFO port refusal: /' pref.txt | head -n 8
  expect "port: refused with a disk held open (exit 4)" test $rc -eq 4
  expect "port: the refusal names the holder" sh -c "grep -q 'refused to unbind $PFN' pref.txt && grep -q \"$DISK is open in process $holder (sleep)\" pref.txt"
  expect "port: no port was touched (no session, the function still bound to ata_piix)" sh -c "! grep -q 'port session' pref.txt && test \"$(driver_of $PFN)\" = ata_piix"
  expect "port: the CD still answers at $PCD" sg_inq $PCD
  kill $holder 2>/dev/null; wait $holder 2>/dev/null
}

port_positive() {
  set -- $(piix_cd)
  PCD=$1; PFN=$2
  ATA_BEFORE=$(ata_of $PCD)
  echo "INFO port: PIIX CD $PCD on $PFN ($ATA_BEFORE), driver $(driver_of $PFN)"
  expect "port: the PIIX function carries the CD alone" sh -c "test -n '$PCD' && ! ls -d /sys/bus/pci/devices/$PFN/ata*/host*/target*/*/block/sd* >/dev/null 2>&1"
  AHCI_DISK=/dev/sda
  odflash doctor > pdoc.txt 2>&1
  expect "port: doctor reports port access possible" grep -q 'port access.*possible (root' pdoc.txt
  expect "port: doctor lists the PIIX channel" grep -q "IDE channel.*$PFN" pdoc.txt

  odflash info --device port:$PCD --family mtk8051 --json > ppos.json 2> ppos.err; rc=$?
  sed 's/^/INFO port session: /' ppos.err | head -n 20
  expect "port: info through /dev/port exits 0" test $rc -eq 0
  expect "port: not in vendor mode, with the values (Status 0x41)" grep -q 'not in vendor mode: the intro (SN 0x2A, Command 0x80) was answered with Status 0x41' ppos.json
  expect "port: QEMU's refusal Status 0x41, Error 0x04 (ABRT)" grep -q 'Command 0x80 answered with Status 0x41, Error 0x04 (ABRT' ppos.err
  expect "port: the function was unbound and no driver was bound" grep -q "$PFN unbound from ata_piix; sysfs shows no driver bound" ppos.err
  expect "port: the intro, then the outro and DEVICE RESET were written" grep -q 'Command register writes: 0x80, 0x81, 0x08' ppos.err
  expect "port: DEVICE RESET left the ATAPI signature 0x14/0xEB" grep -q 'LBA mid/high 0x14/0xEB (the ATAPI signature)' ppos.err
  expect "port: rebound to ata_piix" sh -c "grep -q '$PFN bound to ata_piix again' ppos.err && test \"$(driver_of $PFN)\" = ata_piix"
  expect "port: found again by its PCI path" grep -q 'found again at .* on ata[0-9]* as /dev/sg[0-9]*' ppos.err
  expect "port: INQUIRY through SG_IO answers after the rebind" grep -q 'INQUIRY through SG_IO answers: QEMU QEMU DVD-ROM' ppos.err
  set -- $(piix_cd)
  ATA_AFTER=$(ata_of $1)
  echo "INFO port: after the rebind the CD is $1 on $ATA_AFTER (was $PCD on $ATA_BEFORE)"
  expect "port: the drive answers sg_inq after the run" sg_inq $1
  expect "port: the AHCI disk's raw sectors equal the host's image" test "$(dd if=$AHCI_DISK bs=65536 2>/dev/null | sha256sum | cut -d' ' -f1)" = "@DISKSHA@"
}
