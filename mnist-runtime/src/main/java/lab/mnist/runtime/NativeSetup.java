package lab.mnist.runtime;

/**
 * What a command line sets before ND4J loads, for speed (issue 5): DL4J's oneDNN helpers
 * ({@link OneDnn}) and JavaCPP's physical-memory check.
 *
 * <p>JavaCPP, under ND4J, checks the process's resident memory against
 * {@code org.bytedeco.javacpp.maxPhysicalBytes} on every native allocation by reading
 * {@code /proc/self/statm}: one system call for each shape descriptor and view, thousands per
 * training step. A JVM profile of LeNet-5 training put 3% of all samples in that read, and a
 * [64, 10] multiply went from 50 to 34 microseconds without it. The check only turns an
 * over-limit process into an OutOfMemoryError; the heap limit and JavaCPP's own byte count
 * ({@code maxBytes}) stay. It is read once, when JavaCPP's {@code Pointer} class loads, so this
 * must run first in {@code main}; a value the user set with {@code -D} wins.
 */
public final class NativeSetup {
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeSetup() {
    }

    /** Idempotent; call before anything touches ND4J. */
    public static void beforeNd4j() {
        OneDnn.enable();
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }
}
