package dev.odflash.emulator.mtk8051;

import dev.odflash.transport.DeviceClock;
import dev.odflash.transport.ScsiRequest;
import dev.odflash.transport.ScsiResult;
import dev.odflash.transport.ScsiTransport;
import dev.odflash.transport.TransportException;

/** The ATAPI side of a drive that no longer answers it ({@code ?atapi=dead}): every command gets no answer. */
enum DeadAtapi {
    INSTANCE;

    ScsiTransport on(DeviceClock clock) {
        return new ScsiTransport() {
            @Override
            public ScsiResult execute(ScsiRequest request) throws TransportException {
                throw new TransportException(TransportException.Kind.NO_ANSWER, "the drive does not answer ATAPI"
                        + " (emulated: atapi=dead)");
            }

            @Override
            public long maxTransferLength() {
                return 65536;
            }

            @Override
            public int alignmentMask() {
                return 0;
            }

            @Override
            public DeviceClock clock() {
                return clock;
            }

            @Override
            public void close() {
            }
        };
    }
}
