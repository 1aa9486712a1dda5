package dev.odflash.emulator.download;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the drive's boot loader concludes from its flash at power-on, by its layout's checks ({@link
 * LayoutPersonality}: the checks below live there and call these helpers). These are the
 * emulator's own checks (it never reuses the host's image parser, so a parser bug fails a test
 * instead of cancelling out):
 * <ul>
 * <li>boot region: must equal the one the unit left the factory with, else the drive is dead (the
 *     8051 families' 16 KiB boot code, docs/protocols.md §4.1 OP; MT19xx 0-0xFFFF, §2.1 CM / §2.2 RD);</li>
 * <li>btc, tsst-mt1339, sd616: an 8051 LJMP/SJMP (0x02/0x80) at every 64 KiB bank (§4.1 OP XFlash) and
 *     the INQUIRY template {@code 05 80 00 32 (5B|1F) 00 00 00}+strings (§4.1 OP): for btc at 0x40B4 so
 *     the strings sit at 0x40BC/0x40C4/0x40D4 (BT), otherwise searched after 0x4000;</li>
 * <li>mt1939: BE16 sum of 0x10000-0x1E1FFF equals the word at 0x1FFFFE and the infonub at 0x1FFFD0
 *     is printable (§4.2 CM);</li>
 * <li>mt1959: boot banner "MT1959 Boot " at 0x3000 (§4.3 RD), a well-formed CMAC table at 0x10400
 *     (§4.3 OD: at least one enabled entry, ranges inside the loadable area) whose MACs match under the
 *     emulator's key ({@link BootCmac}, modelled) and an INQUIRY template after 0x10000 (modelled:
 *     where real images keep their strings is not public).</li>
 * </ul>
 * A failed main check with an intact boot region gives boot mode (docs/architecture.md "Boot mode").
 */
final class BootJudge {
    enum State { RUNNING, BOOT, DEAD }

    record Judgement(State state, Optional<Identity> identity) {
    }

    static final int BANK = 0x10000;
    static final int TEMPLATE_LENGTH = 8 + 8 + 16 + 4 + 16;

    private BootJudge() {
    }

    /** MMC-6 profiles of the Blu-ray drives (BD-RE, BD-R, DVD+RW, DVD-RW, DVD-R, CD-ROM, DVD-ROM, BD-ROM). */
    static final int[] BLU_RAY_PROFILES = {0x0043, 0x0041, 0x001A, 0x0012, 0x000A, 0x0008, 0x0010, 0x0040};

    static Judgement judge(LayoutPersonality layout, byte[] flash, byte[] factoryBoot) {
        int boot = layout.bootRegion();
        if (!Arrays.equals(flash, 0, boot, factoryBoot, 0, boot) || !layout.bootLoaderIntact(flash)) {
            return new Judgement(State.DEAD, Optional.empty());
        }
        Optional<Identity> id = layout.boots(flash);
        return new Judgement(id.isPresent() ? State.RUNNING : State.BOOT, id);
    }

    static boolean banksOk(byte[] flash) {
        for (int bank = 0; bank < flash.length; bank += BANK) {
            int op = flash[bank] & 0xFF;
            if (op != 0x02 && op != 0x80) {
                return false;
            }
        }
        return true;
    }

    static Optional<Identity> mt1939(byte[] flash) {
        int sum = 0;
        for (int i = 0x10000; i < 0x1E2000; i++) {
            sum += flash[i] & 0xFF;
        }
        int stored = (flash[0x1FFFFE] & 0xFF) << 8 | flash[0x1FFFFF] & 0xFF;
        if ((sum & 0xFFFF) != stored || !printable(flash, 0x1FFFD0, 28)) {
            return Optional.empty();
        }
        return Optional.of(new Identity(ascii(flash, 0x1FFFD0, 8), ascii(flash, 0x1FFFD8, 16),
                ascii(flash, 0x1FFFE8, 4), Optional.empty()));
    }

    /** OD: 16 entries of {enabled u32 LE, start, end inclusive, MAC[16]}; 0xFFFFFFFF = unused. */
    static boolean cmacTableOk(byte[] flash) {
        int enabled = 0;
        for (int i = 0; i < 16; i++) {
            int at = 0x10400 + i * 0x1C;
            long flag = le32(flash, at);
            if (flag == 0xFFFFFFFFL) {
                continue;
            }
            long start = le32(flash, at + 4);
            long end = le32(flash, at + 8);
            if (start < 0x10000 || end < start || end >= flash.length) {
                return false;
            }
            enabled++;
        }
        return enabled > 0;
    }

    static Optional<Identity> search(byte[] flash, int from, int to) {
        for (int i = from; i + TEMPLATE_LENGTH <= to; i++) {
            if (flash[i] == 0x05) {
                Optional<Identity> id = template(flash, i);
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Identity> template(byte[] f, int i) {
        boolean header = f[i] == 0x05 && f[i + 1] == (byte) 0x80 && f[i + 2] == 0x00 && f[i + 3] == 0x32
                && (f[i + 4] == 0x5B || f[i + 4] == 0x1F) && f[i + 5] == 0 && f[i + 6] == 0 && f[i + 7] == 0;
        if (!header || !printable(f, i + 8, 28)) {
            return Optional.empty();
        }
        String date = ascii(f, i + 36, 16).strip();
        return Optional.of(new Identity(ascii(f, i + 8, 8), ascii(f, i + 16, 16), ascii(f, i + 32, 4),
                date.isEmpty() ? Optional.empty() : Optional.of(date)));
    }

    private static boolean printable(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
