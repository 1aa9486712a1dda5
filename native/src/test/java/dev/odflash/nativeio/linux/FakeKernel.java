package dev.odflash.nativeio.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Plays the Linux kernel for SgTransport tests: open() answers from a scripted errno, ioctl(SG_IO)
 * decodes the header the way the sg driver does and answers with a scripted reply.
 */
class FakeKernel implements LinuxIo {
    /** What one SG_IO call gets back: an errno (ioctl fails) or a reply with data and sense. */
    record Answer(int errno, int status, int host, int driver, byte[] data, byte[] sense) {
        static Answer good(byte[] data) {
            return new Answer(0, 0, 0, 0, data, new byte[0]);
        }

        static Answer check(byte[] sense) {
            return new Answer(0, 2, 0, HostStatus.DRIVER_SENSE, new byte[0], sense);
        }

        static Answer errno(int errno) {
            return new Answer(errno, 0, 0, 0, new byte[0], new byte[0]);
        }

        static Answer host(int host) {
            return new Answer(0, 0, host, 0, new byte[0], new byte[0]);
        }
    }

    final List<Integer> openFlags = new ArrayList<>();
    final List<SgIoHdr.Request> requests = new ArrayList<>();
    final List<byte[]> cdbs = new ArrayList<>();
    int openErrno;
    int readOnlyOpenErrno;
    boolean notScsi;
    long acceptLimit = Long.MAX_VALUE;
    Function<byte[], Answer> answer = cdb -> Answer.good(new byte[0]);
    int closes;
    /** errno the next flock calls answer (0: granted). */
    int flockErrno;
    final List<Integer> flocks = new ArrayList<>();

    @Override
    public Outcome open(String path, int flags) {
        openFlags.add(flags);
        boolean ro = (flags & 3) == O_RDONLY;
        int e = ro && readOnlyOpenErrno != 0 ? readOnlyOpenErrno : ro ? 0 : openErrno;
        return e != 0 ? new Outcome(-1, e) : new Outcome(3, 0);
    }

    @Override
    public Outcome ioctl(int fd, long request, MemorySegment argument) {
        if (notScsi) {
            return new Outcome(-1, Errno.ENOTTY);
        }
        if (request != SgIoHdr.SG_IO) {
            return new Outcome(0, 0);
        }
        MemorySegment h = argument.reinterpret(SgIoHdr.LAYOUT.byteSize());
        SgIoHdr.Request r = SgIoHdr.request(h);
        requests.add(r);
        byte[] cdb = r.cdb().toArray(ValueLayout.JAVA_BYTE);
        cdbs.add(cdb);
        if (r.dxferLen() > acceptLimit) {
            return new Outcome(-1, Errno.EINVAL); // what the block layer answers for a too-large transfer
        }
        Answer a = answer.apply(cdb);
        if (a.errno() != 0) {
            return new Outcome(-1, a.errno());
        }
        int n = Math.min(a.data().length, r.dxferLen());
        MemorySegment.copy(a.data(), 0, r.data(), ValueLayout.JAVA_BYTE, 0, n);
        MemorySegment.copy(a.sense(), 0, r.sense(), ValueLayout.JAVA_BYTE, 0, Math.min(a.sense().length, r.maxSense()));
        SgIoHdr.writeReply(h, new SgIoHdr.Reply(a.status(), Math.min(a.sense().length, r.maxSense()), a.host(),
                a.driver(), r.dxferLen() - n, 1, a.status() != 0 || a.host() != 0 ? SgIoHdr.SG_INFO_CHECK : 0));
        return new Outcome(0, 0);
    }

    @Override
    public Outcome flock(int fd, int operation) {
        flocks.add(operation);
        return flockErrno != 0 ? new Outcome(-1, flockErrno) : new Outcome(0, 0);
    }

    @Override
    public void close(int fd) {
        closes++;
    }
}
