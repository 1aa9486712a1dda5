package dev.odflash.ops.status;

import java.nio.file.Path;

/** A file in the backup library that is not a backup status can vouch for, and why. */
public record LibraryIssue(Path file, Problem problem, String detail) {
    public enum Problem {
        /** a sidecar without its image: a publish that never reached its commit (the image's link) */
        UNFINISHED_PUBLISH("unfinished-publish"),
        /** an image without a sidecar: nothing says what it is, so it is not trusted (and never deleted) */
        NO_SIDECAR("no-sidecar"),
        /** a missing, short or changed image, or a damaged sidecar */
        DAMAGED("damaged");

        private final String word;

        Problem(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
