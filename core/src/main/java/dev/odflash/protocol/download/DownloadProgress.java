package dev.odflash.protocol.download;

/** Progress of a download: {@code done} of {@code total} bytes of {@code phase} sent or waited. */
@FunctionalInterface
public interface DownloadProgress {
    void update(String phase, long done, long total);
}
