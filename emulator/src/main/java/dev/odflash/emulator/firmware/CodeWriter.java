package dev.odflash.emulator.firmware;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes bytes that look like 8051 code: a seeded stream of functions built from the opcodes such
 * firmware is full of (LCALL, LJMP, MOV DPTR/MOVX for the MTK register file in XDATA, MOV/ANL/ORL on
 * the accumulator, conditional short jumps, RET), with now and then an ASCII message. Opcode values
 * are the standard MCS-51 encodings (Intel MCS-51 instruction set).
 *
 * <p>Two byte sequences the image identifier looks for are kept out of the stream on purpose:
 * opcode 0x05 (INC direct) is never emitted, so the INQUIRY template prefix {@code 05 80 00 32}
 * (docs/protocols.md §4.1) appears only where the generator puts it, and MOV A,direct never reads P1
 * (SFR 0x90), so the bank-select pattern {@code E5 90 54 xx B4 00} appears only in the one routine
 * the generator writes. Operand bytes could still form them by chance, at odds far below 1e-9 per image.
 */
final class CodeWriter {
    /** Direct addresses a handler touches: internal RAM, SP, DPL/DPH, P2, P3, PSW, ACC, B (not P1). */
    private static final int[] DIRECT = {0x30, 0x32, 0x38, 0x3A, 0x40, 0x44, 0x4F, 0x52, 0x60, 0x6E, 0x7F,
            0x81, 0x82, 0x83, 0xA0, 0xB0, 0xD0, 0xE0, 0xF0};
    private static final List<String> MESSAGES = List.of(
            "SERVO FOCUS NG", "TRACKING LOST", "OPC FAIL", "BUFFER UNDERRUN", "LEAD-IN NOT FOUND",
            "ATIP READ ERR", "TOC ERROR", "PMA FULL", "DISC NOT PRESENT", "SLED HOME", "SPINDLE CLV",
            "CD-R", "CD-RW", "ATAPI RESET", "Copyright (C) MediaTek Inc.", "MTK FLASH WRITE");

    private final RandomGenerator rng;
    private final int bankCodeStart;
    private final int bankCodeEnd;

    /**
     * @param bankCodeStart lowest bank-local address a jump inside the bank may target
     * @param bankCodeEnd   one past the highest such address
     */
    CodeWriter(RandomGenerator rng, int bankCodeStart, int bankCodeEnd) {
        this.rng = rng;
        this.bankCodeStart = bankCodeStart;
        this.bankCodeEnd = bankCodeEnd;
    }

    /** Fills {@code image[from, to)} with functions; the last one is cut short and padded with NOPs (0x00). */
    void fill(byte[] image, int from, int to) {
        int at = from;
        while (at < to) {
            byte[] function = function();
            int n = Math.min(function.length, to - at);
            System.arraycopy(function, 0, image, at, n);
            at += n;
        }
        // A cut instruction would leave a dangling operand; real linkers pad with NOPs or RET.
        int tail = Math.max(from, to - 3);
        for (int i = tail; i < to; i++) {
            image[i] = 0x00;
        }
    }

    /** One function: 6-48 instructions, sometimes with a NUL-terminated message, ending in RET (0x22). */
    byte[] function() {
        var out = new ByteArrayOutputStream(160);
        int count = 6 + rng.nextInt(43);
        for (int i = 0; i < count; i++) {
            instruction(out);
        }
        out.write(0x22);
        if (rng.nextInt(10) == 0) {
            byte[] text = MESSAGES.get(rng.nextInt(MESSAGES.size())).getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(text);
            out.write(0x00);
        }
        return out.toByteArray();
    }

    private void instruction(ByteArrayOutputStream out) {
        int pick = rng.nextInt(100);
        if (pick < 12) {                       // LCALL addr16: into the common boot area or this bank
            out.write(0x12);
            address(out);
        } else if (pick < 16) {                // LJMP addr16
            out.write(0x02);
            address(out);
        } else if (pick < 28) {                // MOV DPTR,#data16: an XDATA register of the MTK core
            out.write(0x90);
            out.write(0x80 + rng.nextInt(0x80));
            out.write(rng.nextInt(256));
        } else if (pick < 36) {                // MOVX A,@DPTR / MOVX @DPTR,A / INC DPTR
            out.write(new int[]{0xE0, 0xF0, 0xA3}[rng.nextInt(3)]);
        } else if (pick < 46) {                // MOV A,#imm
            out.write(0x74);
            out.write(rng.nextInt(256));
        } else if (pick < 54) {                // MOV Rn,#imm
            out.write(0x78 + rng.nextInt(8));
            out.write(rng.nextInt(256));
        } else if (pick < 62) {                // MOV A,direct / MOV direct,A
            out.write(rng.nextBoolean() ? 0xE5 : 0xF5);
            out.write(DIRECT[rng.nextInt(DIRECT.length)]);
        } else if (pick < 70) {                // MOV A,Rn / MOV Rn,A
            out.write((rng.nextBoolean() ? 0xE8 : 0xF8) + rng.nextInt(8));
        } else if (pick < 78) {                // JZ / JNZ / SJMP rel
            out.write(new int[]{0x60, 0x70, 0x80}[rng.nextInt(3)]);
            out.write(rng.nextInt(256));
        } else if (pick < 83) {                // CJNE A,#imm,rel
            out.write(0xB4);
            out.write(rng.nextInt(256));
            out.write(rng.nextInt(256));
        } else if (pick < 89) {                // SETB bit / CLR bit / JB bit,rel / JNB bit,rel
            int op = new int[]{0xD2, 0xC2, 0x20, 0x30}[rng.nextInt(4)];
            out.write(op);
            out.write(rng.nextInt(256));
            if (op == 0x20 || op == 0x30) {
                out.write(rng.nextInt(256));
            }
        } else if (pick < 95) {                // ADD / ANL / ORL A,#imm
            out.write(new int[]{0x24, 0x54, 0x44}[rng.nextInt(3)]);
            out.write(rng.nextInt(256));
        } else if (pick < 98) {                // PUSH / POP direct
            out.write(rng.nextBoolean() ? 0xC0 : 0xD0);
            out.write(DIRECT[rng.nextInt(DIRECT.length)]);
        } else {                               // CLR A
            out.write(0xE4);
        }
    }

    private void address(ByteArrayOutputStream out) {
        int target = rng.nextInt(5) < 2
                ? 0x0030 + rng.nextInt(Mtk8051Firmware.BOOT_REGION - 0x0030)
                : bankCodeStart + rng.nextInt(Math.max(1, bankCodeEnd - bankCodeStart));
        out.write(target >> 8 & 0xFF);
        out.write(target & 0xFF);
    }
}
