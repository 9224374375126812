package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;

/** A batch trained in slices on several threads takes the step the whole batch would. */
class BatchSplitTest {
    /** Plain SGD: an update is the gradient itself, so a gradient summed or scaled wrongly shows in full. */
    private static ComputationGraph lenet() {
        return model("lenet5");
    }

    private static ComputationGraph model(String name) {
        // No dropout: the slices' masks come from other random streams than the whole batch's.
        return Compiled.build(name, HyperParameters.defaults().withDropout(0.0), new Sgd(0.05), 7);
    }

    private static DataSet batch(int size, long seed) {
        var random = new java.util.Random(seed);
        float[] pixels = new float[size * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        INDArray features = Nd4j.create(pixels, new long[] {size, 1, 28, 28}, DataType.FLOAT);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, 10);
        for (int i = 0; i < size; i++) {
            labels.putScalar(i, (i * 3 + seed) % 10, 1f);
        }
        return new DataSet(features, labels);
    }

    /** Three steps of the whole batches, then three of the same batches in {@code parts} slices. */
    private static float[][] wholeAndSplit(int size, int parts) {
        return wholeAndSplit("lenet5", size, parts);
    }

    private static float[][] wholeAndSplit(String model, int size, int parts) {
        return wholeAndSplit(() -> model(model), size, parts);
    }

    private static float[][] wholeAndSplit(java.util.function.Supplier<ComputationGraph> model, int size, int parts) {
        ComputationGraph whole = model.get();
        ComputationGraph split = model.get();
        assertEquals(whole.params(), split.params(), "the same start");
        double[] wholeScores = new double[3];
        double[] splitScores = new double[3];
        try (BatchSplit slices = BatchSplit.of(split, parts, 1)) {
            assertEquals(parts, slices.parts());
            for (int step = 0; step < 3; step++) {
                DataSet b = batch(size, step);
                whole.fit(b);
                wholeScores[step] = whole.score();
                slices.fit(b);
                splitScores[step] = split.score();
            }
        }
        assertArrayEquals(wholeScores, splitScores, 1e-5 * Math.abs(wholeScores[0]), "the batch's mean loss");
        return new float[][] {whole.params().toFloatVector(), split.params().toFloatVector()};
    }

    private static void assertClose(float[][] wholeAndSplit) {
        float[] whole = wholeAndSplit[0];
        float[] split = wholeAndSplit[1];
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < whole.length; i++) {
            worst = Math.max(worst, Math.abs(whole[i] - split[i]));
            scale = Math.max(scale, Math.abs(whole[i]));
        }
        assertTrue(worst <= 1e-5 * scale, "largest difference " + worst + " of parameters up to " + scale);
    }

    @Test
    void twoHalvesTakeTheWholeBatchsStep() {
        float[][] params = wholeAndSplit(16, 2);
        assertClose(params);
        assertFalse(java.util.Arrays.equals(params[0], lenet().params().toFloatVector()), "the steps moved the parameters");
    }

    @Test
    void theOtherSplitSeedModelsToo() {
        assertClose(wholeAndSplit("cnn-pad", 10, 2)); // padding, an identity dense layer
        assertClose(wholeAndSplit("cnn-wide", 6, 2)); // with its dropout at 0
    }

    @Test
    void regularisationCountsOnceForTheWholeBatch() {
        // L1 and L2 join the gradient before the update, weight decay after it: both in the graph's
        // updater, once per step, on the summed gradient.
        assertClose(wholeAndSplit(() -> {
            var hp = HyperParameters.defaults();
            var conf = ModelZoo.get("lenet5").configuration(hp, new Sgd(0.05), 7);
            conf.getVertices().values().forEach(v -> {
                if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer layer) {
                    layer.setRegularization(java.util.List.of(
                            new org.nd4j.linalg.learning.regularization.L1Regularization(1e-3),
                            new org.nd4j.linalg.learning.regularization.L2Regularization(1e-2),
                            new org.nd4j.linalg.learning.regularization.WeightDecay(1e-2, true)));
                }
            });
            return Compiled.init(conf, hp, 7);
        }, 16, 2));
    }

    @Test
    void thePartsRandomStreamsNeverTakeAnotherEpochsSeed() {
        // Callers seed with consecutive numbers, one per epoch (Trainer: seed * 31 + epoch).
        var seen = new java.util.HashSet<Long>();
        for (long base = 0; base < 100_000; base++) {
            seen.add(base);
            assertTrue(seen.add(BatchSplit.partSeed(base, 1)) && seen.add(BatchSplit.partSeed(base, 2)), "seed " + base);
        }
    }

    @Test
    void unequalSlicesAndMoreThanTwoThreadsToo() {
        assertClose(wholeAndSplit(7, 2)); // 4 and 3
        assertClose(wholeAndSplit(10, 3)); // 4, 3 and 3
    }

    @Test
    void aBatchSmallerThanThePartsTrainsInAsManySlicesAsItHasExamples() {
        assertClose(wholeAndSplit(1, 2));
        assertClose(wholeAndSplit(2, 4));
    }

    @Test
    void theSameStepsRepeatBitForBit() {
        float[] first = wholeAndSplit(16, 2)[1];
        float[] second = wholeAndSplit(16, 2)[1];
        assertArrayEquals(first, second);
    }

    @Test
    void closingLeavesTheGraphAsItWas() {
        ComputationGraph graph = lenet();
        int listeners = graph.getListeners().size();
        try (BatchSplit slices = BatchSplit.of(graph, 2, 1)) {
            assertEquals(listeners + 1, graph.getListeners().size());
            slices.fit(batch(8, 1));
        }
        assertEquals(listeners, graph.getListeners().size());
        graph.fit(batch(8, 2)); // and it still trains on its own
    }

    @Test
    void aStepWhoseSlicesWereNotSummedFails() {
        ComputationGraph graph = lenet();
        try (BatchSplit slices = BatchSplit.of(graph, 2, 1)) {
            graph.setListeners(java.util.List.of()); // say, a caller's own listeners, set after the split
            var e = assertThrows(IllegalStateException.class, () -> slices.fit(batch(8, 1)));
            assertTrue(e.getMessage().contains("listeners were replaced"), e.getMessage());
        }
    }

    @Test
    void batchNormalisationIsRefused() {
        ComputationGraph vgg = Compiled.build("vgg-bn", HyperParameters.defaults(), new Sgd(0.05), 7);
        var e = assertThrows(IllegalArgumentException.class, () -> BatchSplit.of(vgg, 2, 1));
        assertTrue(e.getMessage().contains("batch normalisation"), e.getMessage());
        BatchSplit.of(vgg, 1, 1).close(); // one slice is the plain step
        assertThrows(IllegalArgumentException.class, () -> BatchSplit.of(lenet(), 0, 1));
    }
}
