package lab.mnist.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import lab.mnist.runtime.layers.CachedDense;
import lab.mnist.runtime.layers.GenericPooling;
import lab.mnist.runtime.layers.InputConvolution;
import lab.mnist.runtime.layers.KernelThreads;
import lab.mnist.runtime.layers.ReluActivation;
import lab.mnist.runtime.updaters.DirectGradientUpdater;
import lab.mnist.runtime.updaters.FlushingAdam;
import lab.mnist.runtime.updaters.HeavyBallMomentum;

/**
 * The speed work as one step applied to a built graph, in the spirit of {@code torch.compile}:
 * {@link #compile} takes a stock DL4J graph (the zoo's, or one loaded from any model file) and
 * returns a graph that shares its parameters (and updater state) and trains and infers with this
 * module's layers, activation and updater; {@link #stock} is the inverse, for saving. Outside this
 * module only the optimizer DL4J lacks ({@code HeavyBallMomentum}, chosen by the trainer's
 * {@code Optimizers}) is named; the fast layers and Adam are not. Use only the returned graph:
 * listeners are not carried over.
 *
 * <p>What {@link #compile} swaps, class for class and setting for setting (the same parameters in
 * the same layout, so the swap is a new view, not a copy):
 * <ul>
 *   <li>{@code DenseLayer} to {@link CachedDense}, {@code SubsamplingLayer} to {@link GenericPooling},
 *       and a {@code ConvolutionLayer} that reads a network input to {@link InputConvolution};</li>
 *   <li>plain {@code ActivationReLU} to {@link ReluActivation}, and DL4J's {@code Adam} to
 *       {@link FlushingAdam};</li>
 *   <li>{@code CacheMode.DEVICE} on every layer (a convolution keeps its output for the backward
 *       pass instead of computing it again), and DL4J's updater to {@link DirectGradientUpdater}.</li>
 * </ul>
 * The rewrite works on the configuration's JSON, DL4J's own serial form, so every setting a layer
 * has is carried over: the custom classes add behaviour, never fields.
 *
 * <p>{@link #configureNatives} sets the process-wide native knobs (thread counts of libnd4j,
 * OpenBLAS, OpenMP and the Java kernels); oneDNN's helpers are switched on when this class loads
 * ({@link OneDnn}), before any layer of a compiled graph exists.
 */
public final class FastPath {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS = "@class";
    private static final String ADAM = Adam.class.getName();
    private static final String RELU = ActivationReLU.class.getName();

    /** Fast class of each stock layer class that is swapped wherever it occurs. */
    private static final Map<String, String> FAST_LAYERS = Map.of(
            DenseLayer.class.getName(), CachedDense.class.getName(),
            SubsamplingLayer.class.getName(), GenericPooling.class.getName());

    /** Stock class of each fast class that carries no state of its own. */
    private static final Map<String, String> STOCK_OF = Map.of(
            CachedDense.class.getName(), DenseLayer.class.getName(),
            GenericPooling.class.getName(), SubsamplingLayer.class.getName(),
            InputConvolution.class.getName(), ConvolutionLayer.class.getName(),
            ReluActivation.class.getName(), RELU,
            FlushingAdam.class.getName(), ADAM);

    static {
        OneDnn.enable();
    }

    private FastPath() {
    }

    /**
     * @param enabled       whether {@link #compile} swaps anything ({@code train.fastPath})
     * @param threads       native threads per op, every pool (0: leave them)
     * @param blasThreads   then OpenBLAS alone (0: leave it)
     * @param kernelThreads the Java kernels' threads ({@link KernelThreads}; 0: as libnd4j)
     */
    public record Settings(boolean enabled, int threads, int blasThreads, int kernelThreads) {
        public static Settings defaults() {
            return new Settings(true, 0, 0, 0);
        }
    }

    /** What a compiled graph is for: training gets the fast updater (and keeps any updater state). */
    public enum Use { TRAINING, INFERENCE }

    /** Sets the native thread counts; call it before anything runs natively. */
    public static void configureNatives(Settings settings) {
        NativeThreads.limit(settings.threads(), settings.blasThreads());
        KernelThreads.set(settings.kernelThreads());
    }

    /** {@link #compile(ComputationGraph, Use, boolean)} with the fast path on. */
    public static ComputationGraph compile(ComputationGraph graph, Use use) {
        return compile(graph, use, true);
    }

    /**
     * A graph with {@code graph}'s parameters (the same array) and updater state that runs with
     * the fast classes; with {@code enabled} false, {@code graph} itself. For training it takes
     * DL4J's standard update path ({@link DirectGradientUpdater}), with the updater state the
     * graph had (a loaded checkpoint's) or a new one.
     */
    public static ComputationGraph compile(ComputationGraph graph, Use use, boolean enabled) {
        if (!enabled) {
            return graph;
        }
        ComputationGraph fast = sharing(graph, toFast(graph.getConfiguration()));
        INDArray state = updaterState(graph);
        if (use == Use.TRAINING) {
            DirectGradientUpdater.install(fast, state);
        } else if (state != null) {
            fast.setUpdater(new ComputationGraphUpdater(fast, state));
        }
        return fast;
    }

    /**
     * Sets the learning rate of every layer, keeping a compiled graph on DL4J's standard update path.
     * DL4J's {@code setLearningRate} rebuilds the updater (with its state) as a plain
     * {@code ComputationGraphUpdater}; a graph that had {@link DirectGradientUpdater} gets it back, on
     * the rebuilt updater's state.
     */
    public static void setLearningRate(ComputationGraph graph, double learningRate) {
        boolean direct = graph.getUpdater(false) instanceof DirectGradientUpdater;
        graph.setLearningRate(learningRate);
        if (direct) {
            DirectGradientUpdater.install(graph, graph.getUpdater().getStateViewArray());
        }
    }

    /**
     * A stock DL4J graph with {@code graph}'s parameters and updater state, for a model file that
     * opens in any DL4J application.
     *
     * @param keepTrainingUpdater for a resume checkpoint: an updater DL4J lacks (heavy-ball
     *                            momentum) stays as it is, so that training goes on unchanged;
     *                            otherwise it becomes DL4J's nearest ({@code Nesterovs}, same
     *                            learning rate and momentum)
     */
    public static ComputationGraph stock(ComputationGraph graph, boolean keepTrainingUpdater) {
        ComputationGraph stock = sharing(graph, toStock(graph.getConfiguration(), keepTrainingUpdater));
        INDArray state = updaterState(graph);
        if (state != null && keepTrainingUpdater) { // a model file keeps no updater state
            stock.setUpdater(new ComputationGraphUpdater(stock, state));
        }
        return stock;
    }

    /** The configuration with the fast classes and settings (a new object; {@code conf} is not changed). */
    public static ComputationGraphConfiguration toFast(ComputationGraphConfiguration conf) {
        ObjectNode root = tree(conf);
        Set<String> inputs = new HashSet<>(conf.getNetworkInputs());
        root.put("cacheMode", "DEVICE");
        if (root.get("defaultConfiguration") instanceof ObjectNode defaults) {
            defaults.put("cacheMode", "DEVICE");
        }
        for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> v : conf.getVertices().entrySet()) {
            if (!(v.getValue() instanceof LayerVertex)) {
                continue;
            }
            ObjectNode layerConf = (ObjectNode) root.path("vertices").path(v.getKey()).path("layerConf");
            layerConf.put("cacheMode", "DEVICE");
            ObjectNode layer = (ObjectNode) layerConf.path("layer");
            String type = layer.path(CLASS).asText();
            if (type.equals(ConvolutionLayer.class.getName()) && inputs.containsAll(conf.getVertexInputs().get(v.getKey()))) {
                layer.put(CLASS, InputConvolution.class.getName()); // nothing needs the gradient of a network input
            } else if (FAST_LAYERS.containsKey(type)) {
                layer.put(CLASS, FAST_LAYERS.get(type));
            }
            JsonNode activation = layer.path("activationFn");
            if (activation.path(CLASS).asText().equals(RELU) && !activation.hasNonNull("max")
                    && !activation.hasNonNull("threshold") && !activation.hasNonNull("negativeSlope")) {
                ((ObjectNode) activation).put(CLASS, ReluActivation.class.getName());
            }
            for (String updater : new String[] {"iupdater", "biasUpdater"}) {
                if (layer.path(updater).path(CLASS).asText().equals(ADAM)) {
                    ((ObjectNode) layer.get(updater)).put(CLASS, FlushingAdam.class.getName());
                }
            }
        }
        return configuration(root);
    }

    /** The configuration in DL4J's own classes only (see {@link #stock}); a new object. */
    public static ComputationGraphConfiguration toStock(ComputationGraphConfiguration conf, boolean keepTrainingUpdater) {
        ObjectNode root = tree(conf);
        rewriteToStock(root, keepTrainingUpdater);
        return configuration(root);
    }

    /** Every {@code @class} of ours, wherever it sits in the tree, becomes DL4J's. */
    private static void rewriteToStock(JsonNode node, boolean keepTrainingUpdater) {
        if (node instanceof ObjectNode object) {
            String type = object.path(CLASS).asText();
            if (STOCK_OF.containsKey(type)) {
                object.put(CLASS, STOCK_OF.get(type));
            } else if (type.equals(HeavyBallMomentum.class.getName()) && !keepTrainingUpdater) {
                double learningRate = object.path("learningRate").asDouble();
                double momentum = object.path("momentum").asDouble();
                object.removeAll();
                object.put(CLASS, Nesterovs.class.getName());
                object.put("learningRate", learningRate);
                object.put("momentum", momentum);
            }
        }
        node.forEach(child -> rewriteToStock(child, keepTrainingUpdater));
    }

    /** A new graph of {@code conf} on {@code graph}'s parameter array (the fast path's swap; BatchSplit's copies). */
    static ComputationGraph sharing(ComputationGraph graph, ComputationGraphConfiguration conf) {
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.params(), false); // a view of the same parameters, not a copy
        return copy;
    }

    private static INDArray updaterState(ComputationGraph graph) {
        ComputationGraphUpdater updater = graph.getUpdater(false);
        return updater == null ? null : updater.getStateViewArray();
    }

    private static ObjectNode tree(ComputationGraphConfiguration conf) {
        try {
            return (ObjectNode) JSON.readTree(conf.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ComputationGraphConfiguration configuration(ObjectNode root) {
        return ComputationGraphConfiguration.fromJson(root.toString());
    }
}
