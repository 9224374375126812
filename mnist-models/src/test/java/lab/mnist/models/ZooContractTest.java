package lab.mnist.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.Normalization;

/** What every zoo model must do: a contract test for every model. */
class ZooContractTest {
    /**
     * Every model's parameter count: the seed models' as PyTorch counts them (scripts/torch_ref.py),
     * the batch-norm models' counted by hand with DL4J's running statistics.
     */
    private static final Map<String, Long> EXPECTED_PARAMS = Map.of(
            "mlp", 130_058L, "lenet5", 61_706L, "cnn-basic", 1_199_882L, "cnn-wide", 3_973_762L, "cnn-pad", 421_642L,
            // Counted by hand from the architectures: a convolution k*k*in*out + out, a dense layer
            // in*out + out, a batch norm 4 per channel (gamma, beta, and DL4J's running mean and variance).
            // vgg-bn: convs 320 + 9,248 + 18,496 + 36,928 + 73,856 + 147,584, norms 2*(128 + 256 + 512),
            // dense 1,152*256 + 256 with a norm of 1,024, output 2,570.
            "vgg-bn", 586_986L,
            // resnet-small: stem 320 + 128; stage 1 2*(2*(9,248 + 128)); stage 2 58,304 (with its 1x1
            // projection 2,112 + 256) + 74,368; stage 3 231,296 (projection 8,320 + 512) + 296,192; output 1,290.
            "resnet-small", 699_402L,
            // speedrun-cnn, as PyTorch counts it (scripts/torch_ref.py's SpeedrunCnn): convs 624 + 6,944,
            // dense 800*256 + 256, output 2,570.
            "speedrun-cnn", 215_194L);

    private static final DataSet BATCH = tinyBatch();

    private static DataSet tinyBatch() {
        MnistRaw raw = IdxFixtures.raw(20, 10, 11);
        return MnistDataSets.prepare(raw, new MnistDataSets.Options(Normalization.UNIT, 0, 1, 0, 0, 0)).train();
    }

    static Iterable<String> models() {
        return ModelZoo.names();
    }

    @ParameterizedTest
    @MethodSource("models")
    void forwardPassGivesClassProbabilities(String name) {
        ComputationGraph graph = ModelZoo.build(name, HyperParameters.defaults());
        INDArray out = graph.outputSingle(false, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 28, 28));
        assertArrayEquals(new long[] {3, 10}, out.shape());
        INDArray rowSums = out.sum(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, rowSums.getDouble(i), 1e-4, "row " + i);
        }
    }

    /** An IDX data set of another shape: 32x32 images, 5 classes; the model follows the data. */
    @ParameterizedTest
    @MethodSource("models")
    void buildsForOtherImageSizesAndClassCounts(String name) {
        DataShape shape = new DataShape(32, 32, 1, 5);
        ComputationGraph graph = ModelZoo.build(name, shape, HyperParameters.defaults(), new Adam(1e-3), 3);
        INDArray out = graph.outputSingle(false, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 32, 32));
        assertArrayEquals(new long[] {2, 5}, out.shape());
        ModelSummary summary = ModelSummary.of(name, graph, shape);
        assertEquals("1x32x32", summary.rows().get(0).outputShape());
        assertEquals("5", summary.rows().get(summary.rows().size() - 1).outputShape());
    }

    @ParameterizedTest
    @MethodSource("models")
    void seedModelsHaveExactlyPyTorchsParameterCount(String name) {
        Long expected = EXPECTED_PARAMS.get(name);
        assertTrue(expected != null, name + ": a zoo model without its expected parameter count in this test");
        long actual = ModelZoo.build(name, HyperParameters.defaults()).numParams();
        assertEquals(expected.longValue(), actual);
    }

    @ParameterizedTest
    @MethodSource("models")
    void jsonRoundTripGivesAnEqualConfiguration(String name) {
        ComputationGraphConfiguration conf = ModelZoo.get(name).configuration(HyperParameters.defaults(), new Adam(1e-3), 7);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(conf.toJson(), back.toJson());
    }

    @ParameterizedTest
    @MethodSource("models")
    void aFewTrainingStepsLowerTheLoss(String name) {
        ComputationGraph graph = ModelZoo.build(name, HyperParameters.defaults(), new Adam(1e-3), 3);
        // Training-mode loss: batch norm then uses the batch's statistics; its running averages
        // need far more than a few steps before inference-mode loss means anything.
        Nd4j.getRandom().setSeed(1);
        double before = graph.score(BATCH, true);
        for (int i = 0; i < 8; i++) {
            graph.fit(BATCH);
        }
        Nd4j.getRandom().setSeed(1);
        double after = graph.score(BATCH, true);
        assertTrue(after < before, name + ": loss " + before + " -> " + after);
    }

    @ParameterizedTest
    @MethodSource("models")
    void sameSeedSameWeights(String name) {
        INDArray a = ModelZoo.build(name, HyperParameters.defaults(), new Adam(1e-3), 5).params();
        INDArray b = ModelZoo.build(name, HyperParameters.defaults(), new Adam(1e-3), 5).params();
        INDArray c = ModelZoo.build(name, HyperParameters.defaults(), new Adam(1e-3), 6).params();
        assertArrayEquals(a.dup('c').data().asFloat(), b.dup('c').data().asFloat(), "the same seed: the same weights, bit for bit");
        assertTrue(!java.util.Arrays.equals(a.dup('c').data().asFloat(), c.dup('c').data().asFloat()), "another seed, other weights");
    }
}
