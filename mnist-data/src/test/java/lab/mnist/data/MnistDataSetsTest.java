package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/** The DataVec path and the normalisers, on a small generated MNIST look-alike. */
class MnistDataSetsTest {
    private static final MnistRaw RAW = IdxFixtures.raw(300, 60, 3);

    @Test
    void dataVecPathGivesImageTensorsAndOneHotLabels() {
        DataSet all = MnistDataSets.readAll(RAW.trainImages(), RAW.trainLabels(), RAW.numClasses());
        assertArrayEquals(new long[] {300, 1, 28, 28}, all.getFeatures().shape());
        assertArrayEquals(new long[] {300, 10}, all.getLabels().shape());
        for (int i : new int[] {0, 17, 299}) {
            assertEquals(RAW.trainLabels().label(i), all.getLabels().getRow(i).argMax().getInt(0), "label of " + i);
            assertEquals(1.0, all.getLabels().getRow(i).sumNumber().doubleValue(), 1e-6);
            assertEquals(RAW.trainImages().pixel(i, 3, 5), all.getFeatures().getDouble(i, 0, 3, 5), 1e-6);
        }
    }

    @Test
    void unitAndSymmetricScaling() {
        MnistDataSets unit = MnistDataSets.prepare(RAW, options(Normalization.UNIT, 0));
        MnistDataSets sym = MnistDataSets.prepare(RAW, options(Normalization.SYMMETRIC, 0));
        int p = RAW.trainImages().pixel(4, 10, 10);
        assertEquals(p / 255.0, unit.train().getFeatures().getDouble(4, 0, 10, 10), 1e-5);
        assertEquals(p / 255.0 * 2 - 1, sym.train().getFeatures().getDouble(4, 0, 10, 10), 1e-5);
        assertNull(unit.validation());
    }

    @Test
    void standardiserIsFittedOnTheTrainingPartOnly() {
        MnistDataSets data = MnistDataSets.prepare(RAW, options(Normalization.STANDARDIZE, 0.2));
        DataSummary.PixelStats trainStats = DataSummary.pixelStats(RAW.trainImages(), data.trainIndices());
        DataSummary.PixelStats allStats = DataSummary.pixelStats(RAW.trainImages(), StratifiedSplit.all(300));
        NormalizerStandardize fitted = (NormalizerStandardize) data.normalizer();

        assertEquals(trainStats.mean() * 255, fitted.getMean().getDouble(0), 1e-2);
        assertTrue(Math.abs(allStats.mean() - trainStats.mean()) * 255 > 1e-2,
                "the fixture must tell the two apart for this test to mean anything");
        INDArray f = data.train().getFeatures();
        assertEquals(0.0, f.meanNumber().doubleValue(), 1e-3);
        assertEquals(1.0, f.stdNumber().doubleValue(), 1e-2);
    }

    @Test
    void splitPartsAreDisjointAndTestIsUntouched() {
        MnistDataSets data = MnistDataSets.prepare(RAW, options(Normalization.UNIT, 0.2));
        assertEquals(240, data.train().numExamples());
        assertEquals(60, data.validation().numExamples());
        assertEquals(60, data.test().numExamples());
        Set<Integer> train = new HashSet<>();
        for (int i : data.trainIndices()) {
            train.add(i);
        }
        for (int i : data.validationIndices()) {
            assertTrue(!train.contains(i));
        }
        int v = data.validationIndices()[5];
        assertEquals(RAW.trainLabels().label(v), data.validation().getLabels().getRow(5).argMax().getInt(0));
    }

    @Test
    void limitsApplyPerPart() {
        MnistDataSets data = MnistDataSets.prepare(RAW,
                new MnistDataSets.Options(Normalization.UNIT, 0.2, 1, 100, 20, 30));
        assertEquals(100, data.train().numExamples());
        assertEquals(20, data.validation().numExamples());
        assertEquals(30, data.test().numExamples());
        int[] counts = StratifiedSplit.classCounts(RAW.trainLabels().labels(), data.trainIndices());
        for (int c : counts) {
            assertEquals(10, c);
        }
    }

    @Test
    void batchIteratorCoversAnEpochAndRepeatsItsOrderPerEpoch() {
        MnistDataSets data = MnistDataSets.prepare(RAW, options(Normalization.UNIT, 0));
        ShuffledBatchIterator it = new ShuffledBatchIterator(data.train(), 64, true, 9);
        double[] firstOfEpoch = new double[3];
        for (int epoch = 0; epoch < 3; epoch++) {
            it.setEpoch(epoch);
            int seen = 0;
            double labelSum = 0;
            while (it.hasNext()) {
                DataSet b = it.next();
                if (seen == 0) {
                    firstOfEpoch[epoch] = b.getFeatures().sumNumber().doubleValue();
                }
                seen += b.numExamples();
                labelSum += b.getLabels().sumNumber().doubleValue();
                assertArrayEquals(new long[] {b.numExamples(), 1, 28, 28}, b.getFeatures().shape());
            }
            assertEquals(300, seen);
            assertEquals(300.0, labelSum, 1e-6);
        }
        it.setEpoch(1);
        assertEquals(firstOfEpoch[1], it.next().getFeatures().sumNumber().doubleValue(), 1e-3, "same epoch, same order");
        assertTrue(firstOfEpoch[0] != firstOfEpoch[1], "other epoch, other order");
    }

    private static MnistDataSets.Options options(Normalization n, double validation) {
        return new MnistDataSets.Options(n, validation, 42, 0, 0, 0);
    }
}
