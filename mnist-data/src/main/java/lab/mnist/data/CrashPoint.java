package lab.mnist.data;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injection point for the crash tests ({@code scripts/crash-test.sh}): with
 * {@code -Dmnist.crashTest.haltAt=NAME:N} the process halts, as {@code kill -9} would (no shutdown
 * hook, no finally block, no flush), at the N-th write of a file whose name starts with NAME, after
 * its temporary file is filled and before the rename. Random kills rarely land in a write of a few
 * milliseconds; this lands in every kind of write. Without the property it does nothing.
 */
public final class CrashPoint {
    public static final String PROPERTY = "mnist.crashTest.haltAt";
    /** The exit code of a halted process: 128 + SIGKILL's 9, as the shell reports a killed one. */
    public static final int HALT_STATUS = 137;

    private static final String SETTING = System.getProperty(PROPERTY);
    private static final AtomicInteger MATCHES = new AtomicInteger();

    private CrashPoint() {
    }

    static void reached(Path file) {
        if (SETTING == null || SETTING.isBlank()) {
            return;
        }
        int colon = SETTING.lastIndexOf(':');
        String prefix = colon < 0 ? SETTING : SETTING.substring(0, colon);
        int n = colon < 0 ? 1 : Integer.parseInt(SETTING.substring(colon + 1).trim());
        if (file.getFileName().toString().startsWith(prefix) && MATCHES.incrementAndGet() == n) {
            System.err.println("crash test: halting while writing " + file);
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
