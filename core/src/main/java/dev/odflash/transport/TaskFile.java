package dev.odflash.transport;

/**
 * The ATA task-file registers of one drive, one byte at a time: what the 8051-era MTK vendor mode needs and
 * nothing more (docs/protocols.md §2.6.1). Selecting the device is a write of the Device register (0xA0 master,
 * 0xB0 slave). Only a write of the Command register starts a command; a port-I/O path and the emulated drive
 * both count that write as one command (docs/architecture.md "Contracts"). The 16-bit data port is never used.
 */
public interface TaskFile {
    /** The task-file registers by their offset from the command-block base (docs/protocols.md §2.6.1). */
    enum Register {
        FEATURES(1, "features"), SECTOR_COUNT(2, "sc"), SECTOR_NUMBER(3, "sn"), LBA_MID(4, "lbamid"),
        LBA_HIGH(5, "lbahigh"), DEVICE(6, "device");

        private final int offset;
        private final String traceName;

        Register(int offset, String traceName) {
            this.offset = offset;
            this.traceName = traceName;
        }

        public int offset() {
            return offset;
        }

        /** The name register trace lines use. */
        public String traceName() {
            return traceName;
        }
    }

    /** Writes one register (value 0-255). */
    void write(Register register, int value) throws TransportException;

    /** Writes the Command register: this starts the command. */
    void command(int opcode) throws TransportException;

    /** Reads the Status register. */
    int status() throws TransportException;

    /** Reads one register back. */
    int read(Register register) throws TransportException;

    /** The clock the host's polls run on (virtual for the emulated drive). */
    DeviceClock clock();

    /**
     * Whether the gap between two register accesses is bounded. A port-I/O path through the OS (one pread/pwrite per
     * access, the thread may be descheduled between any two) is {@link Pacing#UNBOUNDED}: it cannot keep a part's
     * byte-load window, so such parts are read but never written on it. The emulated drive's virtual clock charges a
     * fixed time per access: {@link Pacing#BOUNDED}. Unbounded unless a path proves otherwise.
     */
    default Pacing pacing() {
        return Pacing.UNBOUNDED;
    }

    /** See {@link #pacing()}. */
    enum Pacing { BOUNDED, UNBOUNDED }
}
