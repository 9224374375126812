package lab.mnist.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches over a data set held in memory, optionally reshuffled every epoch.
 *
 * <p>The order of epoch {@code e} depends only on the seed and {@code e}, not on how many epochs
 * this iterator has seen, so a run resumed at epoch 5 sees exactly the batches an uninterrupted
 * run would. Batches are gathered on the heap with {@code System.arraycopy} from a copy of the
 * data, then handed to ND4J in one bulk copy: far cheaper than one native gather per batch, which
 * keeps an epoch of iteration far cheaper than an epoch of training.
 */
public final class ShuffledBatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final float[] features;    // N x (values per example), row-major
    private final float[] labels;      // N x classes, one-hot
    private final int featureWidth;
    private final int numClasses;
    private final long[] featureShape; // shape of one example, e.g. [1, 28, 28]
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    public ShuffledBatchIterator(DataSet data, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        INDArray f = data.getFeatures();
        long n = f.size(0);
        this.featureShape = java.util.Arrays.copyOfRange(f.shape(), 1, f.rank());
        this.featureWidth = (int) (f.length() / n);
        this.numClasses = (int) data.getLabels().size(1);
        this.features = f.dup('c').data().asFloat();
        this.labels = data.getLabels().dup('c').data().asFloat();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = StratifiedSplit.all((int) n);
        setEpoch(0);
    }

    /** Positions the iterator at the start of the given epoch (0-based), with that epoch's order. */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        this.cursor = 0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            StratifiedSplit.shuffle(order, new Random(seed * 1_000_003L + epoch));
        }
    }

    public int epoch() {
        return epoch;
    }

    public int numExamples() {
        return order.length;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int end = Math.min(order.length, cursor + num);
        int[] rows = java.util.Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        float[] f = new float[rows.length * featureWidth];
        float[] l = new float[rows.length * numClasses];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(features, rows[k] * featureWidth, f, k * featureWidth, featureWidth);
            System.arraycopy(labels, rows[k] * numClasses, l, k * numClasses, numClasses);
        }
        long[] shape = new long[featureShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(featureShape, 0, shape, 1, featureShape.length);
        DataSet batch = new DataSet(Nd4j.create(f, shape, 'c'), Nd4j.create(l, new long[] {rows.length, numClasses}, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Moves to the next epoch: a reset is the start of a new epoch with a new order. */
    @Override
    public void reset() {
        setEpoch(cursor == 0 ? epoch : epoch + 1);
    }

    @Override
    public int inputColumns() {
        return featureWidth;
    }

    @Override
    public int totalOutcomes() {
        return numClasses;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }
}
