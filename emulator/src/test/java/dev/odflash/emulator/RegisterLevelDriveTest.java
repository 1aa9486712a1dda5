package dev.odflash.emulator;

import dev.odflash.chip.ChipTable;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TaskFile.Register;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulated CRW-5224A decodes its task-file writes itself (docs/protocols.md §2.6). */
class RegisterLevelDriveTest {
    private static EmulatedDrive open(String spec) throws Exception {
        return EmulatedDrives.open(spec, ChipTable.builtIn());
    }

    private static int intro(TaskFile t, int sn) throws Exception {
        t.write(Register.DEVICE, 0xA0);
        t.write(Register.SECTOR_NUMBER, sn);
        t.command(0x80);
        return t.status();
    }

    @Test
    void theGenericIntroIsAnsweredWithTheParallelSignature() throws Exception {
        try (EmulatedDrive d = open("emu:asus-crw-5224a")) {
            assertThat(d.chipChannel()).as("the host builds its channel on the registers").isEmpty();
            assertThat(intro(d.taskFile().orElseThrow(), 0x2A)).isEqualTo(0x70);
        }
    }

    @Test
    void aDriveWithIntroNeverAnswersLikeANormalDrive() throws Exception {
        try (EmulatedDrive d = open("emu:asus-crw-5224a?intro=never")) {
            assertThat(intro(d.taskFile().orElseThrow(), 0x2A)).isEqualTo(0x51);
        }
    }

    @Test
    void theLiteOnEraseKeyErasesTheFirmwareAndCountsAsAWrite() throws Exception {
        try (EmulatedDrive d = open("emu:asus-crw-5224a")) {
            intro(d.taskFile().orElseThrow(), 0x2E);
            assertThat(d.writeCommands()).isEqualTo(1);
            assertThat(d.chipModel().contents()).containsOnly((byte) 0xFF);
        }
    }

    @Test
    void aPartTakingOnlyTheShortPairAnswersTheOtherWithArrayReads() throws Exception {
        try (EmulatedDrive d = open("emu:asus-crw-5224a?unlock=555")) {
            RegisterChannel c = new RegisterChannel(d.taskFile().orElseThrow()); // uses 0x5555/0x2AAA
            c.enter();
            byte[] array = d.chipModel().contents();
            assertThat(c.readId().manufacturer()).isEqualTo(array[0] & 0xFF);
            assertThat(c.readId().device()).isEqualTo(array[1] & 0xFF);
            assertThat(d.writeCommands()).isZero();
        }
    }
}
