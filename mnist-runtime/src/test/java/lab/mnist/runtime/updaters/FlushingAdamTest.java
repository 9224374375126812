package lab.mnist.runtime.updaters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;
import lab.mnist.runtime.Compiled;

class FlushingAdamTest {
    private static final int N = 10_000;

    /** A [1, n] view into a larger array, as DL4J hands each updater block its slice. */
    private static INDArray view(INDArray whole, int from, int n) {
        return whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + n)).reshape(1, n);
    }

    @Test
    void givesDl4jsAdamBitForBitOnNormalNumbers() {
        Nd4j.getRandom().setSeed(11);
        FlushingAdam ours = new FlushingAdam(2e-3, 0.9, 0.999, 1e-8);
        Adam theirs = new Adam(2e-3, 0.9, 0.999, 1e-8);
        INDArray oursState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N + 7);
        INDArray theirsState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N);
        GradientUpdater<?> o = ours.instantiate(view(oursState, 7, 2 * N), true);
        GradientUpdater<?> t = theirs.instantiate(theirsState, true);
        assertInstanceOf(FlushingAdam.Updater.class, o);
        INDArray gradients = Nd4j.zeros(DataType.FLOAT, 1, N + 3);
        // Iterations from the start of training to deep into it (the bias correction changes).
        for (int iteration : new int[] {0, 1, 2, 7, 100, 1234, 23_999}) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, N).muli(0.01);
            INDArray oursGradient = view(gradients, 3, N).assign(g);
            INDArray theirsGradient = g.dup();
            o.applyUpdater(oursGradient, iteration, 0);
            t.applyUpdater(theirsGradient, iteration, 0);
            assertArrayEquals(theirsGradient.toFloatVector(), oursGradient.toFloatVector(), 0f, "update, iteration " + iteration);
            assertArrayEquals(theirsState.toFloatVector(), view(oursState, 7, 2 * N).toFloatVector(), 0f,
                    "state, iteration " + iteration);
        }
    }

    /** The bias correction changes every step; one step size off by an ulp sends a run elsewhere. */
    @Test
    void takesDl4jsStepSizeAtEveryIterationOfASeedRun() {
        FlushingAdam ours = new FlushingAdam(1e-3, 0.9, 0.999, 1e-8);
        Adam theirs = new Adam(1e-3, 0.9, 0.999, 1e-8);
        GradientUpdater<?> o = ours.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2), true);
        GradientUpdater<?> t = theirs.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2), true);
        INDArray g1 = Nd4j.zeros(DataType.FLOAT, 1, 1);
        INDArray g2 = Nd4j.zeros(DataType.FLOAT, 1, 1);
        for (int iteration = 0; iteration < 24_000; iteration++) { // seed 002: 4,800 steps an epoch, 5 epochs
            g1.assign(1f);
            g2.assign(1f);
            o.applyUpdater(g1, iteration, 0);
            t.applyUpdater(g2, iteration, 0);
            assertEquals(g2.getFloat(0), g1.getFloat(0), 0f, "iteration " + iteration);
        }
    }

    @Test
    void flushesDenormalMomentsToZeroWhereDl4jKeepsThem() {
        FlushingAdam ours = new FlushingAdam(1e-3, 0.9, 0.999, 1e-8);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * N);
        INDArray theirsState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N);
        GradientUpdater<?> o = ours.instantiate(state, false);
        GradientUpdater<?> t = new Adam(1e-3, 0.9, 0.999, 1e-8).instantiate(theirsState, false);
        // m (the first half of DL4J's layout, v the second) at the smallest denormal, v normal, zero gradients.
        for (INDArray s : new INDArray[] {state, theirsState}) {
            view(s, 0, N).assign(Float.MIN_VALUE);
            view(s, N, N).assign(1e-6f);
        }
        INDArray g = Nd4j.zeros(DataType.FLOAT, 1, N);
        INDArray g2 = g.dup();
        o.applyUpdater(g, 500, 0);
        t.applyUpdater(g2, 500, 0);
        assertEquals(0f, view(state, 0, N).amaxNumber().floatValue(), "our m is flushed");
        assertEquals(Float.MIN_VALUE, view(theirsState, 0, N).amaxNumber().floatValue(),
                "DL4J's m stays the smallest denormal: 0.9 times it rounds back to it");
        assertEquals(0f, g.amaxNumber().floatValue(), "and the update is exactly zero");
    }

    @Test
    void otherLayoutsFallBackToDl4jsOp() {
        INDArray strided = Nd4j.zeros(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        assertFalse(ElementwiseKernel.supports(strided, Nd4j.zeros(DataType.FLOAT, 4, 3)));
        assertFalse(ElementwiseKernel.supports(Nd4j.zeros(DataType.DOUBLE, 1, 5), Nd4j.zeros(DataType.DOUBLE, 1, 5)));
        assertTrue(ElementwiseKernel.supports(Nd4j.zeros(DataType.FLOAT, 1, 5), Nd4j.zeros(DataType.FLOAT, 1, 5)));
    }

    /** The fast path must not switch off silently: every block of a zoo model compiled with DL4J's Adam takes it. */
    @Test
    void graphsWithDl4jsAdamTrainThroughTheJavaPathOnceCompiled() throws Exception {
        ComputationGraph graph = Compiled.build("cnn-pad", HyperParameters.defaults(), new Adam(1e-3), 1);
        Nd4j.getRandom().setSeed(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i, 1f);
        }
        graph.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28), labels));
        for (UpdaterBlock block : graph.getUpdater().getUpdaterBlocks()) {
            GradientUpdater<?> u = block.getGradientUpdater();
            assertInstanceOf(FlushingAdam.Updater.class, u);
            AdamUpdater adam = (AdamUpdater) u;
            assertTrue(ElementwiseKernel.supports(block.getGradientView(), adam.getV(), adam.getM()),
                    "block " + block.getParamOffsetStart() + " takes DL4J's op");
        }
    }

    @Test
    void survivesTheConfigurationJsonRoundTrip() {
        ComputationGraphConfiguration conf = ModelZoo.get("cnn-pad").configuration(HyperParameters.defaults(),
                new FlushingAdam(1e-3, 0.9, 0.999, 1e-8), 1);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertNotEquals(new Adam(1e-3, 0.9, 0.999, 1e-8), new FlushingAdam(1e-3, 0.9, 0.999, 1e-8));
        assertNotEquals(new FlushingAdam(1e-3, 0.9, 0.999, 1e-8), new Adam(1e-3, 0.9, 0.999, 1e-8));
    }
}
