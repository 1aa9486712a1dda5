package dev.odflash.gui.model;

import dev.odflash.ops.Choice;
import dev.odflash.ops.Failure;
import dev.odflash.ops.Gate;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the GUI shows of engine texts: choices in its own words, no command-line hints, no raw control characters. */
class WordsTest {
    @Test
    void aChoiceMentionBecomesTheOverridesLabel() {
        assertThat(ChoiceWords.words("give " + Choice.ALLOW_OLDER.mention() + " to flash it"))
                .isEqualTo("give \u201CAllow an older version (downgrade)\u201D to flash it");
        assertThat(ChoiceWords.words("{choice:NO_SUCH} stays")).isEqualTo("{choice:NO_SUCH} stays");
    }

    @Test
    void everyOverrideCheckboxExplainsItsRisk() {
        for (Choice c : Choice.values()) {
            assertThat(ChoiceWords.label(c)).isNotBlank();
            if (ChoiceWords.isOverride(c)) {
                assertThat(ChoiceWords.explanation(c)).endsWith(".");
            }
        }
        assertThat(ChoiceWords.isOverride(Choice.YES)).as("no global force").isFalse();
        assertThat(ChoiceWords.isOverride(Choice.DRY_RUN)).isFalse();
    }

    @Test
    void commandLineHintsAreLeftOutAndTheGuisNextStepSaid() {
        Failure f = new Failure.DeviceFailure("the drive stopped answering during the write (power lost); the journal is"
                + " kept: run the same command again to resume, `odflash status` shows what the drive holds",
                Optional.empty(), java.util.OptionalInt.empty(), Optional.empty());
        String d = FailureWords.detail(f);
        assertThat(d).startsWith("the drive stopped answering during the write (power lost)")
                .doesNotContain("odflash status").doesNotContain("same command").contains("the resume banner");
        assertThat(FailureWords.detail(new Failure.UsageProblem("no answer (`odflash doctor` checks the path)")))
                .isEqualTo("no answer");
        // today's core texts mark command-line steps as {next:STEP} placeholders (dev.odflash.ops.NextStep)
        assertThat(FailureWords.detail(new Failure.UsageProblem("no answer (" + dev.odflash.ops.NextStep.DOCTOR.mention()
                + " checks the path)"))).isEqualTo("no answer");
        String next = FailureWords.detail(new Failure.DeviceFailure("power lost; the journal is kept: run "
                + dev.odflash.ops.NextStep.RERUN.mention() + " to resume, " + dev.odflash.ops.NextStep.STATUS.mention()
                + " shows what the drive holds", Optional.empty(), java.util.OptionalInt.empty(), Optional.empty()));
        assertThat(next).startsWith("power lost").doesNotContain("{next:");
        assertThat(FailureWords.heading(new Failure.Refusal(Gate.VERSION, "older"))).contains("version gate")
                .contains("nothing was written");
    }

    @Test
    void textFromADriveCannotChangeTheLabel() {
        assertThat(Texts.line("ASUS\u001b[2J\u202eCRW\nX")).isEqualTo("ASUS\\u001B[2J\\u202ECRW\\nX");
        assertThat(Texts.visible(null)).isEmpty();
    }

    @Test
    void twoImagesAreComparedBankByBank() {
        byte[] a = new byte[0x30000];
        byte[] b = a.clone();
        b[0x10005] = 1;
        assertThat(LibraryModel.differences(a, b)).containsExactly(new LibraryModel.Difference(0x10000, 0x10000));
        assertThat(LibraryModel.differences(a, java.util.Arrays.copyOf(a, 0x20000)))
                .containsExactly(new LibraryModel.Difference(0x20000, 0x10000));
        assertThat(LibraryModel.differences(a, a.clone())).isEmpty();
        assertThat(LibraryModel.describe(LibraryModel.differences(a, b), a.length, b.length))
                .startsWith("1 of 3 banks differ:").contains("0x010000-0x01FFFF");
    }
}
