package dev.odflash.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.odflash.nativeio.IdeChannel;
import dev.odflash.nativeio.IdeDrive;
import dev.odflash.nativeio.PortAccess;
import dev.odflash.nativeio.PortDevices;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The words and JSON of the Linux port path for `list` and `doctor`: the IDE channels sysfs shows, the drives on
 * them, and whether this process could reach the ports. Strings from sysfs go through the sanitiser.
 */
final class PortText {
    private PortText() {
    }

    /**
     * The roots a run reads: the machine's ({@link PortMachines}), or for the reading commands' hidden --sysfs hook a
     * fake tree's with proc/ and dev/port beside it (read only: a port session never runs on those).
     */
    static PortDevices.Roots roots(Path sysfs) {
        return sysfs == null ? PortMachines.current().roots()
                : new PortDevices.Roots(sysfs, sysfs.resolveSibling("proc"), sysfs.resolveSibling("dev").resolve("port"));
    }

    static void json(ObjectNode json, List<IdeChannel> channels, PortAccess access) {
        ArrayNode list = json.putArray("ideChannels");
        for (IdeChannel c : channels) {
            ObjectNode o = list.addObject();
            o.put("function", c.function()).put("channel", c.name()).put("commandBase", hex(c.commandBase()))
                    .put("controlPort", hex(c.controlPort())).put("legacy", c.legacy())
                    .put("driver", c.driver().orElse(null));
            ArrayNode drives = o.putArray("drives");
            for (IdeDrive d : c.drives()) {
                drives.addObject().put("position", d.positionName()).put("address", d.address())
                        .put("ataPort", d.ataPort()).put("type", d.type()).put("vendor", d.vendor()).put("model", d.model())
                        .put("sg", d.genericNode().orElse(null)).put("block", d.blockNode().orElse(null))
                        .put("portForm", "port:" + d.genericNode().or(d::blockNode).orElse(""));
            }
            for (int p = 0; p < 2; p++) {
                if (c.at(p).isEmpty()) {
                    drives.addObject().put("position", p == 0 ? "master" : "slave").put("portForm", unlistedForm(c, p));
                }
            }
        }
        ObjectNode a = json.putObject("portAccess");
        a.put("ready", access.ready());
        ArrayNode checks = a.putArray("checks");
        access.checks().forEach(c -> checks.addObject().put("check", c.name()).put("ok", c.ok()).put("detail", c.detail()));
    }

    static String text(List<IdeChannel> channels, PortAccess access) {
        StringBuilder sb = new StringBuilder();
        sb.append(channels.isEmpty() ? "IDE channels: none found (no IDE-class PCI function; AHCI, USB and SCSI"
                + " drives have no port path)\n" : "IDE channels (the port: forms):\n");
        for (IdeChannel c : channels) {
            sb.append("  ").append(TerminalText.visible(c.describe())).append(", ")
                    .append(TerminalText.visible(c.driver().map(d -> "driver " + d).orElse("no driver bound"))).append('\n');
            for (int p = 0; p < 2; p++) {
                int position = p;
                sb.append(c.at(p).map(d -> String.format("    %-6s %s %s %s  port:%s%n", d.positionName(),
                        TerminalText.visible(d.address()), TerminalText.visible(d.vendor()), TerminalText.visible(d.model()),
                        TerminalText.visible(d.genericNode().or(d::blockNode).orElse("?"))))
                        .orElse(String.format("    %-6s nothing listed  %s (a drive the kernel does not list)%n",
                                position == 0 ? "master" : "slave", unlistedForm(c, position))));
            }
        }
        if (!channels.isEmpty()) {
            sb.append("Port access: ").append(access.ready() ? "possible" : "not possible: "
                    + TerminalText.visible(access.why())).append('\n');
        }
        return sb.toString();
    }

    /** Doctor's lines: one per channel, one for port access. */
    static List<String[]> doctorLines(List<IdeChannel> channels, PortAccess access) {
        List<String[]> out = new ArrayList<>();
        for (IdeChannel c : channels) {
            out.add(new String[] {"IDE channel", TerminalText.visible(c.describe() + ", " + c.driver().map(d -> "driver " + d)
                    .orElse("no driver bound") + "; " + (c.drives().isEmpty() ? "no drive listed" : String.join(", ",
                    c.drives().stream().map(d -> d.positionName() + " " + d.vendor() + " " + d.model() + " "
                            + d.genericNode().or(d::blockNode).orElse("")).toList())))});
        }
        out.add(new String[] {"port access", TerminalText.visible(access.ready() ? "possible (root or CAP_SYS_RAWIO,"
                + " /dev/port present, lockdown off)" : "not possible: " + access.why())});
        if (!channels.isEmpty()) {
            out.add(new String[] {"dead drive", DEAD_DRIVE_ADVICE});
        }
        return out;
    }

    /**
     * Which identification a resolved form will take (issue 14 §3, safety rule 1 in docs/architecture.md): a drive
     * the kernel lists is asked INQUIRY through SG_IO first; a drive it does not list, or one that does not answer,
     * is a dead drive, taken only in vendor mode and only under the dead-drive conditions.
     */
    static String identificationPath(dev.odflash.nativeio.PortForm.Resolved r, boolean familyNamed) {
        String conditions = "accepted only with --family mtk8051" + (familyNamed ? " (given)" : " (not given)")
                + ", a vendor-mode signature (0x70/0x72/0x73), an identified or named chip (--chip) and a two-pass"
                + " vendor-mode backup before any write";
        return r.listed().map(d -> "ATAPI identification first: INQUIRY through SG_IO on " + d.genericNode()
                .or(d::blockNode).orElse("its node") + " and the drive table; if it does not answer, dead-drive vendor"
                + " mode, " + conditions)
                .orElse("dead-drive vendor mode: the kernel lists no drive there, so no ATAPI identification; "
                        + conditions);
    }

    /** Doctor's advice for a drive that no longer answers ATAPI. */
    static final String DEAD_DRIVE_ADVICE = "a drive that no longer answers ATAPI: connect it to a PATA or IDE-mode"
            + " channel and, as root, use its port: form (a drive the kernel does not list: port:1-4 or"
            + " port:0xBASE:master|slave, `odflash list`) with --family mtk8051; the chip must be identified or named"
            + " (--chip), and a two-pass vendor-mode backup is taken before any write";

    static String unlistedForm(IdeChannel c, int position) {
        if (c.legacy()) {
            return "port:" + (c.index() * 2 + position + 1);
        }
        return "port:" + hex(c.commandBase()) + ":" + (position == 0 ? "master" : "slave");
    }

    private static String hex(int v) {
        return String.format("0x%X", v);
    }
}
