package dev.odflash.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a stop request means in each part of a run (docs/architecture.md "Interruption"). */
class CancellationTest {
    @Test
    void outsideAWriteARequestStopsNowAndNoWriteBeginsAfterIt() {
        Cancellation c = Cancellation.none();
        assertThat(c.request()).isEqualTo(Cancellation.Answer.STOP_NOW);
        assertThatThrownBy(() -> c.enterWrite("writing the journal")).isInstanceOf(Cancellation.Stopped.class);
    }

    @Test
    void duringAWriteTheFirstRequestWaitsForTheNextSafePointAndLaterOnesSayWhatItWaitsFor() throws Exception {
        Cancellation c = Cancellation.none();
        c.enterWrite("writing the journal");
        c.step("the erase or program in progress");
        assertThat(c.request()).isEqualTo(Cancellation.Answer.AT_NEXT_SAFE_POINT);
        assertThat(c.request()).isEqualTo(Cancellation.Answer.STILL_WAITING);
        assertThat(c.waitingFor()).isEqualTo("the erase or program in progress");
        assertThatThrownBy(c::checkpoint).isInstanceOf(Cancellation.Stopped.class);
    }

    @Test
    void onceADownloadsDataIsOutNoCheckpointStopsItUntilTheDeferralEnds() throws Exception {
        Cancellation c = Cancellation.none();
        c.enterWrite("writing the journal");
        c.beforeFirstData("the download, the burn and the check");
        assertThat(c.request()).isEqualTo(Cancellation.Answer.AFTER_DEFERRED);
        assertThat(c.waitingFor()).isEqualTo("the download, the burn and the check");
        assertThatCode(c::checkpoint).doesNotThrowAnyException();
        c.endDeferral();
        assertThatThrownBy(c::checkpoint).isInstanceOf(Cancellation.Stopped.class);
        c.leaveWrite();
        assertThat(c.request()).isEqualTo(Cancellation.Answer.STOP_NOW);
    }

    @Test
    void aRequestBeforeTheFirstDataBlockStopsTheDownloadThere() throws Exception {
        Cancellation c = Cancellation.none();
        c.enterWrite("writing the journal");
        c.request();
        assertThatThrownBy(() -> c.beforeFirstData("the download")).isInstanceOf(Cancellation.Stopped.class);
    }
}
