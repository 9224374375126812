package lab.mnist.runtime;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Switches on DL4J's oneDNN layer helpers on the CPU backend (docs/internals.md).
 *
 * <p>Two things keep them off in DL4J 1.0.0-M2.1: the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} defaults to true, and the capability check
 * looks for a class that M2.1 no longer has (answered by the shim
 * {@link org.nd4j.nativeblas.Nd4jCpu}). DL4J reads the property each time a layer is created, so
 * setting it before the first graph is built is enough; {@link ModelZoo} and {@link ModelFiles}
 * do that. {@code -Dmnist.onednn=false} keeps DL4J's default, to compare.
 */
public final class OneDnn {
    public static final String DL4J_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    public static final String OPT_OUT_PROPERTY = "mnist.onednn";

    private OneDnn() {
    }

    /** Idempotent; does nothing when the user opted out or set DL4J's property explicitly. */
    public static void enable() {
        if (!"false".equalsIgnoreCase(System.getProperty(OPT_OUT_PROPERTY))
                && System.getProperty(DL4J_DISABLE_PROPERTY) == null) {
            System.setProperty(DL4J_DISABLE_PROPERTY, "false");
        }
    }

    /** Whether DL4J will create layer helpers (the property alone; see {@link #helperCount}). */
    public static boolean requested() {
        return "false".equalsIgnoreCase(System.getProperty(DL4J_DISABLE_PROPERTY, "true"));
    }

    /** How many layers of the graph run through a helper (oneDNN on CPU): 0 means the slow path. */
    public static int helperCount(ComputationGraph graph) {
        int n = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer.getHelper() != null) {
                n++;
            }
        }
        return n;
    }
}
