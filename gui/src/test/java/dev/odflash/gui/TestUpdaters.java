package dev.odflash.gui;

/** Vendor updaters for the tests: the smallest Windows program that carries a firmware image after its headers. */
public final class TestUpdaters {
    private TestUpdaters() {
    }

    /**
     * A minimal PE (DOS header with e_lfanew 0x40, "PE", one empty section, a PE32 optional header; 0x400
     * bytes of headers, the layout docs/protocols.md §6 reads) with {@code overlay} after it, where many
     * vendor updaters append their payload.
     */
    public static byte[] withOverlay(byte[] overlay) {
        byte[] b = new byte[0x400 + overlay.length];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x40;
        b[0x40] = 'P';
        b[0x41] = 'E';
        b[0x46] = 1;
        b[0x54] = (byte) 0xE0;
        b[0x58] = 0x0B;
        b[0x59] = 0x01;
        System.arraycopy(overlay, 0, b, 0x400, overlay.length);
        return b;
    }
}
