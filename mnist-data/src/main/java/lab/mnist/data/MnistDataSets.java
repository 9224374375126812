package lab.mnist.data;

import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A data set of the MNIST family ready for training: the training images (60,000 for MNIST) split into training and validation parts
 * (seeded and class-stratified), the 10,000 test images apart, all normalised in memory.
 *
 * <p>The data flows through DataVec: an {@link IdxRecordReader} feeds DL4J's
 * {@link RecordReaderDataSetIterator}. The normaliser is fitted on the training part only; the
 * validation and test parts are only transformed with it. The test images take no part in
 * training or model selection.
 */
public final class MnistDataSets {

    /**
     * @param normalization      how pixels are scaled
     * @param validationFraction share of the training images held out for validation, in [0, 1)
     * @param seed               seed of the split and the limits
     * @param trainLimit         use at most this many training examples (stratified), 0 for all
     * @param validationLimit    likewise for validation
     * @param testLimit          likewise for test
     */
    public record Options(Normalization normalization, double validationFraction, long seed,
                          int trainLimit, int validationLimit, int testLimit) {
        public static Options defaults() {
            return new Options(Normalization.UNIT, 0.0, 42, 0, 0, 0);
        }
    }

    private final DataSet train;
    private final DataSet validation;
    private final DataSet test;
    private final DataNormalization normalizer;
    private final int[] trainIndices;
    private final int[] validationIndices;
    private final int[] testIndices;

    private MnistDataSets(DataSet train, DataSet validation, DataSet test, DataNormalization normalizer,
                          int[] trainIndices, int[] validationIndices, int[] testIndices) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.normalizer = normalizer;
        this.trainIndices = trainIndices;
        this.validationIndices = validationIndices;
        this.testIndices = testIndices;
    }

    public static MnistDataSets prepare(MnistRaw raw, Options options) {
        StratifiedSplit.Parts parts = StratifiedSplit.split(raw.trainLabels().labels(), options.validationFraction(),
                options.seed());
        int[] trainIdx = StratifiedSplit.limit(parts.train(), raw.trainLabels().labels(), options.trainLimit(), options.seed());
        int[] valIdx = StratifiedSplit.limit(parts.validation(), raw.trainLabels().labels(), options.validationLimit(),
                options.seed());
        int[] testIdx = StratifiedSplit.limit(StratifiedSplit.all(raw.testLabels().count()), raw.testLabels().labels(),
                options.testLimit(), options.seed());

        DataSet allTrain = readAll(raw.trainImages(), raw.trainLabels(), raw.numClasses());
        DataSet allTest = readAll(raw.testImages(), raw.testLabels(), raw.numClasses());
        DataSet train = rows(allTrain, trainIdx);
        DataSet validation = valIdx.length == 0 ? null : rows(allTrain, valIdx);
        DataSet test = rows(allTest, testIdx);

        DataNormalization normalizer = options.normalization().create();
        normalizer.fit(train); // the training part only: validation and test never shape the statistics
        normalizer.transform(train);
        if (validation != null) {
            normalizer.transform(validation);
        }
        normalizer.transform(test);
        return new MnistDataSets(train, validation, test, normalizer, trainIdx, valIdx, testIdx);
    }

    /**
     * Every example of an image/label pair as one data set: features [N, 1, rows, cols] (0..255),
     * one-hot labels [N, numClasses].
     */
    public static DataSet readAll(Idx.Images images, Idx.Labels labels, int numClasses) {
        IdxRecordReader reader = new IdxRecordReader(images, labels);
        RecordReaderDataSetIterator iterator = new RecordReaderDataSetIterator.Builder(reader, images.count())
                .classification(1, numClasses)
                .build();
        return iterator.next();
    }

    private static DataSet rows(DataSet all, int[] indices) {
        if (indices.length == all.numExamples()) {
            return all; // indices are sorted and distinct, so this is every row in order
        }
        INDArray f = all.getFeatures();
        long n = f.size(0);
        INDArray flat = f.reshape('c', n, f.length() / n);
        long[] shape = f.shape().clone();
        shape[0] = indices.length;
        return new DataSet(Nd4j.pullRows(flat, 1, indices).reshape('c', shape), Nd4j.pullRows(all.getLabels(), 1, indices));
    }

    public DataSet train() {
        return train;
    }

    /** The validation part, or null when the validation fraction is 0. */
    public DataSet validation() {
        return validation;
    }

    public DataSet test() {
        return test;
    }

    /** The normaliser, fitted on the training part; save it with the model. */
    public DataNormalization normalizer() {
        return normalizer;
    }

    /** Positions of the training part in the 60,000 training images. */
    public int[] trainIndices() {
        return trainIndices;
    }

    public int[] validationIndices() {
        return validationIndices;
    }

    /** Positions of the test part in the 10,000 test images. */
    public int[] testIndices() {
        return testIndices;
    }
}
