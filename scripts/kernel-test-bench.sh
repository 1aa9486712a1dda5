# Guest benchmark of the kernel test (issue 5 §5, issue 16 §3); sourced by /init (scripts/kernel-test-guest.sh),
# which defines JAVA and MEDIA_SG. Figures only, never a pass/fail. On the same device KernelCheck warms up,
# then alternates odflash and sg_dd / sg_turs -t runs, R repetitions, and prints every repetition and the
# medians (sg3-utils time themselves with gettimeofday).
# It runs under "launcher", what ./odflash passes (-XX:TieredStopAtLevel=1: C1 only, so odflash as users run it),
# and with KT_BENCH_TIERED=1 also under "tiered", the JVM's default (C1 then C2, what earlier figures used). On the
# guest's one emulated CPU a background C2 compile takes the CPU from the command loop, inside SG_IO too.
bench_one() { # NAME JVM-OPTIONS...
  name=$1; shift
  $JAVA "$@" dev.odflash.nativeio.linux.KernelCheck bench $MEDIA_SG $B $W $R > bench-$name.txt 2>&1
  grep -v ' rep=' bench-$name.txt | sed "s/^/BENCH [$name] /"
  echo "BENCH [$name] READ MB/s by repetition, odflash(in_ioctl s)/sg_dd: $(sed -n 's/^BENCH-READ .*in_ioctl=\([0-9.]*\) MBps=\([0-9.]*\) sg_dd_MBps=\([0-9.]*\)/\2(\1)\/\3/p' bench-$name.txt | tr '\n' ' ')"
  echo "BENCH [$name] TUR us/cmd by repetition, odflash(in_ioctl)/sg_turs: $(sed -n 's/^BENCH-TUR .*in_ioctl_us=\([0-9.]*\) us_per_cmd=\([0-9.]*\) sg_turs_us_per_cmd=\([0-9.]*\)/\2(\1)\/\3/p' bench-$name.txt | tr '\n' ' ')"
  m() { sed -n "s/^BENCH-MEDIAN .* $1=\([0-9.]*\).*/\1/p" bench-$name.txt; }
  echo "BENCH [$name] READ(10) 64 KiB commands, $B sectors, medians of $R alternating repetitions after warm-ups: odflash $(m read_MBps) MB/s (in SG_IO $(m read_in_ioctl_us) us, outside $(m read_outside_us) us a command), sg_dd $(m sg_dd_MBps) MB/s, ratio $(m read_ratio) (median of the repetitions' own ratios $(m read_pair_ratio))"
  r() { sed -n "s/^BENCH-RAW-MEDIAN .* $1=\([0-9.]*\).*/\1/p" bench-$name.txt; }
  echo "BENCH [$name] floor (the same commands through odflash's libc downcall alone, no transport code): TEST UNIT READY $(r raw_tur_us_per_cmd) us, sg_turs $(r sg_turs_us_per_cmd) us, ratio $(r raw_tur_ratio); READ(10) 64 KiB $(r raw_read_MBps) MB/s (with the transport's 256 KiB reserve $(r raw_read_reserve256k_MBps)), sg_dd $(r sg_dd_MBps) MB/s, ratio $(r raw_read_ratio); medians of the repetitions' own ratios: TUR $(r raw_tur_pair_ratio), READ $(r raw_read_pair_ratio)"
  echo "BENCH [$name] TEST UNIT READY x1000, medians of $R alternating repetitions after warm-ups: odflash $(m tur_us_per_cmd) us (in SG_IO $(m tur_in_ioctl_us) us), sg_turs $(m sg_turs_us_per_cmd) us, ratio $(m tur_ratio) (median of the repetitions' own ratios $(m tur_pair_ratio))"
}

bench_run() {
  B=@BLOCKS@ W=10 R=21
  echo "INFO guest clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)"
  sg_dd if=$MEDIA_SG of=/dev/null bs=2048 bpt=32 count=$B >/dev/null 2>&1   # warm the host's page cache
  # the JVM's default JIT only when asked (KT_BENCH_TIERED=1 in KT_GUEST_ENV): a minute of the kernel test's 20, and
  # users run the launcher's setting (docs/build-notes.md, third and fourth rounds)
  jits=launcher; [ -z "${KT_BENCH_TIERED:-}" ] || jits="launcher tiered"
  for jit in $jits; do # the price of each piece of the path (KernelCheck parts), before the whole commands
    opts=; [ $jit = launcher ] && opts=-XX:TieredStopAtLevel=1
    $JAVA $opts dev.odflash.nativeio.linux.KernelCheck parts $MEDIA_SG 5000 11 2>&1 | sed "s/^/BENCH [$jit] /"
  done
  bench_one launcher -XX:TieredStopAtLevel=1
  [ -z "${KT_BENCH_TIERED:-}" ] || bench_one tiered
  echo "INFO benchmark done at guest uptime $(uptime_s) s"
}

# The transport against sg3_utils on the gadget (issue 16 §3), on the asus-bw16d1ht attach of the gadget stage
# (gadget_case's check word "bench", $sg its /dev/sgN): TEST UNIT READY and READ BUFFER of the largest MT19xx region
# (MT19XX_REGIONS, scripts/kernel-test-gadget-backup.sh) against sg_raw with the same CDB (sg_read_buffer 1.46
# cannot send a length: see there). Figures only. Each command crosses usb-storage,
# dummy_hcd and FunctionFS to the JVM serving the drive on the same one vCPU, so a command costs milliseconds, not
# microseconds: the counts are smaller than the ATAPI drive's. KT_GADGET_BENCH=TURS,READS,WARMUPS,REPS (guest environment) overrides them.
bench_gadget() { # profile
  set -- $1 $(echo "${KT_GADGET_BENCH:-50,3,3,21}" | tr , " ")
  p=$1 gt=$2 gn=$3 gw=$4 gr=$5
  g_t0=$(uptime_s)
  big=; for r in $MT19XX_REGIONS; do
    len=${r#*+}; len=${len%%:*}
    [ -n "$big" ] && [ $(($len)) -le $((${big#*+})) ] || big=${r%%:*}
  done
  $JAVA -XX:TieredStopAtLevel=1 dev.odflash.nativeio.linux.KernelCheck gadget-bench "$sg" $gt ${big%%+*} ${big#*+} \
    $gn $gw $gr > bench-gadget.txt 2>&1
  sed -n 's/^BENCH-GADGET \(.*\)/BENCH [gadget] \1/p' bench-gadget.txt
  echo "BENCH [gadget] TUR us/cmd by repetition, odflash(in_ioctl)/sg_turs: $(sed -n 's/^BENCH-GADGET-TUR .*us_per_cmd=\([0-9.]*\) in_ioctl_us=\([0-9.]*\) sg_turs_us_per_cmd=\([0-9.]*\)/\1(\2)\/\3/p' bench-gadget.txt | tr '\n' ' ')"
  echo "BENCH [gadget] READ BUFFER MB/s by repetition, odflash/sg_raw(net of its launch): $(sed -n 's/^BENCH-GADGET-READ .*MBps=\([0-9.]*\) in_ioctl_us=[0-9.]* sg_raw_MBps=\([0-9.]*\) net_MBps=\([0-9.a-zN]*\).*/\1\/\2(\3)/p' bench-gadget.txt | tr '\n' ' ')"
  m() { sed -n "s/^BENCH-GADGET-MEDIAN .* $1=\([0-9.a-zN]*\).*/\1/p" bench-gadget.txt; }
  if [ -z "$(m tur_ratio)" ]; then
    echo "INFO gadget $p: the benchmark printed no medians:"; tail -n 5 bench-gadget.txt | sed 's/^/INFO bench: /'
  else
    echo "BENCH [gadget] TEST UNIT READY x$gt (not x1000: each command takes milliseconds through the gadget), medians of $gr alternating repetitions after warm-ups: odflash $(m tur_us_per_cmd) us (in SG_IO $(m tur_in_ioctl_us) us), sg_turs $(m sg_turs_us_per_cmd) us, ratio $(m tur_ratio) (median of the repetitions' own ratios $(m tur_pair_ratio))"
    echo "BENCH [gadget] READ BUFFER mode 6 of region $big x$gn, medians of $gr alternating repetitions after warm-ups: odflash $(m read_MBps) MB/s (in SG_IO $(m read_in_ioctl_us) us a command), sg_raw (the same CDB, one run a command) $(m sg_raw_MBps) MB/s ($(m sg_raw_net_MBps) MB/s net of its $(m launch_ms) ms launch, sg_raw -h timed alongside), ratio $(m read_ratio) (net $(m read_net_ratio); medians of the repetitions' own ratios $(m read_pair_ratio), net $(m read_net_pair_ratio))"
  fi
  echo "INFO gadget $p: the benchmark took $(awk "BEGIN{print $(uptime_s)-$g_t0}") s guest time"
}
