# The gadget stage's MT19xx backup (issue 16 §2), sourced by the guest's /init after scripts/kernel-test-gadget.sh,
# whose gadget_case runs it on the asus-bw16d1ht attach before that profile's flash, so what is read is the image the
# attach made. Two clients read the same drive through the same /dev/sgN (docs/testing.md "MT19xx backup"):
#   1. `odflash backup --device /dev/sgN -o FILE --json` as root: exit 0, a full backup, FILE equal to the image file
#      the drive serves. `emu attach 'emu:P?image=/tmp/P.img'` creates that file (create-new) holding the drive's
#      whole flash, 2 MiB for the MT1959 (emulator/src/main/java/dev/odflash/emulator/FlashImageStore.java), and
#      nothing before the flash writes to it, so every byte of FILE has its counterpart there;
#   2. sg3_utils as an independent client: sg_raw sends each READ BUFFER the backup sent (read from the gadget's log,
#      not assumed) and one of each MT19xx region, and each answer must equal the same bytes of FILE. sg_raw, not
#      sg_read_buffer: the sg_read_buffer of sg3-utils 1.46 (Debian 12) resets its length to 0 after reading its
#      options (`rb_len = 0;` in src/sg_read_buffer.c) and sends `3c 06 00 oo oo oo 00 00 00 00` whatever -l says.
BACKUP_HOME=/tmp/backup-home
# The MT19xx regions (OFFSET+LENGTH): the boot config, the identity page and the calibration, as
# core/src/main/java/dev/odflash/family/mt19xx/Mt19xxRegions.java names them (what a regions-only backup reads and
# a flash keeps); READ BUFFER mode 6, buffer 0, in the 10-byte form (Mt19xxDownload.readBufferCdb). The gadget
# benchmark reads the largest one (scripts/kernel-test-bench.sh bench_gadget).
MT19XX_REGIONS="0x3000+0x20:config 0x1EC000+0x100:identity-page 0x1F0000+0x10000:calibration"

# bytes OFFSET..OFFSET+LENGTH of FILE (busybox dd has no byte offsets)
byte_range() { tail -c +$(($2 + 1)) "$1" | head -c $(($3)); }
# the length of a 10-byte READ BUFFER CDB given in hex (3c MM II OOOOOO LLLLLL 00)
cdb_length() { echo $((0x$(echo $1 | cut -c13-18))); }
# READ BUFFER mode 6, buffer 0 of LENGTH bytes at OFFSET in hex, as odflash's Mt19xxDownload.readBufferCdb makes it
rb_cdb() { printf '3c0600%06x%06x00' $(($1)) $(($2)); }
# sg_raw CDB-HEX OUT: the READ BUFFER through sg3_utils into OUT; its stderr in sg-raw.err
sg_raw_rb() { rm -f "$2"; sg_raw -r $(cdb_length $1) -o "$2" "$sg" $(echo $1 | sed 's/../& /g') > /dev/null 2> sg-raw.err; }
# the READ BUFFER CDBs in the gadget's log from line FROM on
gadget_read_buffers() { sed -n "$1,\$p" /tmp/gadget.jsonl | sed -n 's/^{"cdb":"\(3c[0-9a-f]*\)".*"status":0,.*/\1/p'; }

gadget_backup() { # profile: $sg is its /dev/sgN, /tmp/$1.img the image its attach made
  p=$1; img=/tmp/$p.img; bk=/tmp/backup-$p.bin
  b_t0=$(uptime_s)
  rm -rf $BACKUP_HOME $bk $bk.json
  from=$(($(wc -l < /tmp/gadget.jsonl) + 1))
  ( export ODFLASH_HOME=$BACKUP_HOME
    timeout 200 $JAVA -XX:TieredStopAtLevel=1 dev.odflash.cli.Main backup --device "$sg" -o $bk --json \
      > gbackup.json 2> gbackup.err < /dev/null ); rc=$?
  echo "INFO gadget $p: backup through $sg exit $rc after $(awk "BEGIN{print $(uptime_s)-$b_t0}") s, $(stat -c %s $bk 2>/dev/null) bytes"
  expect "gadget $p: backup --device $sg -o FILE exits 0" test $rc -eq 0
  [ $rc -eq 0 ] || { tail -n 5 gbackup.err | sed 's/^/INFO backup.err: /'; gadget_dmesg; }
  expect "gadget $p: the backup is a full one (coverage full, state complete)" \
    sh -c "grep -q '\"coverage\" : \"full\"' gbackup.json && grep -q '\"state\" : \"complete\"' gbackup.json"
  expect "gadget $p: the backup equals the image file the emulated drive serves ($(stat -c %s $img) bytes)" \
    sh -c "test -s $bk && cmp $bk $img"
  expect "gadget $p: the backup's reported SHA-256 is the image file's" \
    grep -q "\"sha256\" : \"$(sha256sum $img | cut -d' ' -f1)\"" gbackup.json

  # the READ BUFFERs the backup sent, as the drive got them: each distinct one is sent again by sg_raw
  gadget_read_buffers $from > backup.cdbs
  sort -u backup.cdbs > backup.chunks
  n=$(wc -l < backup.cdbs); k=$(wc -l < backup.chunks)
  echo "INFO gadget $p: the backup sent $n READ BUFFERs, $k distinct: $(head -n 1 backup.chunks) .. $(tail -n 1 backup.chunks)"
  expect "gadget $p: the backup read every chunk twice ($n READ BUFFERs of $k chunks, mode 6, buffer 0)" \
    sh -c "test $k -gt 0 && test $n -eq $((2 * k)) && ! grep -qv '^3c0600' backup.chunks"
  from=$(($(wc -l < /tmp/gadget.jsonl) + 1))
  : > sg-chunks.bin; bad=0
  while read -r cdb; do # sorted by offset: the chunks one after the other
    sg_raw_rb $cdb sg-chunk.bin || { bad=$((bad + 1)); head -n 3 sg-raw.err | sed "s/^/INFO sg_raw $cdb: /"; }
    cat sg-chunk.bin >> sg-chunks.bin
  done < backup.chunks
  expect "gadget $p: sg_raw of the backup's $k READ BUFFERs exits 0 each" test $bad -eq 0
  gadget_read_buffers $from > sg.cdbs
  expect "gadget $p: the drive got sg_raw's READ BUFFERs as the backup's, byte for byte (gadget's log)" cmp -s sg.cdbs backup.chunks
  expect "gadget $p: sg_raw's READ BUFFER of the $k chunks the backup read equals odflash's backup ($(stat -c %s sg-chunks.bin) bytes)" \
    sh -c "test -s sg-chunks.bin && cmp sg-chunks.bin $bk"
  for r in $MT19XX_REGIONS; do
    off=${r%%+*}; len=${r#*+}; len=${len%%:*}; name=${r#*:}
    byte_range $bk $off $len > bk-region.bin
    sg_raw_rb $(rb_cdb $off $len) sg-region.bin; rc=$?
    [ $rc -eq 0 ] || head -n 3 sg-raw.err | sed "s/^/INFO sg_raw $r: /"
    expect "gadget $p: sg_raw's READ BUFFER of region $off+$len ($name, CDB $(rb_cdb $off $len)) equals odflash's backup" \
      sh -c "test $rc -eq 0 && test \$(stat -c %s sg-region.bin) -eq $(($len)) && cmp sg-region.bin bk-region.bin"
  done
  echo "INFO gadget $p: backup and sg_raw took $(awk "BEGIN{print $(uptime_s)-$b_t0}") s guest time"
}
