package lab.mnist.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.Normalization;
import lab.mnist.data.ShuffledBatchIterator;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;
import lab.mnist.runtime.OneDnn;
import lab.mnist.runtime.BatchSplit;
import lab.mnist.runtime.FastPath;
import lab.mnist.runtime.NativeThreads;
import lab.mnist.runtime.layers.KernelThreads;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;

/**
 * Training and inference speed of zoo models on real MNIST: a warm-up, then timed repetitions,
 * reporting medians, peak memory and achieved GFLOP/s. Each seed model runs with its seed
 * experiment's batch size, optimizer and threads. The figures compare with
 * {@code scripts/torch_ref.py} run on the same machine ({@code scripts/bench-vs-torch.sh}).
 */
public final class Benchmark {
    /**
     * The seed experiments, copied from {@code experiments/} into this jar at build time (pom.xml):
     * the one place the seed models' batch sizes, optimizers and thread settings are written.
     */
    static final List<String> SEED_EXPERIMENTS = List.of("seed-000-cnn-basic.yaml", "seed-001-cnn-wide.yaml",
            "seed-002-cnn-pad.yaml", "seed-003-mlp.yaml", "seed-004-lenet5.yaml");
    /** Batch size for zoo models no seed trains. */
    static final int OTHER_BATCH = 128;
    /** 2 cores x 2.25 GHz x 32 fp32 FLOP/cycle (AVX2, two FMA units), the AMD EPYC this was tuned on. */
    public static final double PEAK_GFLOPS = 144.0;

    /**
     * How one model is measured: the batch size, optimizer and native threads its experiment file
     * trains with. An optimizer step costs differently per optimizer, and threads change the speed
     * of these small models most of all.
     *
     * @param threads     every native pool (0: as the process started)
     * @param blasThreads then OpenBLAS alone (0: as {@code threads})
     * @param kernelThreads the zoo's Java kernels ({@code KernelThreads}; 0: as libnd4j)
     * @param splitBatch  slices each batch trains in at once ({@link BatchSplit})
     * @param source      the experiment file the setting comes from, or "defaults"
     */
    public record Setting(String model, HyperParameters hyperParameters, IUpdater optimizer, int batch, int threads,
                          int blasThreads, int kernelThreads, int splitBatch, String source) {
        static Setting of(Experiment x, String source) {
            return new Setting(x.model().name(), x.model().hyperParameters(), Optimizers.updater(x.optimizer()),
                    x.train().batchSize(), x.train().threads(), x.train().blasThreads(), x.train().kernelThreads(),
                    x.train().splitBatch(), source);
        }

        /**
         * Command-line overrides: a value of 0 or null keeps the file's. A native thread override
         * replaces all of the file's thread settings (the kernels then follow libnd4j); a kernel
         * override alone changes only the kernels, so that it compares them on the file's native threads.
         * A split override keeps the rest; splitting in more than one slice leaves the kernels one thread
         * per slice unless they are given too.
         */
        Setting with(Integer batchSize, int threadsOverride, int blasOverride, int kernelOverride, int splitOverride) {
            boolean nativeOverride = threadsOverride > 0 || blasOverride > 0;
            int split = splitOverride > 0 ? splitOverride : splitBatch;
            int kernels = kernelOverride > 0 ? kernelOverride : nativeOverride ? 0 : kernelThreads;
            if (splitOverride > 1 && kernelOverride == 0) {
                kernels = 1;
            }
            return new Setting(model, hyperParameters, optimizer, batchSize != null ? batchSize : batch,
                    nativeOverride ? threadsOverride : threads, nativeOverride ? blasOverride : blasThreads, kernels,
                    split, source);
        }
    }

    /**
     * @param peakHeapMiB   peak Java heap while this model ran
     * @param offHeapMiB    ND4J's off-heap arrays (JavaCPP's count) after this model ran
     * @param peakRssMiB    peak resident memory of the whole process so far (Linux VmHWM): measure
     *                      one model per process for its own peak
     * @param threads       libnd4j's threads per op while this model ran
     * @param blasThreads   OpenBLAS's threads while this model ran
     * @param kernelThreads the zoo's Java kernels' threads while this model ran
     * @param splitBatch    slices each batch trained in at once (1 on a GPU backend, whatever the setting)
     * @param setting       the experiment file the batch, optimizer and threads come from
     */
    public record Result(String model, int batch, double trainSamplesPerSecond, double evalSamplesPerSecond,
                         double forwardMflopPerSample, double trainGflops, double evalGflops, double peakHeapMiB,
                         double offHeapMiB, double peakRssMiB, boolean oneDnn, double[] trainRuns, double[] evalRuns,
                         String optimizer, int threads, int blasThreads, int kernelThreads, int splitBatch,
                         String setting) {
    }

    private Benchmark() {
    }

    /** The setting of the seed experiment that trains {@code model}; Adam 1e-3 and batch 128 for other models. */
    public static Setting seedSetting(String model) {
        ModelZoo.get(model); // an unknown name is the zoo's clear error
        Setting seed = SeedSettings.BY_MODEL.get(model);
        return seed != null ? seed : new Setting(model, HyperParameters.defaults(), new org.nd4j.linalg.learning.config.Adam(1e-3), OTHER_BATCH, 0, 0,
                0, 1, "defaults");
    }

    /** The packaged seed experiments' settings by model, read once, when first needed. */
    private static final class SeedSettings {
        static final Map<String, Setting> BY_MODEL = read();

        private static Map<String, Setting> read() {
            Map<String, Setting> byModel = new LinkedHashMap<>();
            for (String file : SEED_EXPERIMENTS) {
                Experiment x = seedExperiment(file);
                byModel.putIfAbsent(x.model().name(), Setting.of(x, "experiments/" + file));
            }
            return byModel;
        }
    }

    /** A packaged seed experiment, parsed and validated as the trainer does. */
    static Experiment seedExperiment(String file) {
        try (InputStream in = Benchmark.class.getResourceAsStream("/experiments/" + file)) {
            if (in == null) {
                throw new IllegalStateException("experiments/" + file + " is not packaged in mnist-train (see its pom.xml)");
            }
            return ExperimentLoader.bind(new String(in.readAllBytes(), StandardCharsets.UTF_8), file, List.of(),
                    Experiment.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measures each setting in turn, each with its own native thread counts.
     *
     * @param warmupSamples training samples before the timed ones; null: {@link #defaultWarmup}
     */
    public static List<Result> run(List<Setting> settings, int trainSamples, int repeats, Integer warmupSamples) {
        int startThreads = Nd4j.getEnvironment().maxMasterThreads();
        int startBlas = Nd4j.factory().blas().getMaxThreads();
        MnistRaw raw = MnistRaw.load(SourceOptions.defaults());
        // The normalisation does not change the speed; one copy of the data serves every model.
        MnistDataSets data = MnistDataSets.prepare(raw, new MnistDataSets.Options(Normalization.UNIT, 0, 1, 0, 0, 0));
        List<Result> results = new ArrayList<>();
        for (Setting s : settings) {
            int threads = s.threads() > 0 ? s.threads() : startThreads;
            int blasThreads = s.blasThreads() > 0 ? s.blasThreads() : s.threads() > 0 ? s.threads() : startBlas;
            FastPath.configureNatives(new FastPath.Settings(true, threads, blasThreads, s.kernelThreads()));
            ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            ComputationGraph graph = FastPath.compile(ModelZoo.build(s.model(), s.hyperParameters(), s.optimizer(), 1),
                    FastPath.Use.TRAINING);
            ShuffledBatchIterator it = new ShuffledBatchIterator(data.train(), s.batch(), true, 1);
            double[] train = new double[repeats];
            int parts;
            try (BatchSplit split = split(graph, s, threads)) {
                parts = split.parts();
                // Warm-up: oneDNN's primitives, and the JIT, which compiles DL4J's per-op Java code fully
                // only after some thousand calls.
                timeTraining(split, it, warmupSamples != null ? warmupSamples : defaultWarmup(trainSamples, repeats, s.batch()));
                for (int r = 0; r < repeats; r++) {
                    train[r] = timeTraining(split, it, trainSamples);
                }
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
            Result result = new Result(s.model(), s.batch(), trainRate, evalRate, mflop, 3 * mflop * trainRate / 1e3,
                    mflop * evalRate / 1e3, peakHeapBytes() / 1048576.0, Pointer.totalBytes() / 1048576.0,
                    peakRssBytes() / 1048576.0, OneDnn.helperCount(graph) > 0, train, eval,
                    s.optimizer().getClass().getSimpleName() + " lr " + s.optimizer().getLearningRate(0, 0),
                    Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads(), KernelThreads.get(),
                    parts, s.source());
            results.add(result);
            System.err.printf(Locale.ROOT, "%s done: train %.0f/s, eval %.0f/s%n", s.model(), trainRate, evalRate);
        }
        return results;
    }

    /**
     * As long as the timed part: {@code torch_ref.py} warms up with a whole epoch as well. A fifth of
     * it, as before, left cnn-pad at 461 to 544 samples/s in 333-step repetitions where 2,000-step
     * ones gave 666 to 827 and whole runs 650 to 780.
     */
    static int defaultWarmup(int trainSamples, int repeats, int batch) {
        return Math.max(batch * 5, trainSamples * repeats);
    }

    private static BatchSplit split(ComputationGraph graph, Setting s, int threads) {
        try {
            return BatchSplit.of(graph, s.splitBatch(), threads);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("train.splitBatch", s.model() + " (" + s.source() + "): " + e.getMessage());
        }
    }

    private static double timeTraining(BatchSplit split, ShuffledBatchIterator it, int samples) {
        int done = 0;
        long t0 = System.nanoTime();
        while (done < samples) {
            if (!it.hasNext()) {
                it.setEpoch(it.epoch() + 1);
            }
            DataSet batch = it.next();
            split.fit(batch);
            done += batch.numExamples();
        }
        Nd4j.getExecutioner().commit();
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    /** Inference as runs evaluate, with OpenMP on every core ({@link NativeThreads#forInference}). */
    private static double timeInference(ComputationGraph graph, DataSet test, int batch, int samples) {
        return NativeThreads.forInference(() -> timeInferenceHere(graph, test, batch, samples));
    }

    private static double timeInferenceHere(ComputationGraph graph, DataSet test, int batch, int samples) {
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
                InputType.convolutional(DataShape.MNIST.height(), DataShape.MNIST.width(), DataShape.MNIST.channels())); // the benchmark trains MNIST
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
                "%-13s %5s %9s %9s %9s %10s %7s %9s %9s %9s %7s %10s%n", "model", "batch", "train/s", "eval/s",
                "MFLOP/ex", "train GF/s", "% peak", "heap MiB", "offheap", "peak RSS", "oneDNN", "threads"));
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "%-13s %5d %9.0f %9.0f %9.2f %10.1f %6.1f%% %9.0f %9.0f %9.0f %7s %10s%n",
                    r.model(), r.batch(), r.trainSamplesPerSecond(), r.evalSamplesPerSecond(), r.forwardMflopPerSample(),
                    r.trainGflops(), 100 * r.trainGflops() / PEAK_GFLOPS, r.peakHeapMiB(), r.offHeapMiB(), r.peakRssMiB(),
                    r.oneDnn() ? "on" : "off", r.threads() + "/" + r.blasThreads() + "/" + r.kernelThreads()
                            + (r.splitBatch() > 1 ? " x" + r.splitBatch() : "")));
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
