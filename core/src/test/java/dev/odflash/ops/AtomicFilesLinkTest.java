package dev.odflash.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A publish never falls back to a rename (rename(2) replaces a file that appears at the name between
 * a check and the move): a link that fails for any reason fails the publish, and nothing is at the
 * name afterwards but what was there before.
 */
class AtomicFilesLinkTest {
    @TempDir
    Path dir;

    private static FileSteps linkFails(RuntimeException unchecked, IOException checked) {
        return new FileSteps() {
            @Override
            public void createLink(Path link, Path existing) throws IOException {
                if (unchecked != null) {
                    throw unchecked;
                }
                throw checked;
            }
        };
    }

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void anIoErrorFromTheLinkFailsThePublishWithoutARename() throws Exception {
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(() -> ScopedValue.where(AtomicFiles.STEPS,
                        linkFails(null, new AccessDeniedException(target.toString(), null, "Operation not permitted")))
                .call(() -> {
                    AtomicFiles.publish(target, new byte[] {1, 2, 3});
                    return null;
                }))
                .isInstanceOf(IOException.class);
        assertThat(names()).isEmpty(); // no move put the file there, and the temporary file is gone
    }

    @Test
    void aFileSystemWithoutHardLinksIsRefusedRatherThanRenamedOnto() throws Exception {
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(() -> ScopedValue.where(AtomicFiles.STEPS,
                        linkFails(new UnsupportedOperationException("no links"), null))
                .call(() -> {
                    AtomicFiles.publish(target, new byte[] {1, 2, 3});
                    return null;
                }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("hard links");
        assertThat(names()).isEmpty();
    }

    @Test
    void anExistingNameStillFailsAsExisting() throws Exception {
        Path target = dir.resolve("out.bin");
        Files.write(target, new byte[] {9});
        assertThatThrownBy(() -> AtomicFiles.publish(target, new byte[] {1}))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(target)).containsExactly(9);
        assertThat(names()).containsExactly("out.bin");
    }
}
