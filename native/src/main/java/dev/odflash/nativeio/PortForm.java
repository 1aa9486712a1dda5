package dev.odflash.nativeio;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code port:} device forms and what they resolve to on the channels a scan found. {@code port:/dev/sgN} (or
 * srN) names a drive the kernel lists, whose channel and position come from sysfs; mtkflash's {@code port:1}-{@code
 * port:4} (primary master, primary slave, secondary master, secondary slave on the legacy ports) and {@code
 * port:0xBASE:master|slave} name a position the kernel lists nothing at (a dead drive). A port outside the scanned
 * channels is never accepted.
 */
public final class PortForm {
    public static final String PREFIX = "port:";
    private static final Pattern NUMBERED = Pattern.compile("[1-4]");
    private static final Pattern BASED = Pattern.compile("0[xX]([0-9a-fA-F]{1,4}):(master|slave)");
    private static final Pattern NODE = Pattern.compile("/dev/(sg[0-9]{1,5}|sr[0-9]{1,5})");

    /** A form resolved: the channel, the position, and the drive the kernel lists there, if any. */
    public record Resolved(String spec, IdeChannel channel, int position, Optional<IdeDrive> listed) {
        public String positionName() {
            return position == 0 ? "master" : "slave";
        }

        public String describe() {
            return spec + " -> " + channel.describe() + ", " + positionName() + ", "
                    + channel.driver().map(d -> "bound to " + d).orElse("no driver bound")
                    + listed.map(d -> "; the kernel lists " + d.address() + " " + d.vendor() + " " + d.model()
                            + d.genericNode().map(n -> " " + n).orElse("") + d.blockNode().map(n -> " " + n).orElse(""))
                    .orElse("; the kernel lists no drive there");
        }
    }

    /** A form that does not parse or names nothing the scan found; the message says which forms exist. */
    public static final class Unresolved extends Exception {
        public Unresolved(String message) {
            super(message);
        }
    }

    private PortForm() {
    }

    public static boolean isPortForm(String spec) {
        return spec.startsWith(PREFIX);
    }

    public static Resolved resolve(String spec, List<IdeChannel> channels) throws Unresolved {
        String rest = spec.substring(PREFIX.length());
        Matcher node = NODE.matcher(rest);
        if (node.matches()) {
            for (IdeChannel c : channels) {
                for (IdeDrive d : c.drives()) {
                    if (d.genericNode().filter(rest::equals).isPresent() || d.blockNode().filter(rest::equals).isPresent()) {
                        return new Resolved(spec, c, d.position(), Optional.of(d));
                    }
                }
            }
            throw new Unresolved(rest + " is not on an IDE channel the scan found (a drive on AHCI, USB or SCSI has no"
                    + " port path; `odflash list` shows the IDE channels)");
        }
        if (NUMBERED.matcher(rest).matches()) {
            int n = Integer.parseInt(rest);
            int index = (n - 1) / 2;
            int position = (n - 1) % 2;
            int base = index == 0 ? IdeChannelScan.LEGACY_PRIMARY : IdeChannelScan.LEGACY_SECONDARY;
            Optional<IdeChannel> c = channels.stream().filter(IdeChannel::legacy).filter(ch -> ch.commandBase() == base)
                    .findFirst();
            if (c.isEmpty()) {
                throw new Unresolved(String.format("port:%d is the %s %s on the legacy ports (0x%X), and no IDE"
                        + " function in compatibility mode decodes them here", n, index == 0 ? "primary" : "secondary",
                        position == 0 ? "master" : "slave", base));
            }
            return unlisted(spec, c.get(), position);
        }
        Matcher based = BASED.matcher(rest);
        if (based.matches()) {
            int base = Integer.parseInt(based.group(1), 16);
            int position = based.group(2).equals("master") ? 0 : 1;
            Optional<IdeChannel> c = channels.stream().filter(ch -> ch.commandBase() == base).findFirst();
            if (c.isEmpty()) {
                throw new Unresolved(String.format("0x%X is not the command block of an IDE channel the scan found"
                        + " (found: %s)", base, channels.isEmpty() ? "none" : String.join(", ", channels.stream()
                        .map(ch -> String.format("0x%X", ch.commandBase())).toList())));
            }
            return unlisted(spec, c.get(), position);
        }
        throw new Unresolved("'" + spec + "' is not a port form (port:/dev/sgN, port:1 to port:4,"
                + " port:0xBASE:master|slave)");
    }

    /** The numbered and based forms are for a drive the kernel does not list: a listed one is named by its node. */
    private static Resolved unlisted(String spec, IdeChannel channel, int position) throws Unresolved {
        Optional<IdeDrive> listed = channel.at(position);
        if (listed.isPresent()) {
            IdeDrive d = listed.get();
            throw new Unresolved(spec + ": the kernel lists " + d.address() + " (" + d.vendor() + " " + d.model()
                    + ") there; name it port:" + d.genericNode().or(d::blockNode).orElse("/dev/sgN")
                    + " so it is identified through ATAPI first");
        }
        return new Resolved(spec, channel, position, Optional.empty());
    }
}
