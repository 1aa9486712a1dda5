package dev.odflash.nativeio.port;

import dev.odflash.transport.TransportException;

/** Byte-wide I/O ports: /dev/port on Linux, an in-memory controller model in tests. */
public interface PortSpace extends AutoCloseable {
    int in(int port) throws TransportException;

    void out(int port, int value) throws TransportException;

    @Override
    void close();
}
