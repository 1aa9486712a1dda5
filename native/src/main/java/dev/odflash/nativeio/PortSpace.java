package dev.odflash.nativeio;

import dev.odflash.transport.TransportException;

/**
 * Byte-wide I/O ports of one channel: /dev/port on Linux ({@code port.DevPort}); in tests an in-memory controller
 * model or the register-level emulated drive behind its task file.
 */
public interface PortSpace extends AutoCloseable {
    int in(int port) throws TransportException;

    void out(int port, int value) throws TransportException;

    @Override
    void close();
}
