package dev.odflash.protocol.download;

/** A download step the drive refused or a wait that ran out; names the step and the drive's answer. */
public class DownloadException extends Exception {
    private final boolean beforeBurn;

    public DownloadException(String message, boolean beforeBurn) {
        super(message);
        this.beforeBurn = beforeBurn;
    }

    /** True when the drive refused before it was told to burn: its flash was not touched. */
    public boolean beforeBurn() {
        return beforeBurn;
    }
}
