package lab.mnist.runtime.updaters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import lab.mnist.runtime.Compiled;
import lab.mnist.runtime.FastPath;
import lab.mnist.runtime.ModelFiles;
import lab.mnist.models.ModelZoo;
import lab.mnist.models.HyperParameters;

/**
 * The zoo's graphs update through DL4J's standard path ({@link DirectGradientUpdater}), and end
 * with exactly the parameters and updater state that DL4J's own updater gives.
 */
class DirectGradientUpdaterTest {
    @TempDir
    Path dir;

    @Test
    void sameParametersAndStateAsDl4jsUpdaterBitForBit() {
        // Regularization before the updater (L1, L2) and after it (weight decay), which the
        // standard path applies through its own views; dropout in the MLP.
        for (String model : List.of("lenet5", "mlp")) {
            for (IUpdater updater : List.of(new Adam(1e-3), new Nesterovs(0.01, 0.9))) {
                HyperParameters hp = model.equals("mlp") ? HyperParameters.defaults().withDropout(0.2)
                        : HyperParameters.defaults();
                ComputationGraph direct = graph(model, hp, updater);
                ComputationGraph dl4j = graph(model, hp, updater);
                dl4j.setUpdater(new ComputationGraphUpdater(dl4j));
                String where = model + " with " + updater.getClass().getSimpleName();
                INDArray before = direct.params().dup();
                for (int step = 0; step < 3; step++) {
                    DataSet batch = batch(step);
                    Nd4j.getRandom().setSeed(100 + step); // the same dropout masks
                    direct.fit(batch);
                    Nd4j.getRandom().setSeed(100 + step);
                    dl4j.fit(batch);
                }
                DirectGradientUpdater own = assertInstanceOf(DirectGradientUpdater.class, direct.getUpdater());
                assertTrue(own.lastUpdateDirect(), where + ": the standard path");
                assertNotEquals(before, direct.params(), where + ": the steps moved the parameters");
                assertArrayEquals(bits(dl4j.params()), bits(direct.params()), where + ": parameters, bit for bit");
                assertArrayEquals(bits(dl4j.getUpdater().getStateViewArray()), bits(own.getStateViewArray()),
                        where + ": updater state, bit for bit");
            }
        }
    }

    @Test
    void aLoadedCheckpointKeepsItsUpdaterStateOnTheDirectPath() {
        ComputationGraph graph = graph("lenet5", HyperParameters.defaults(), new Adam(1e-3));
        graph.fit(batch(0));
        Path file = dir.resolve("checkpoint.zip");
        ModelFiles.save(file, graph, null, "{}", ModelFiles.Kind.CHECKPOINT);
        ComputationGraph loaded = FastPath.compile(ModelFiles.load(file, true).graph(), FastPath.Use.TRAINING);
        DirectGradientUpdater updater = assertInstanceOf(DirectGradientUpdater.class, loaded.getUpdater());
        assertArrayEquals(bits(graph.getUpdater().getStateViewArray()), bits(updater.getStateViewArray()),
                "the saved Adam moments");
        assertFalse(updater.lastUpdateDirect(), "no update yet");
        graph.fit(batch(1));
        loaded.fit(batch(1));
        assertTrue(updater.lastUpdateDirect());
        assertArrayEquals(bits(graph.params()), bits(loaded.params()), "the same next step");
        assertNull(ModelFiles.load(file, false).graph().getUpdater(false),
                "loaded for inference: no updater, and no state allocated for one");
    }

    private static ComputationGraph graph(String model, HyperParameters hp, IUpdater updater) {
        ComputationGraphConfiguration conf = ModelZoo.get(model).configuration(hp, updater, 3);
        conf.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setRegularization(List.of(new L1Regularization(1e-4), new L2Regularization(1e-3),
                        new WeightDecay(1e-3, true)));
            }
        });
        return Compiled.init(conf, hp, 3);
    }

    private static DataSet batch(int step) {
        Nd4j.getRandom().setSeed(step);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) {
            labels.putScalar(i, (i + step) % 10, 1f);
        }
        return new DataSet(x, labels);
    }

    private static int[] bits(INDArray a) {
        float[] f = a.dup('c').data().asFloat();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }
}
