package lab.mnist.runtime;

/** Run in a JVM of its own by {@link NativeSetupTest}: what JavaCPP took after {@link NativeSetup}. */
public final class NativeSetupProbe {
    private NativeSetupProbe() {
    }

    public static void main(String[] args) {
        NativeSetup.beforeNd4j();
        System.out.println(org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
    }
}
