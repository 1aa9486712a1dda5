package dev.odflash.ops;

import dev.odflash.doctor.Check;
import dev.odflash.drive.DriveFamily;
import dev.odflash.drive.DriveModel;
import dev.odflash.drive.DriveTable;
import dev.odflash.protocol.InquiryData;
import dev.odflash.protocol.ScsiCommandException;
import dev.odflash.protocol.Spc;
import dev.odflash.family.Families;
import dev.odflash.protocol.VendorProbe;
import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.Device;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.SenseData;
import dev.odflash.transport.TransportException;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code odflash doctor} checks on one open drive, in order: INQUIRY, TEST UNIT READY, the drive table,
 * and the family's documented harmless vendor probe (only for known families: safety rule 1). The command
 * opens the drive and renders the checks; the commands it sends are here (docs/architecture.md, "Layers
 * and who may depend on whom": a command calls an operation, not the protocol).
 */
public final class DriveDoctor {
    private DriveDoctor() {
    }

    /** The checks, and the drive's family when the table knows it. */
    public record Outcome(List<Check> checks, Optional<DriveFamily> family) {
    }

    /**
     * @param fixFor what to tell the user about a drive that could not be reached (the view's words: they
     *               name its flags)
     */
    public static Outcome check(Device d, String target, DriveTable drives, Function<TransportException, String> fixFor) {
        List<Check> checks = new ArrayList<>();
        try {
            Spc spc = new Spc(d.scsi());
            InquiryData inq;
            try {
                inq = spc.inquiry(36);
            } catch (ScsiCommandException e) {
                checks.add(Check.fail("INQUIRY", target, e.getMessage(), "the drive answers but refuses INQUIRY:"
                        + " power-cycle it; if it stays so, its firmware may be damaged"));
                return new Outcome(checks, Optional.empty());
            }
            checks.add(Check.ok("INQUIRY", target, inq.identity() + ", peripheral type " + inq.peripheralType()
                    + (inq.peripheralType() == InquiryData.TYPE_CD_DVD ? " (CD/DVD)" : " (not an optical drive)")));
            Optional<SenseData> notReady = spc.testUnitReady();
            checks.add(notReady.map(s -> s.asc() == 0x3A || s.key() == SenseData.UNIT_ATTENTION
                            ? Check.ok("TEST UNIT READY", target, "answered: " + s.describe()
                            + (s.asc() == 0x3A ? " (normal without a disc; flashing needs an empty drive)" : ""))
                            : Check.warn("TEST UNIT READY", target, "answered: " + s.describe(),
                            "wait until the drive is idle, then run " + dev.odflash.ops.NextStep.RERUN.mention() + " again"))
                    .orElse(Check.ok("TEST UNIT READY", target, "ready (a disc is in the drive; flashing needs it empty)")));
            Optional<DriveModel> model = drives.lookup(inq.vendor(), inq.product());
            if (model.isEmpty()) {
                checks.add(Check.skip("vendor probe", target, "unknown drive (not in the drive table): no vendor"
                        + " command is sent (safety rule 1)"));
                return new Outcome(checks, Optional.empty());
            }
            DriveFamily family = model.get().family();
            checks.add(vendorProbe(d, target, family, fixFor));
            return new Outcome(checks, Optional.of(family));
        } catch (TransportException e) {
            checks.add(Check.fail("INQUIRY", target, "no answer: " + e.getMessage(), fixFor.apply(e)));
            return new Outcome(checks, Optional.empty());
        }
    }

    private static Check vendorProbe(Device d, String target, DriveFamily family,
            Function<TransportException, String> fixFor) {
        Optional<VendorProbe> probe = Families.of(family).doctorProbe();
        if (probe.isEmpty()) {
            String why = family.word() + ": " + Families.of(family).noDoctorProbeReason();
            if (d.chipChannel().isEmpty()) {
                return Check.skip("vendor probe", target, why);
            }
            ChipChannel channel = d.chipChannel().get();
            try {
                channel.enter();
                try {
                    return Check.ok("vendor probe", target, why + "; the modelled vendor-mode channel answered, chip"
                            + " JEDEC " + channel.readId());
                } finally {
                    channel.leave();
                }
            } catch (TransportException e) {
                return Check.fail("vendor probe", target, "vendor mode dropped on the way: " + e.getMessage(),
                        "connect the drive to a SATA/IDE port directly instead of through a USB bridge");
            }
        }
        VendorProbe p = probe.get();
        try (Arena arena = Arena.ofConfined()) {
            ScsiResult r = d.scsi().execute(ScsiRequest.in(p.cdb(), d.scsi().allocate(arena, p.length())));
            return Check.ok("vendor probe", target, p.name() + " (" + p.source() + ") reached the drive: "
                    + (r.isGood() ? "data returned" : r.describe()));
        } catch (TransportException e) {
            return Check.fail("vendor probe", target, p.name() + " did not reach the drive: " + e.getMessage(),
                    e.kind() == TransportException.Kind.PERMISSION ? fixFor.apply(e)
                            : "a USB bridge or the driver drops vendor commands: connect the drive to a SATA/IDE port");
        }
    }
}
