package dev.odflash.emulator;

import dev.odflash.transport.ChipChannel;
import dev.odflash.transport.ChipStatus;
import dev.odflash.transport.JedecId;
import dev.odflash.transport.TaskFile;
import dev.odflash.transport.TaskFile.Register;
import dev.odflash.transport.TransportException;

/**
 * A test's own minimal host for the register-level 8051-era drive, written from docs/protocols.md §2.6 (not the
 * host's code, which the emulator may not see): the generic intro, byte read/write, the JEDEC 5555/2AAA sequences
 * for a byte-programmed part, toggle-bit polling and a read-back. Every byte command is one command.
 */
public final class RegisterChannel implements ChipChannel {
    private final TaskFile t;
    private int signature = 0x70;

    public RegisterChannel(TaskFile t) {
        this.t = t;
    }

    /** The drive's modelled channel, or one of these on its registers. */
    public static ChipChannel of(dev.odflash.transport.Device d) {
        return d.chipChannel().orElseGet(() -> new RegisterChannel(d.taskFile().orElseThrow()));
    }

    @Override
    public void enter() throws TransportException {
        t.write(Register.DEVICE, 0xA0);
        t.write(Register.SECTOR_NUMBER, 0x2A);
        t.command(0x80);
        int s = t.status();
        if (s != 0x70 && s != 0x72) {
            throw new TransportException(TransportException.Kind.OS_ERROR, String.format("intro answered 0x%02X", s));
        }
        signature = s;
    }

    /**
     * One SPI transfer through the serial mailbox (docs/protocols.md §2.6.4, layout 0x72): the bytes into the buffer at
     * 0x8800, lengths into Features/SC and LBA mid/high, 0x04 then 0x05, the answer read from after the sent bytes.
     */
    public int[] spi(int[] tx, int rx) throws TransportException {
        for (int i = 0; i < tx.length; i++) {
            writeByte(0x8800 + i, tx[i]);
        }
        t.write(Register.DEVICE, 0xA0);
        t.write(Register.FEATURES, tx.length & 0xFF);
        t.write(Register.SECTOR_COUNT, tx.length >> 8);
        t.write(Register.SECTOR_NUMBER, 0);
        t.write(Register.LBA_MID, rx & 0xFF);
        t.write(Register.LBA_HIGH, rx >> 8);
        t.command(0x04);
        done();
        t.command(0x05);
        done();
        int[] out = new int[rx];
        for (int i = 0; i < rx; i++) {
            out[i] = readByte(0x8800 + tx.length + i);
        }
        return out;
    }

    /** RDSR until write-in-progress clears (bounded). */
    public void idle() throws TransportException {
        for (int i = 0; i < 10_000_000 && (spi(new int[] {0x05}, 1)[0] & 1) != 0; i++) {
            t.clock().sleep(java.time.Duration.ofNanos(1_000));
        }
    }

    @Override
    public void leave() throws TransportException {
        t.command(0x81);
        t.command(0x08);
    }

    private void at(long a) throws TransportException {
        t.write(Register.DEVICE, 0xA0);
        t.write(Register.LBA_MID, (int) (a & 0xFF));
        t.write(Register.LBA_HIGH, (int) (a >> 8 & 0xFF));
        t.write(Register.DEVICE, 0xA0 | (int) (a >> 16 & 0x0F));
    }

    private void done() throws TransportException {
        int s = t.status();
        if (s != signature) {
            throw new TransportException(TransportException.Kind.OS_ERROR,
                    String.format("the drive left vendor mode (Status 0x%02X)", s));
        }
    }

    public int readByte(long a) throws TransportException {
        at(a);
        t.command(0x00);
        done();
        return t.read(Register.SECTOR_NUMBER);
    }

    public void writeByte(long a, int v) throws TransportException {
        at(a);
        t.write(Register.SECTOR_NUMBER, v);
        t.command(0x01);
        done();
    }

    private void unlock() throws TransportException {
        writeByte(0x5555, 0xAA);
        writeByte(0x2AAA, 0x55);
    }

    @Override
    public JedecId readId() throws TransportException {
        unlock();
        writeByte(0x5555, 0x90);
        JedecId id = new JedecId(readByte(0), readByte(1));
        writeByte(0, 0xF0);
        return id;
    }

    @Override
    public void read(long address, byte[] destination, int offset, int length) throws TransportException {
        for (int i = 0; i < length; i++) {
            destination[offset + i] = (byte) readByte(address + i);
        }
    }

    @Override
    public ChipStatus erase(long address, int blockSize) throws TransportException {
        unlock();
        writeByte(0x5555, 0x80);
        unlock();
        writeByte(address, 0x30);
        return settled(address, 0xFF);
    }

    @Override
    public ChipStatus program(long address, byte[] source, int offset, int length) throws TransportException {
        for (int i = 0; i < length; i++) {
            unlock();
            writeByte(0x5555, 0xA0);
            writeByte(address + i, source[offset + i] & 0xFF);
            ChipStatus s = settled(address + i, source[offset + i] & 0xFF);
            if (!s.equals(ChipStatus.READY)) {
                return s;
            }
        }
        return ChipStatus.READY;
    }

    /**
     * Toggle-bit polling (DQ6 toggles on consecutive reads while the embedded operation runs: SST39SF040 data sheet),
     * a different method from the host's Data# polling on purpose, then the read-back.
     */
    private ChipStatus settled(long a, int expected) throws TransportException {
        for (int i = 0; i < 10_000_000 && ((readByte(a) ^ readByte(a)) & 0x40) != 0; i++) {
            t.clock().sleep(java.time.Duration.ofNanos(1_000));
        }
        if (readByte(a) == expected) {
            return ChipStatus.READY;
        }
        writeByte(0, 0xF0);
        return new ChipStatus(false, true, false);
    }

    @Override
    public ChipStatus status() throws TransportException {
        readByte(0);
        return ChipStatus.READY;
    }

    @Override
    public int maxProgramLength() {
        return 256;
    }

    @Override
    public int maxReadLength() {
        return 0x10000;
    }
}
