package lab.mnist.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.Normalization;
import lab.mnist.data.ShuffledBatchIterator;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;
import lab.mnist.models.OneDnn;
import lab.mnist.models.ZooModel;

/**
 * Training and inference speed of zoo models on real MNIST: a warm-up, then timed repetitions,
 * reporting medians, peak memory and achieved GFLOP/s. The figures compare with
 * {@code shared/bench/torch_ref.py} run on the same machine.
 */
public final class Benchmark {
    /** The seeds' batch sizes (torch_ref.py uses the same). */
    public static final Map<String, Integer> SEED_BATCH = Map.of("lenet5", 64, "cnn-basic", 50, "cnn-wide", 50,
            "cnn-pad", 10, "mlp", 32, "vgg-bn", 128, "resnet-small", 128);
    /** 2 cores x 2.25 GHz x 32 fp32 FLOP/cycle (AVX2, two FMA units): NOTES.md. */
    public static final double PEAK_GFLOPS = 144.0;

    /**
     * @param peakHeapMiB   peak Java heap while this model ran
     * @param offHeapMiB    ND4J's off-heap arrays (JavaCPP's count) after this model ran
     * @param peakRssMiB    peak resident memory of the whole process so far (Linux VmHWM): measure
     *                      one model per process for its own peak
     */
    public record Result(String model, int batch, double trainSamplesPerSecond, double evalSamplesPerSecond,
                         double forwardMflopPerSample, double trainGflops, double evalGflops, double peakHeapMiB,
                         double offHeapMiB, double peakRssMiB, boolean oneDnn, double[] trainRuns, double[] evalRuns,
                         String optimizer) {
    }

    private Benchmark() {
    }

    /**
     * The seeds' optimizers, as torch_ref.py runs them and experiments/seed-*.yaml set them (Adam
     * for the other models): an update step costs differently per optimizer.
     */
    static IUpdater seedOptimizer(String model) {
        return switch (model) {
            case "lenet5" -> new HeavyBallMomentum(1e-3, 0.9);
            case "mlp" -> new HeavyBallMomentum(3e-3, 0.9);
            case "cnn-wide" -> new HeavyBallMomentum(1e-2, 0.95);
            case "cnn-basic" -> new Adam(1e-4);
            default -> new Adam(1e-3);
        };
    }

    public static List<Result> run(List<String> models, Map<String, Integer> batchOverride, int trainSamples,
                                   int repeats) {
        MnistRaw raw = MnistRaw.load(SourceOptions.defaults());
        MnistDataSets data = MnistDataSets.prepare(raw, new MnistDataSets.Options(Normalization.UNIT, 0, 1, 0, 0, 0));
        List<Result> results = new ArrayList<>();
        for (String name : models) {
            int batch = batchOverride.getOrDefault(name, SEED_BATCH.getOrDefault(name, 64));
            ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            IUpdater optimizer = seedOptimizer(name);
            ComputationGraph graph = ModelZoo.build(name, HyperParameters.defaults(), optimizer, 1);
            ShuffledBatchIterator it = new ShuffledBatchIterator(data.train(), batch, true, 1);
            timeTraining(graph, it, Math.max(batch * 5, trainSamples / 5)); // warm-up: JIT, oneDNN primitives
            double[] train = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                train[r] = timeTraining(graph, it, trainSamples);
            }
            DataSet test = data.test();
            timeInference(graph, test, 1000, 2000);
            double[] eval = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                eval[r] = timeInference(graph, test, 1000, 10_000);
            }
            double mflop = forwardFlops(graph) / 1e6;
            double trainRate = median(train);
            double evalRate = median(eval);
            Result result = new Result(name, batch, trainRate, evalRate, mflop, 3 * mflop * trainRate / 1e3,
                    mflop * evalRate / 1e3, peakHeapBytes() / 1048576.0, Pointer.totalBytes() / 1048576.0,
                    peakRssBytes() / 1048576.0, OneDnn.helperCount(graph) > 0, train, eval,
                    optimizer.getClass().getSimpleName() + " lr " + optimizer.getLearningRate(0, 0));
            results.add(result);
            System.err.printf(Locale.ROOT, "%s done: train %.0f/s, eval %.0f/s%n", name, trainRate, evalRate);
        }
        return results;
    }

    private static double timeTraining(ComputationGraph graph, ShuffledBatchIterator it, int samples) {
        int done = 0;
        long t0 = System.nanoTime();
        while (done < samples) {
            if (!it.hasNext()) {
                it.setEpoch(it.epoch() + 1);
            }
            DataSet batch = it.next();
            graph.fit(batch);
            done += batch.numExamples();
        }
        Nd4j.getExecutioner().commit();
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    private static double timeInference(ComputationGraph graph, DataSet test, int batch, int samples) {
        long t0 = System.nanoTime();
        int done = 0;
        while (done < samples) {
            int from = done % test.numExamples();
            int to = Math.min(test.numExamples(), from + batch);
            graph.outputSingle(false, test.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)));
            done += to - from;
        }
        Nd4j.getExecutioner().commit();
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    /** Multiply-adds x 2 of the convolution and dense layers for one example's forward pass. */
    static double forwardFlops(ComputationGraph graph) {
        Map<String, InputType> types = graph.getConfiguration().getLayerActivationTypes(
                InputType.convolutional(ZooModel.IMAGE_HEIGHT, ZooModel.IMAGE_WIDTH, ZooModel.CHANNELS));
        double flops = 0;
        for (Map.Entry<String, GraphVertex> e : graph.getConfiguration().getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            var layer = lv.getLayerConf().getLayer();
            long[] out = types.get(e.getKey()).getShape(false);
            if (layer instanceof ConvolutionLayer c) {
                int[] k = c.getKernelSize();
                flops += 2.0 * c.getNIn() * k[0] * k[1] * out[0] * out[1] * out[2];
            } else if (layer instanceof FeedForwardLayer f) {
                flops += 2.0 * f.getNIn() * f.getNOut();
            }
        }
        return flops;
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Peak resident set size of this process (Linux), else the current one as JavaCPP sees it. */
    private static long peakRssBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not Linux
        }
        return Pointer.physicalBytes();
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    public static String table(List<Result> results) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%-13s %5s %9s %9s %9s %10s %7s %9s %9s %9s %7s%n", "model", "batch", "train/s", "eval/s",
                "MFLOP/ex", "train GF/s", "% peak", "heap MiB", "offheap", "peak RSS", "oneDNN"));
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "%-13s %5d %9.0f %9.0f %9.2f %10.1f %6.1f%% %9.0f %9.0f %9.0f %7s%n",
                    r.model(), r.batch(), r.trainSamplesPerSecond(), r.evalSamplesPerSecond(), r.forwardMflopPerSample(),
                    r.trainGflops(), 100 * r.trainGflops() / PEAK_GFLOPS, r.peakHeapMiB(), r.offHeapMiB(), r.peakRssMiB(),
                    r.oneDnn() ? "on" : "off"));
        }
        return b.toString();
    }

    static Map<String, Object> json(List<Result> results, RunEnvironment env) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environment", env);
        out.put("peakGflops", PEAK_GFLOPS);
        out.put("results", results);
        return out;
    }
}
