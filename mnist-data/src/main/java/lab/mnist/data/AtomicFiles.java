package lab.mnist.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes a file under a temporary name in the same folder, then renames it over the target, so
 * a reader (or a crash) never sees a half-written file. Every output of the framework goes
 * through here: cached MNIST files, models, run folders.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Something that writes a whole file at the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) {
        write(file, temp -> Files.write(temp, bytes));
    }

    /** Lets {@code writer} fill a temporary file, then renames it to {@code file}. */
    public static void write(Path file, Writer writer) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Files.createFile, not createTempFile: a temp file is made owner-only (0600), and the rename
            // would hand that to the output; createFile gives the usual permissions (0666 less umask).
            Path temp = Files.createFile(dir.resolve("." + file.getFileName() + "."
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part"));
            try {
                writer.writeTo(temp);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
