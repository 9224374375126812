package lab.mnist.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import lab.mnist.models.zoo.CnnBasic;
import lab.mnist.models.zoo.CnnPad;
import lab.mnist.models.zoo.CnnWide;
import lab.mnist.models.zoo.LeNet5;
import lab.mnist.models.zoo.Mlp;
import lab.mnist.models.zoo.ResNetSmall;
import lab.mnist.models.zoo.SpeedrunCnn;
import lab.mnist.models.zoo.VggBn;

/**
 * The models by name. An unknown name is an error that lists the names there are. Every model
 * builds a configuration of DL4J's own classes only, so a trained model opens in any DL4J application.
 */
public final class ModelZoo {
    private static final Map<String, ZooModel> MODELS = new LinkedHashMap<>();

    static {
        for (ZooModel m : List.of(new Mlp(), new LeNet5(), new CnnBasic(), new CnnWide(), new CnnPad(),
                new VggBn(), new ResNetSmall(), new SpeedrunCnn())) {
            MODELS.put(m.name(), m);
        }
    }

    private ModelZoo() {
    }

    public static List<ZooModel> all() {
        return List.copyOf(MODELS.values());
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** @throws InvalidHyperParameterException (key {@code model.name}) for an unknown name */
    public static ZooModel get(String name) {
        ZooModel model = MODELS.get(name);
        if (model == null) {
            throw new InvalidHyperParameterException("model.name", "unknown model '" + name + "', expected one of "
                    + String.join(", ", names()));
        }
        return model;
    }

    /** A new graph of this zoo model for MNIST-shaped data, initialised as {@link #init} does. */
    public static ComputationGraph build(String name, HyperParameters hp, IUpdater updater, long seed) {
        return build(name, DataShape.MNIST, hp, updater, seed);
    }

    /** A new graph of this zoo model for data of this shape, initialised as {@link #init} does. */
    public static ComputationGraph build(String name, DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        return init(get(name).configuration(shape, hp, updater, seed), hp, seed);
    }

    /** A graph for inspection (summary, parameter counts), with plain SGD. */
    public static ComputationGraph build(String name, HyperParameters hp) {
        return build(name, hp, new Sgd(0.01), 42);
    }

    /**
     * A graph of this configuration, initialised: DL4J's init, and PyTorch's uniform biases for
     * {@code weightInit: torch}. A stock DL4J graph; {@code lab.mnist.runtime.FastPath} makes it
     * train fast.
     */
    public static ComputationGraph init(ComputationGraphConfiguration conf, HyperParameters hp, long seed) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        if ("torch".equals(hp.weightInitName())) {
            TorchInit.initBiases(graph, seed);
        }
        return graph;
    }
}
