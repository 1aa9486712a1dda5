package dev.odflash.emulator.firmware;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator's own AES-CMAC against RFC 4493 §4's test vectors, written out here (not against the host's Cmac). */
class EmulatorCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 4493 §4: K = 2b7e1516 28aed2a6 abf71588 09cf4f3c. */
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    /** RFC 4493 §4, Example 4's 64-byte message; Examples 2 and 3 are its first 16 and 40 bytes. */
    private static final byte[] M64 = HEX.parseHex(
            "6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    @Test
    void subkeysAreRfc4493s() {
        // RFC 4493 §4, "Subkey Generation": AES-128(key, 0) = 7df76b0c 1ab899b3 3e42f047 b91b546f
        byte[][] k = EmulatorCmac.subkeys(KEY);
        assertThat(HEX.formatHex(k[0])).isEqualTo("fbeed618357133667c85e08f7236a8de");
        assertThat(HEX.formatHex(k[1])).isEqualTo("f7ddac306ae266ccf90bc11ee46d513b");
    }

    @Test
    void macsAreRfc4493s() {
        assertThat(HEX.formatHex(EmulatorCmac.mac(KEY, new byte[0]))).as("Example 1: len = 0")
                .isEqualTo("bb1d6929e95937287fa37d129b756746");
        assertThat(HEX.formatHex(EmulatorCmac.mac(KEY, Arrays.copyOf(M64, 16)))).as("Example 2: len = 16")
                .isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
        assertThat(HEX.formatHex(EmulatorCmac.mac(KEY, Arrays.copyOf(M64, 40)))).as("Example 3: len = 40")
                .isEqualTo("dfa66747de9ae63030ca32611497c827");
        assertThat(HEX.formatHex(EmulatorCmac.mac(KEY, M64))).as("Example 4: len = 64")
                .isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
    }

    /**
     * docs/protocols.md §4.3: the MAC is taken over the range with every 16-byte block byte-reversed and is
     * stored byte-reversed. An image holding RFC 4493's message with each block (16, 16, then 8 bytes)
     * reversed therefore carries Example 3's MAC, reversed.
     */
    @Test
    void theMt1959FormReversesEachBlockAndTheMac() {
        byte[] image = new byte[0x100];
        Arrays.fill(image, (byte) 0xEE);
        int start = 0x20;
        int[][] blocks = {{0, 16}, {16, 16}, {32, 8}};
        for (int[] b : blocks) {
            for (int i = 0; i < b[1]; i++) {
                image[start + b[0] + i] = M64[b[0] + b[1] - 1 - i];
            }
        }
        String example3Reversed = "27c897146132ca3030e69ade4767a6df"; // dfa66747 de9ae630 30ca3261 1497c827 reversed
        assertThat(HEX.formatHex(EmulatorCmac.mt1959(KEY, image, start, start + 39))).isEqualTo(example3Reversed);
    }

    @Test
    void aKeyThatIsNotAes128IsRefused() {
        assertThatThrownBy(() -> EmulatorCmac.mac(new byte[15], new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
