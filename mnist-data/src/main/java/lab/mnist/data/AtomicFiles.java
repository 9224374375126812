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
                CrashPoint.reached(file);
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

    /** {@link #createUniqueDirectory} for {@code <name>-<yyyyMMdd-HHmmss>}: a run's or a sweep's folder. */
    public static Path createStampedDirectory(Path parent, String name) {
        String stamp = java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT));
        return createUniqueDirectory(parent, name + "-" + stamp);
    }

    /**
     * Creates a new folder {@code <parent>/<name>}, or {@code <name>-2}, {@code <name>-3}, ... when
     * that exists, and returns it. Each try is one atomic mkdir, so two processes that start in the
     * same second never get the same folder.
     */
    public static Path createUniqueDirectory(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path dir = parent.resolve(i == 1 ? name : name + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // another run (or process) has it: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder in " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a file name is one of a write under way: ours ({@code .<name>.<random>.part}), or the
     * JDK zip file system's ({@code zipfstmp<random>.tmp}), which a model file's last entry goes through.
     */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".part") || name.startsWith("zipfstmp") && name.endsWith(".tmp");
    }

    /**
     * Deletes the temporary files a killed process left in {@code dir} (not in its sub-folders):
     * a write that was under way when the process died never became its target file.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path dir) {
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (isTemporary(name) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }
}
