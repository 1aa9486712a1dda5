package dev.odflash.cli;

import static dev.odflash.cli.TerminalText.visible;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.ops.BackupOperation;
import dev.odflash.ops.Capabilities;
import dev.odflash.ops.Capability;
import dev.odflash.ops.DriveInfo;
import dev.odflash.ops.Gate;
import dev.odflash.ops.OdflashException;
import dev.odflash.transport.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@Command(name = "backup", header = "Read the flash twice, verify, hash and store it with a sidecar.", mixinStandardHelpOptions = true,
        description = {"Read the whole flash twice, compare, hash (SHA-256) and write FILE plus a FILE.json sidecar:",
            "the sidecar is published first and FILE last, so FILE appearing is the commit. Never overwrites: an",
            "existing FILE (even one without a sidecar) is refused (exit 4); a FILE.json left without its FILE by an",
            "interrupted run is an unfinished backup and is replaced. FILE's directory must exist (else exit 2).",
            "Without -o the backup goes into the library:",
            "$ODFLASH_HOME/backups/<vendor>_<product>/<revision>-<UTC time>.bin (default ~/.local/share/odflash).",
            "An MT19xx drive that refuses to have its whole flash read is refused (exit 4) unless --regions-only is",
            "given: then only its config (0x3000, 0x20 bytes), identity page (0x1EC000, 0x100) and calibration",
            "(0x1F0000, 0x10000) are read, each twice and agreeing, and FILE holds them one after the other; the",
            "sidecar says coverage \"regions\". Such a backup serves only `flash --regions-only`; it can never be",
            "restored nor given to --backup.",
            "The library keeps one entry per content and drive: a backup of content it already holds prints",
            "\"already in the library: PATH\" (exit 0) and is recorded in that entry's sidecar (its \"seen\" list,",
            "replaced atomically; the image is unchanged). -o FILE always writes FILE. See `odflash library`.",
            "Ctrl-C (SIGINT, SIGTERM) ends the read at once, exit 130; nothing is published."})
final class BackupCommand extends BaseCommand {
    @Mixin
    DeviceOptions device;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the backup here instead of the library.")
    Path output;

    @Option(names = "--regions-only", description = "If the drive refuses a whole-flash read (MT19xx), back up only the"
            + " regions a flash keeps (coverage \"regions\"); a drive that allows the whole read still gets a full backup.")
    boolean regionsOnly;

    BackupCommand(AppContext ctx) {
        super(ctx);
    }

    @Override
    protected ExitCode execute() throws Exception {
        long wallStart = System.nanoTime();
        try (Device d = ctx.openDevice(device.device)) {
            DriveInfo info = device.probe(ctx).probe(d);
            info.warnings().forEach(ctx.output()::warn);
            Capability backup = Capabilities.of(info, d).getFirst();
            if (!backup.available()) {
                info.requireVendorMode(); // no answer in vendor mode is the device's failure (exit 3), as doctor says
                throw OdflashException.refused(Gate.READ_PATH, "cannot back up " + info.inquiry().identity() + ": " + backup.how());
            }
            BackupOperation.Result r = new BackupOperation(ctx.library(), ctx.clock())
                    .run(d, info, Optional.ofNullable(output), regionsOnly, ctx.progress());
            r.settled().forEach(s -> ctx.output().warn((s.finished() ? "finished the unfinished backup "
                    : "removed the sidecar of an unfinished backup ") + s.image() + " left by an earlier run"));
            Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
            ObjectNode json = Output.object();
            json.put("file", r.file().toString());
            json.put("sidecar", r.sidecar().toString());
            json.put("sha256", r.read().sha256());
            json.put("size", r.read().size());
            json.put("passes", r.read().passes());
            json.set("drive", r.sidecarJson().get("drive"));
            json.set("chip", r.sidecarJson().get("chip"));
            json.put("state", r.sidecarJson().get("state").asText());
            json.put("coverage", r.sidecarJson().path("coverage").asText());
            boolean regions = r.sidecarJson().has("regions");
            if (regions) {
                json.set("regions", r.sidecarJson().get("regions"));
            }
            if (d.clock().simulated()) {
                json.put("simulatedSeconds", r.read().deviceTime().toNanos() / 1e9);
            }
            json.put("wallSeconds", wall.toNanos() / 1e9);
            json.put("alreadyInLibrary", r.alreadyInLibrary());
            if (r.alreadyInLibrary()) {
                ctx.output().result(json, String.format("Backup of %s read and verified (%d passes agree).%n"
                                + "already in the library: %s%n  sha256:  %s (this backup is added to its sidecar's seen list)%n",
                        visible(info.inquiry().identity()), r.read().passes(), visible(r.file().toString()), r.read().sha256()));
                return ExitCode.OK;
            }
            String text = String.format((regions ? "Regions-only backup (the drive refuses a whole-flash read): it can never"
                            + " restore the drive, only let `flash --regions-only` keep its own data.%n" : "")
                            + "Backup of %s written and verified (%d passes agree).%n"
                            + "  file:    %s%n  sidecar: %s%n  size:    %s%n  sha256:  %s%n  time:    %s%s%n",
                    visible(info.inquiry().identity()), r.read().passes(), visible(r.file().toString()),
                    visible(r.sidecar().toString()), Sizes.human(r.read().size()),
                    r.read().sha256(), Sizes.seconds(r.read().deviceTime()),
                    d.clock().simulated() ? " simulated device time" : "");
            ctx.output().result(json, text);
            return ExitCode.OK;
        }
    }
}
