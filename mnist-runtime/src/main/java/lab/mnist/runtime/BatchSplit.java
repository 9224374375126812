package lab.mnist.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.LoggerFactory;

/**
 * Trains each batch in {@code parts} slices at once, one thread each: the graph itself takes the
 * first slice on the calling thread, and copies of it that share its parameters take the others.
 * Their gradients are summed into the graph's before its one optimizer step, so a step sees the
 * whole batch's gradient, as {@code graph.fit(batch)} does.
 *
 * <p>Why: the seed models are too small for libnd4j's and oneDNN's threads. An op of LeNet-5 at
 * batch 64 lasts tens of microseconds, so two threads per op cost more in hand-offs than they save,
 * and 1 native thread trains it fastest (docs/speed.md). Two slices of 32 are two whole forward and
 * backward passes with no hand-off inside them: LeNet-5's training steps went from 5,350-5,475 to
 * 7,030-7,740 samples/s (a harness of 3 x 600 steps, this project's 2-core machine), cnn-pad's
 * (batch 10) from 781 to 1,019 in {@code bench}. The MLP's steps are too short: 9,155 to 6,665.
 *
 * <p>How the sum stays the batch's: DL4J's losses return the per-example gradients' sum, and its
 * updater divides by the graph's own minibatch, here the first slice's {@code n0}. So the summed
 * gradient is scaled by {@code n0 / n}: 0.5 for two equal halves, which is exact in floats. The
 * score is the examples' weighted mean. The slices' sums are added in a fixed order, on fixed
 * threads, so runs repeat bit for bit. Without dropout they differ from an unsplit step by float
 * rounding only; with it, the slices draw their masks from their own random streams ({@link #seed}),
 * so a split run takes other masks than an unsplit one.
 *
 * <p>Each copy has its own activations, gradients and workspaces (ND4J's are per thread). Batch
 * normalisation is refused: its statistics would be each slice's, not the batch's. Batches with
 * mask arrays train whole. On a GPU backend batches train whole: slices are for CPU cores.
 */
public final class BatchSplit implements AutoCloseable {
    private final ComputationGraph graph;
    private final List<ComputationGraph> copies = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>(); // one per copy: its workspaces and random stream stay put
    private final List<Future<?>> pending = new ArrayList<>();
    private final Combiner combiner = new Combiner();
    private int[] sizes = new int[0]; // the slices of the step in progress; empty: no split step in progress
    private boolean combined;         // whether the combiner ran in the step in progress

    private BatchSplit(ComputationGraph graph, int parts, int nativeThreads) {
        this.graph = graph;
        for (int part = 1; part < parts; part++) {
            ComputationGraph copy = FastPath.sharing(graph, graph.getConfiguration().clone());
            copy.initGradientsView();
            copies.add(copy);
            int index = part;
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mnist-lab-batch-part-" + index);
                t.setDaemon(true);
                return t;
            });
            await(thread.submit(() -> NativeThreads.limitOpenMpOfThisThread(nativeThreads)));
            threads.add(thread);
        }
        if (!copies.isEmpty()) {
            // First, so that any other listener's onGradientCalculation sees the whole batch's gradient.
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(combiner);
            listeners.addAll(graph.getListeners());
            graph.setListeners(listeners);
        }
    }

    /**
     * @param parts         slices per batch; 1 trains as {@code graph.fit} does
     * @param nativeThreads OpenMP threads of each slice's thread, as the calling thread's (0: leave)
     * @throws IllegalArgumentException when {@code parts < 1} or the graph has batch normalisation
     */
    public static BatchSplit of(ComputationGraph graph, int parts, int nativeThreads) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        String batchNorm = batchNormalization(graph.getConfiguration());
        if (parts > 1 && batchNorm != null) {
            throw new IllegalArgumentException("layer '" + batchNorm
                    + "' is a batch normalisation, whose statistics would be each slice's: train it in 1 slice");
        }
        if (parts > 1 && !Nd4j.getEnvironment().isCPU()) {
            // Slices are for CPU cores; a GPU is kept busy by whole batches, and copies would only share it.
            LoggerFactory.getLogger(BatchSplit.class).info("train.splitBatch {} is for CPU cores: on this backend "
                    + "batches train whole", parts);
            return new BatchSplit(graph, 1, nativeThreads);
        }
        return new BatchSplit(graph, parts, nativeThreads);
    }

    /** The name of the configuration's first batch normalisation layer, or null: such graphs train in 1 slice. */
    public static String batchNormalization(ComputationGraphConfiguration conf) {
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                return v.getKey();
            }
        }
        return null;
    }

    /** The slices a batch is trained in. */
    public int parts() {
        return copies.size() + 1;
    }

    /**
     * Seeds each part's random stream (dropout masks): the calling thread's with {@code seed}, part
     * i's with a mix of both. Not {@code seed + i}: callers seed with consecutive numbers (one per
     * epoch), and part 1 would repeat part 0's masks an epoch later.
     */
    public void seed(long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < threads.size(); i++) {
            long partSeed = partSeed(seed, i + 1);
            await(threads.get(i).submit(() -> Nd4j.getRandom().setSeed(partSeed)));
        }
    }

    /** Far from every small seed for parts 1 and on: the golden ratio's 64 bits times the part. */
    static long partSeed(long seed, int part) {
        return seed ^ (part * 0x9E3779B97F4A7C15L);
    }

    /** One optimizer step on {@code batch}: as {@code graph.fit(batch)}, in slices. */
    public void fit(DataSet batch) {
        int n = batch.numExamples();
        int parts = Math.min(parts(), n);
        if (parts == 1 || batch.hasMaskArrays()) {
            graph.fit(batch);
            return;
        }
        int[] slices = new int[parts];
        for (int i = 0; i < parts; i++) {
            slices[i] = n / parts + (i < n % parts ? 1 : 0);
        }
        INDArray features = batch.getFeatures();
        INDArray labels = batch.getLabels();
        int from = slices[0];
        pending.clear();
        for (int i = 1; i < parts; i++) {
            ComputationGraph copy = copies.get(i - 1);
            // The copies' iteration and epoch counts follow the graph's, for anything scheduled by them.
            copy.getConfiguration().setIterationCount(graph.getConfiguration().getIterationCount());
            copy.getConfiguration().setEpochCount(graph.getConfiguration().getEpochCount());
            INDArray f = slice(features, from, from + slices[i]);
            INDArray l = slice(labels, from, from + slices[i]);
            from += slices[i];
            pending.add(threads.get(i - 1).submit(() -> {
                copy.setInputs(f);
                copy.setLabels(l);
                copy.computeGradientAndScore();
                copy.clearLayersStates();
            }));
        }
        sizes = slices;
        combined = false;
        try {
            graph.fit(new DataSet(slice(features, 0, slices[0]), slice(labels, 0, slices[0])));
            if (!combined) { // the step would have seen the first slice only
                throw new IllegalStateException("the graph's listeners were replaced while it trained in slices");
            }
        } finally {
            sizes = new int[0];
            for (Future<?> f : pending) { // after a failure too: no copy may still read the parameters
                waitQuietly(f);
            }
            pending.clear();
        }
    }

    /** Rows [from, to) as a dense array of their own: the zoo's Java kernels take whole arrays only. */
    private static INDArray slice(INDArray array, int from, int to) {
        return array.get(NDArrayIndex.interval(from, to)).dup();
    }

    @Override
    public void close() {
        if (!copies.isEmpty()) {
            List<TrainingListener> others = new ArrayList<>(graph.getListeners());
            others.remove(combiner);
            graph.setListeners(others);
        }
        threads.forEach(ExecutorService::shutdown);
        for (ExecutorService thread : threads) {
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void waitQuietly(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // the step has failed already, with its own error
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch slice trained", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Runs between the graph's backward pass and its optimizer step (DL4J's
     * {@code onGradientCalculation}): waits for the other slices and sums their gradients and scores
     * into the graph's.
     */
    private final class Combiner extends BaseTrainingListener {
        @Override
        public void onGradientCalculation(Model model) {
            int[] slices = sizes;
            if (slices.length < 2) {
                return; // a step of one slice
            }
            INDArray gradient = graph.getGradientsViewArray();
            double total = slices[0];
            double weightedScore = graph.score() * slices[0];
            for (int i = 1; i < slices.length; i++) {
                await(pending.get(i - 1));
                ComputationGraph copy = copies.get(i - 1);
                gradient.addi(copy.getGradientsViewArray());
                weightedScore += copy.score() * slices[i];
                total += slices[i];
            }
            gradient.muli(slices[0] / total);
            graph.setScore(weightedScore / total);
            combined = true;
        }
    }
}
