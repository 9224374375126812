package lab.mnist.runtime.updaters;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's updater for a {@link ComputationGraph}, shown that the gradient it gets is the graph's own.
 *
 * <p>Why: {@code BaseMultiLayerUpdater.update} treats a gradient as "external" (computed in another
 * network) unless {@code gradient.gradient()} is the very array of the graph's flattened
 * gradients, and M2.1's {@code DefaultGradient.gradient()} returns a new reshaped view on every
 * call. So every step of every graph takes the external path, which cuts the minibatch-division
 * subsets and, twice per variable, its parameter and gradient views anew: 80 views per LeNet-5
 * step, 3.5% of its training thread. The standard path uses views made once. Both update the same
 * memory with the same ops, so the numbers do not change ({@code DirectGradientUpdaterTest}).
 *
 * <p>{@link lab.mnist.runtime.FastPath#compile} installs it ({@link #install}) in a graph compiled
 * for training; a gradient from anywhere else still takes DL4J's external path.
 */
public final class DirectGradientUpdater extends ComputationGraphUpdater {
    private boolean lastUpdateDirect;

    private DirectGradientUpdater(ComputationGraph graph, INDArray state) {
        super(graph, state);
    }

    /**
     * Gives {@code graph} this updater with {@code state} as its state (a loaded checkpoint's, used
     * in place, not copied), or a new state when null.
     */
    public static ComputationGraph install(ComputationGraph graph, INDArray state) {
        graph.setUpdater(new DirectGradientUpdater(graph, state));
        return graph;
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        INDArray own = getFlattenedGradientsView();
        INDArray given = gradient.gradient();
        lastUpdateDirect = given == own || sameMemory(given, own);
        if (lastUpdateDirect && given != own) {
            Gradient direct = new OwnGradient(own);
            gradient.gradientForVariable().forEach(direct::setGradientFor);
            gradient = direct;
        }
        super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
    }

    /** Whether the last update took DL4J's standard path, for tests. */
    public boolean lastUpdateDirect() {
        return lastUpdateDirect;
    }

    /** Whether both are the same dense run of memory (a reshape has a buffer object of its own). */
    private static boolean sameMemory(INDArray a, INDArray b) {
        return a.dataType() == b.dataType() && a.data().address() == b.data().address() && a.offset() == b.offset()
                && a.length() == b.length() && a.elementWiseStride() == 1 && b.elementWiseStride() == 1;
    }

    /** A gradient whose flattened array is the graph's own array itself, not a new view of it. */
    private static final class OwnGradient extends DefaultGradient {
        private final INDArray own;

        OwnGradient(INDArray own) {
            super(own);
            this.own = own;
        }

        @Override
        public INDArray gradient() {
            return own;
        }
    }
}
