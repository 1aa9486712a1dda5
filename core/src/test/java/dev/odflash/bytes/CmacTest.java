package dev.odflash.bytes;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** AES-CMAC against the RFC 4493 §4 test vectors. */
class CmacTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    static final byte[] MSG = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");

    @Test
    void rfc4493Vectors() {
        assertThat(HEX.formatHex(Cmac.aesCmac(KEY, MSG, 0, 0))).isEqualTo("bb1d6929e95937287fa37d129b756746");
        assertThat(HEX.formatHex(Cmac.aesCmac(KEY, MSG, 0, 16))).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
        assertThat(HEX.formatHex(Cmac.aesCmac(KEY, MSG, 0, 40))).isEqualTo("dfa66747de9ae63030ca32611497c827");
        assertThat(HEX.formatHex(Cmac.aesCmac(KEY, MSG, 0, 64))).isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
    }

    @Test
    void mt1959FormReversesBlocksAndTheMac() {
        byte[] image = new byte[32];
        for (int i = 0; i < 16; i++) {
            image[i] = MSG[15 - i];
        }
        assertThat(HEX.formatHex(Cmac.mt1959(KEY, image, 0, 15))).isEqualTo("7c284ad09ddd9bf744414d6bb4160a07");
    }
}
