package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;
import lab.mnist.runtime.layers.CachedDense;
import lab.mnist.runtime.layers.GenericPooling;
import lab.mnist.runtime.layers.InputConvolution;
import lab.mnist.runtime.layers.ReluActivation;
import lab.mnist.runtime.updaters.DirectGradientUpdater;
import lab.mnist.runtime.updaters.FlushingAdam;
import lab.mnist.runtime.updaters.HeavyBallMomentum;

/**
 * The fast path is a step on a stock graph: per zoo model, the compiled graph computes the stock
 * graph's outputs bit for bit and its gradients to float rounding, on the same parameters; what
 * is saved names no class of ours, for every model and optimizer.
 */
class FastPathTest {
    /**
     * Gradients of the compiled graph differ from DL4J's by float rounding only: its dense products
     * are written in another order, and the first layer's weight gradient is summed in Java. The
     * bound is on the difference's 2-norm relative to the gradient's, per variable.
     */
    private static final double GRADIENT_TOLERANCE = 1e-5;

    @BeforeAll
    static void helpersOnForBoth() {
        OneDnn.enable(); // the stock graphs too, so that both convolve with oneDNN
    }

    static List<String> models() {
        return ModelZoo.names();
    }

    @ParameterizedTest
    @MethodSource("models")
    void theCompiledGraphComputesWhatTheStockGraphComputes(String model) {
        ComputationGraph stock = ModelZoo.build(model, HyperParameters.defaults(), new Sgd(0.1), 7);
        ComputationGraph fast = FastPath.compile(stock, FastPath.Use.TRAINING);
        assertEquals(stock.params().data().address(), fast.params().data().address(), "the same parameters, not a copy");

        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28).subi(0.3);
        INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5).castTo(DataType.FLOAT);
        assertArrayEquals(bits(stock.outputSingle(x)), bits(fast.outputSingle(x)),
                model + ": the same outputs, bit for bit");

        Map<String, INDArray> expected = ReferenceGraphs.gradients(stock, x, labels);
        Map<String, INDArray> actual = ReferenceGraphs.gradients(fast, x, labels);
        assertEquals(expected.keySet(), actual.keySet());
        double whole = expected.get("all").norm2Number().doubleValue();
        java.util.Set<String> zeroByDesign = biasesBeforeBatchNorm(stock);
        for (String key : expected.keySet()) {
            double scale = expected.get(key).norm2Number().doubleValue();
            assertTrue(scale > 0, model + " " + key + ": a gradient that is not zero");
            if (zeroByDesign.contains(key)) {
                // Batch normalisation removes the mean, so this bias's true gradient is zero and what
                // either graph computes is rounding noise: both must be zero next to the whole gradient.
                assertTrue(scale < 1e-6 * whole && actual.get(key).norm2Number().doubleValue() < 1e-6 * whole,
                        model + " " + key + ": zero up to rounding in both graphs");
                continue;
            }
            double relative = actual.get(key).distance2(expected.get(key)) / scale;
            assertTrue(relative < GRADIENT_TOLERANCE, model + " " + key + ": relative gradient difference " + relative);
        }
    }

    /** The bias variables ({@code <layer>_b}) of layers whose output goes into a batch normalisation. */
    private static java.util.Set<String> biasesBeforeBatchNorm(ComputationGraph graph) {
        java.util.Set<String> out = new java.util.HashSet<>();
        graph.getConfiguration().getVertexInputs().forEach((name, inputs) -> {
            if (graph.getConfiguration().getVertices().get(name) instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                inputs.forEach(input -> out.add(input + "_b"));
            }
        });
        return out;
    }

    @Test
    void compilingSwapsTheLayersActivationsAndUpdater() {
        ComputationGraph fast = FastPath.compile(ModelZoo.build("lenet5", HyperParameters.defaults(),
                new Adam(1e-3), 1), FastPath.Use.TRAINING);
        assertInstanceOf(InputConvolution.class, layer(fast, "conv1"), "the convolution on the images");
        assertEquals(org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class, layer(fast, "conv2").getClass(),
                "a convolution on another layer's output keeps its input gradient");
        assertInstanceOf(GenericPooling.class, layer(fast, "pool1"));
        assertInstanceOf(CachedDense.class, layer(fast, "dense1"));
        assertInstanceOf(ReluActivation.class, ((DenseLayer) layer(fast, "dense1")).getActivationFn());
        assertInstanceOf(FlushingAdam.class, ((DenseLayer) layer(fast, "dense1")).getIUpdater());
        assertEquals(CacheMode.DEVICE, fast.getConfiguration().getCacheMode());
        assertInstanceOf(DirectGradientUpdater.class, fast.getUpdater(false));
    }

    /** DL4J's setLearningRate rebuilds the updater; the fast path's keeps the standard path and the state. */
    @Test
    void aNewLearningRateKeepsTheDirectUpdaterAndItsState() {
        ComputationGraph fast = FastPath.compile(ModelZoo.build("mlp", HyperParameters.defaults(), new Adam(1e-3), 1),
                FastPath.Use.TRAINING);
        Nd4j.getRandom().setSeed(3);
        fast.fit(new org.nd4j.linalg.dataset.DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28),
                Nd4j.eye(10).getRows(0, 1, 2, 3).castTo(DataType.FLOAT)));
        float[] state = bits(fast.getUpdater().getStateViewArray());
        FastPath.setLearningRate(fast, 5e-4);
        assertInstanceOf(DirectGradientUpdater.class, fast.getUpdater(false));
        assertArrayEquals(state, bits(fast.getUpdater().getStateViewArray()), "the Adam moments kept");
        assertEquals(5e-4, ((DenseLayer) layer(fast, "dense1")).getIUpdater().getLearningRate(0, 0), 0.0);
    }

    @Test
    void switchedOffItIsTheStockGraphItself() {
        ComputationGraph stock = ModelZoo.build("lenet5", HyperParameters.defaults());
        assertSame(stock, FastPath.compile(stock, FastPath.Use.TRAINING, false));
    }

    @Test
    void whatIsSavedNamesNoClassOfOursForEveryModelAndOptimizer() {
        List<IUpdater> optimizers = List.of(new Sgd(0.1), new HeavyBallMomentum(0.01, 0.9), new Nesterovs(0.01, 0.9),
                new Adam(1e-3), new RmsProp(1e-3));
        for (String model : ModelZoo.names()) {
            for (IUpdater optimizer : optimizers) {
                ComputationGraph fast = FastPath.compile(ModelZoo.build(model, HyperParameters.defaults(), optimizer, 1),
                        FastPath.Use.TRAINING);
                String what = model + " with " + optimizer.getClass().getSimpleName();
                assertTrue(fast.getConfiguration().toJson().contains("lab.mnist.runtime.layers"), what + ": compiled");
                assertFalse(FastPath.stock(fast, false).getConfiguration().toJson().contains("lab.mnist"),
                        what + ": a saved model");
                boolean checkpointOwn = FastPath.stock(fast, true).getConfiguration().toJson().contains("lab.mnist");
                assertEquals(optimizer instanceof HeavyBallMomentum, checkpointOwn,
                        what + ": a checkpoint names only the updater DL4J lacks");
            }
        }
    }

    @Test
    void heavyBallMomentumIsSavedAsDl4jsNearestWithItsSettings() {
        ComputationGraph fast = FastPath.compile(ModelZoo.build("mlp", HyperParameters.defaults(),
                new HeavyBallMomentum(0.003, 0.8), 1), FastPath.Use.TRAINING);
        IUpdater saved = ((DenseLayer) layer(FastPath.stock(fast, false), "dense1")).getIUpdater();
        assertEquals(new Nesterovs(0.003, 0.8), saved);
    }

    @Test
    void stockAndCompiledGraphsShareTheUpdaterState() {
        ComputationGraph fast = FastPath.compile(ModelZoo.build("mlp", HyperParameters.defaults(), new Adam(1e-3), 1),
                FastPath.Use.TRAINING);
        INDArray state = fast.getUpdater(false).getStateViewArray();
        ComputationGraph checkpoint = FastPath.stock(fast, true);
        assertSame(state, checkpoint.getUpdater(false).getStateViewArray());
        ComputationGraph resumed = FastPath.compile(checkpoint, FastPath.Use.TRAINING);
        assertSame(state, resumed.getUpdater(false).getStateViewArray());
        assertNotSame(fast, resumed);
    }

    /** The values in row-major order, for bit-for-bit comparisons ({@code INDArray.equals} allows 1e-5). */
    static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layer(ComputationGraph graph, String name) {
        return ((LayerVertex) graph.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
    }
}
