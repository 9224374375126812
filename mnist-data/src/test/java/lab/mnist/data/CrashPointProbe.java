package lab.mnist.data;

import java.nio.file.Path;

/** Run in a JVM of its own by {@link CrashPointTest}: writes {@code args[0]} twice, then once more. */
public final class CrashPointProbe {
    private CrashPointProbe() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        AtomicFiles.write(file, "first");
        AtomicFiles.write(file, "second");
        AtomicFiles.write(file, "third");
    }
}
