package dev.odflash.nativeio.flashrom;

import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ExternalProgrammer;
import dev.odflash.transport.TransportException;

import java.util.Optional;

/**
 * One run of {@link FlashromProtectionTest} in a process of its own (libflashrom 1.3 keeps the first programmer's
 * state for the life of the process): opens the dummy's W25Q128FV with the given parameters, does one scenario and
 * prints what the library reported, one {@code key=value} line each. The dummy writes its image file when the
 * device closes, at the end of main.
 */
public final class ProtectionScenario {
    private static final int BLOCK = 4096;

    private ProtectionScenario() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        try (FlashromDevice device = FlashromDevice.open("flashrom:dummy:emulate=W25Q128FV," + args[1])) {
            ExternalProgrammer programmer = device.programmer().orElseThrow();
            programmer.probe(Optional.of("W25Q128.V"));
            ChipChannel channel = device.chipChannel().orElseThrow();
            print("before", programmer.protection());
            switch (scenario) {
                case "read" -> { }
                case "write-outside" -> print("after", writeBlock(channel, 0, (byte) 0x11, programmer));
                case "unprotect-then-write-inside" -> {
                    programmer.unprotect();
                    print("unprotected", programmer.protection());
                    print("after", writeBlock(channel, 0xFFF000, (byte) 0x22, programmer));
                }
                case "unprotect-pinned" -> {
                    try {
                        programmer.unprotect();
                        System.out.println("unprotect=done");
                    } catch (TransportException e) {
                        System.out.println("unprotect=failed " + e.getMessage().replace('\n', ' '));
                    }
                    print("after", programmer.protection());
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }
    }

    /** Erases and programs one block with {@code value} through the chip channel; its read-back sends the write. */
    private static ExternalProgrammer.Protection writeBlock(ChipChannel channel, long at, byte value,
                                                            ExternalProgrammer programmer) throws TransportException {
        byte[] data = new byte[BLOCK];
        java.util.Arrays.fill(data, value);
        channel.erase(at, BLOCK);
        for (int i = 0; i < BLOCK; i += 256) {
            channel.program(at + i, data, i, 256);
        }
        byte[] back = new byte[BLOCK];
        channel.read(at, back, 0, BLOCK);
        System.out.println("readback=" + java.util.Arrays.equals(back, data));
        return programmer.protection();
    }

    private static void print(String key, ExternalProgrammer.Protection p) {
        System.out.printf("%s=%s %s 0x%X 0x%X%n", key, p.known() ? "known" : "unknown", p.mode(), p.start(), p.length());
    }
}
