package dev.odflash.ops.flash;

import dev.odflash.drive.ImageLayout;
import dev.odflash.ops.Cancellation;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.DriveProbe;
import dev.odflash.ops.Failure;
import dev.odflash.ops.FlashReader;
import dev.odflash.ops.Gate;
import dev.odflash.ops.NextStep;
import dev.odflash.ops.OdflashException;
import dev.odflash.protocol.Progress;
import dev.odflash.protocol.download.DownloadException;
import dev.odflash.transport.Device;
import dev.odflash.transport.TransportException;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The download-style write (docs/architecture.md "Write models"): the host validates the image strictly,
 * keeps the unit's own data where the family says so, streams in the family's block sizes, waits for the
 * drive, then verifies by reading back where the family can read and by identity otherwise. A family
 * package supplies the parts ({@link Patcher}, {@link Streamer}, {@link Verifier}); this class owns the
 * order and the words of failure, the same for every download family.
 */
public final class DownloadWrite implements FlashStrategy {
    /** Per-unit gates and patch on the image to be sent; returns whether this unit's data was kept. */
    @FunctionalInterface
    public interface Patcher {
        boolean patch(byte[] image) throws TransportException, DownloadException;

        Patcher NONE = image -> false;
    }

    /**
     * Sends the stream with the family's protocol. Just before its first data block it calls
     * {@link Cancellation#beforeFirstData} with what a later stop must wait for (docs/architecture.md
     * "Interruption"): until then a stop leaves the drive's flash untouched; after it, a stop in between
     * would leave a half-written drive.
     */
    @FunctionalInterface
    public interface Streamer {
        void stream(byte[] stream, Progress progress, Cancellation cancellation)
                throws TransportException, DownloadException, Cancellation.Stopped;
    }

    /** Establishes that the burn took (safety rule 5). */
    @FunctionalInterface
    public interface Verifier {
        Verification verify(byte[] image, String toVersion, Progress progress)
                throws TransportException, DownloadException, OdflashException;
    }

    private final ImageLayout layout;
    private final Optional<FlashReader> reader;
    private final Patcher patcher;
    private final UnaryOperator<byte[]> toStream;
    private final Streamer streamer;
    private final Verifier verifier;

    /**
     * @param toStream the image as the drive takes it (SD-616's rearranged buffer; the image itself otherwise)
     */
    public DownloadWrite(ImageLayout layout, Optional<FlashReader> reader, Patcher patcher,
                         UnaryOperator<byte[]> toStream, Streamer streamer, Verifier verifier) {
        this.layout = layout;
        this.reader = reader;
        this.patcher = patcher;
        this.toStream = toStream;
        this.streamer = streamer;
        this.verifier = verifier;
    }

    @Override
    public long flashSize() {
        return layout.fixedSize();
    }

    @Override
    public String unit() {
        return layout.word();
    }

    @Override
    public Optional<FlashReader> reader() {
        return reader;
    }

    @Override
    public boolean plansFromContent() {
        return false;
    }

    @Override
    public Prepared prepare(byte[] file) throws OdflashException {
        byte[] image = file.clone();
        try {
            return new Prepared(image, patcher.patch(image));
        } catch (TransportException e) {
            throw OdflashException.device(e.whoFailed() + " before anything was sent: " + e.getMessage(), e,
                    "per-unit data");
        } catch (DownloadException e) {
            throw OdflashException.refused(Gate.PER_UNIT_DATA, e.getMessage());
        }
    }

    @Override
    public WritePlan plan(Optional<byte[]> current, byte[] image, FlashOptions options) {
        return new WritePlan.Download(layout.word(), toStream.apply(image).length);
    }

    @Override
    public Written write(WritePlan plan, Optional<byte[]> current, byte[] image, String toVersion,
                         FlashOptions options, Progress progress) throws OdflashException {
        Cancellation cancellation = options.cancellation();
        try {
            byte[] stream = toStream.apply(image);
            Decisions.FLASH.log(Level.INFO, () -> "plan: download of " + stream.length + " bytes as layout " + layout.word());
            cancellation.step("the command in progress");
            streamer.stream(stream, progress, cancellation);
            Decisions.FLASH.log(Level.INFO, "download sent; verifying");
            Verification how = verifier.verify(image, toVersion, progress);
            return new Written(0, 0, 0, stream.length, 1, how);
        } catch (Cancellation.Stopped e) {
            Decisions.FLASH.log(Level.INFO, "stopped as asked before the first data block");
            throw OdflashException.interrupted("stopped before the first data block: the drive's flash was not touched", true);
        } catch (TransportException e) {
            Decisions.FLASH.log(Level.WARNING, () -> e.whoFailed() + " during the download: " + e.getMessage());
            throw OdflashException.device(e.whoFailed() + " during the download (" + e.getMessage()
                    + "); run " + NextStep.INFO.mention() + " to see its state (a drive in boot mode reports revision BOOT)"
                    + " and " + NextStep.RERUN.mention() + " to recover", e, "download");
        } catch (DownloadException e) {
            String reason = e.getMessage() + (e.beforeBurn()
                    ? "; the drive was not told to burn" : "; run " + NextStep.RERUN.mention() + " to recover");
            throw new OdflashException(e.beforeBurn() ? Failure.DeviceFailure.of(reason, e, "download")
                    : new Failure.Mismatch(reason), e);
        } finally {
            cancellation.endDeferral(); // the stream, the burn and the check are over: a stop may act again
        }
    }

    /** Verification by identity, for a family without a read path: the drive restarts reporting the image's revision. */
    public static Verifier byIdentity(Device device, DriveProbe reprobe) {
        return (image, to, progress) -> {
            DriveInfo after = reprobe.probe(device);
            if (after.bootMode()) {
                throw OdflashException.mismatch("the drive restarted in boot mode (revision BOOT): the new"
                        + " firmware did not start; run " + NextStep.RERUN.mention() + " to recover");
            }
            if (!after.inquiry().revision().strip().equals(to.strip())) {
                throw OdflashException.mismatch("the drive restarted reporting revision "
                        + after.inquiry().revision() + ", not the image's " + to);
            }
            Decisions.FLASH.log(Level.INFO, "verify: the drive restarted reporting the image's revision " + to);
            return Verification.IDENTITY;
        };
    }
}
