package lab.mnist.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import lab.mnist.data.AtomicFiles;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.ShuffledBatchIterator;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.models.DataShape;
import lab.mnist.models.ModelSummary;
import lab.mnist.models.ModelZoo;
import lab.mnist.runtime.BatchSplit;
import lab.mnist.runtime.FastPath;
import lab.mnist.runtime.ModelFiles;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs one experiment end to end: data, model, the epochs with validation, checkpoints and early
 * stopping, then the test evaluation of the best model, writing everything into its run folder.
 *
 * <p>Every file is written under a temporary name and renamed. After each epoch the model with
 * its updater state goes to {@code checkpoint-epoch-N.zip} and then {@code state.json} names it,
 * so a run killed at any moment resumes ({@code resume=<folder>}) from its last finished epoch.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(NonFiniteNumbers.module()); // NaN as null, and back
    /** How many training examples the end-of-epoch training accuracy is measured on. */
    private static final int TRAIN_EVAL_EXAMPLES = 10_000;
    /** Whether no run has started in this JVM yet: its startup time then counts from the JVM's start. */
    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_RUN_IN_PROCESS =
            new java.util.concurrent.atomic.AtomicBoolean(true);

    /**
     * @param quiet          no progress bar, only epoch lines
     * @param sources        where MNIST comes from
     * @param data           already loaded data to use instead (tests, sweeps); null to load
     * @param stopAfter      stop after this many epochs in this process, as if killed (0 = never);
     *                       the run is then resumable
     * @param epochHook      asked after every finished epoch whether to go on (sweeps prune with it)
     */
    public record Options(boolean quiet, SourceOptions sources, MnistRaw data, int stopAfter, EpochHook epochHook) {
        public Options(boolean quiet, SourceOptions sources, MnistRaw data, int stopAfter) {
            this(quiet, sources, data, stopAfter, null);
        }

        public static Options defaults() {
            return new Options(false, SourceOptions.defaults(), null, 0, null);
        }

        public Options quietly() {
            return new Options(true, sources, data, stopAfter, epochHook);
        }

        public Options withData(MnistRaw preloaded) {
            return new Options(quiet, sources, preloaded, stopAfter, epochHook);
        }

        public Options stoppingAfter(int epochs) {
            return new Options(quiet, sources, data, epochs, epochHook);
        }

        public Options withEpochHook(EpochHook hook) {
            return new Options(quiet, sources, data, stopAfter, hook);
        }
    }

    /**
     * Called after each finished epoch but the last, once its checkpoint and metrics are on disk.
     * Answering a {@link Stop} ends the run there with that status; the run is then complete, not
     * resumable.
     */
    @FunctionalInterface
    public interface EpochHook {
        Stop afterEpoch(Metrics.Epoch epoch, java.util.List<Metrics.Epoch> history);
    }

    /**
     * Why a hook ended a run. A {@code pruned} run skips the test evaluation: a sweep judges on
     * validation figures, and the test set is not there to be looked at for every discarded trial.
     */
    public record Stop(String status, String reason) {
    }

    /** What a run ended with: its folder, its summary, and whether it diverged. */
    public record Outcome(Path runDir, Summary summary) {
        public boolean diverged() {
            return summary != null && summary.status().equals("diverged");
        }
    }

    private Trainer() {
    }

    /** Starts a new run in {@code <output.dir>/<name>-<timestamp>/}. */
    public static Outcome run(ExperimentLoader.Loaded loaded, Options options) {
        Experiment x = loaded.experiment();
        checkSplittable(x, loaded.file()); // before the folder exists: a bad input writes nothing
        if (options.data() == null) {
            options = options.withData(MnistRaw.load(x.data().sources(options.sources())));
        }
        Path runDir = AtomicFiles.createStampedDirectory(x.output().path(), x.name());
        if (loaded.file() != null) {
            writeJson(runDir.resolve("origin.json"), Origin.of(loaded));
        }
        return execute(x, loaded.resolvedYaml(), runDir, null, options, true);
    }

    /** Starts a new run in the given folder (a sweep's trial folder), which must not hold a run yet. */
    public static Outcome runAt(ExperimentLoader.Loaded loaded, Path runDir, Options options) {
        if (Files.exists(runDir.resolve("config.yaml"))) {
            throw new IllegalStateException(runDir + " already holds a run; resume it instead");
        }
        checkSplittable(loaded.experiment(), loaded.file());
        return execute(loaded.experiment(), loaded.resolvedYaml(), runDir, null, options, false);
    }

    /** Continues the run in {@code runDir} from its last checkpoint, with the config it was started with. */
    public static Outcome resume(Path runDir, Options options) {
        Path state = runDir.resolve("state.json");
        Path config = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new lab.mnist.train.config.ConfigException("resume", runDir + ": not a run folder (no config.yaml)");
        }
        try {
            String yaml = Files.readString(config);
            Experiment x = ExperimentLoader.fromYaml(yaml, Experiment.class);
            RunState saved = Files.isRegularFile(state) ? JSON.readValue(state.toFile(), RunState.class) : null;
            checkSplittable(x, config);
            int leftovers = AtomicFiles.removeLeftovers(runDir);
            if (leftovers > 0) {
                LOG.info("removed {} temporary file(s) of writes the stopped process did not finish", leftovers);
            }
            return execute(x, yaml, runDir, saved, options, !Live.inGroup(runDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** @param standalone a run of its own (not a sweep's trial or a study's seed): it keeps runs/index.html current */
    private static Outcome execute(Experiment x, String resolvedYaml, Path runDir, RunState saved, Options options,
                                   boolean standalone) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runDir + ": " + e.getMessage(), e);
        }
        RunLog.attach(runDir.resolve("run.log"));
        try {
            return train(x, resolvedYaml, runDir, saved, options, started, new Live(runDir, standalone));
        } finally {
            RunLog.detach();
        }
    }

    /**
     * A model with batch normalisation trains in one slice: its statistics are the whole batch's.
     * Checked before the run folder exists; {@code source} names the file in the error (null: none).
     */
    private static void checkSplittable(Experiment x, Path source) {
        if (x.train().splitBatch() > 1) {
            String layer = BatchSplit.batchNormalization(ModelZoo.get(x.model().name())
                    .configuration(x.model().hyperParameters(), Optimizers.updater(x.optimizer()), x.seed()));
            if (layer != null) {
                throw new lab.mnist.train.config.ConfigException("train.splitBatch", (source == null ? "" : source + ": ")
                        + "train.splitBatch: must be 1 for model " + x.model().name() + ", whose layer '" + layer
                        + "' is a batch normalisation (its statistics would be each slice's), got "
                        + x.train().splitBatch());
            }
        }
    }

    private static Outcome train(Experiment x, String resolvedYaml, Path runDir, RunState saved, Options options,
                                 long started, Live live) {
        FastPath.Settings fast = new FastPath.Settings(x.train().fastPath(), x.train().threads(), x.train().blasThreads(),
                x.train().kernelThreads());
        FastPath.configureNatives(fast); // before anything runs natively
        RunEnvironment env = RunEnvironment.capture();
        LOG.info("run {} ({}): model {}, seed {}, backend {}, {} threads (per op {}, OpenBLAS {}, Java kernels {}), "
                        + "oneDNN helpers {}",
                runDir, saved == null ? "new" : "resumed after epoch " + saved.completedEpochs(), x.model().name(),
                x.seed(), env.backend(), env.threads(), env.opThreads(), env.blasThreads(), env.kernelThreads(),
                env.oneDnnHelpers() ? "on" : "OFF");
        AtomicFiles.write(runDir.resolve("config.yaml"), resolvedYaml);
        writeJson(runDir.resolve("environment.json"), env);
        live.update(); // listed in the index, and a report, from the start

        SourceOptions sources = x.data().sources(options.sources());
        MnistRaw raw = options.data() != null ? options.data() : MnistRaw.load(sources);
        MnistDataSets data = MnistDataSets.prepare(raw, x.data().options(x.seed()));
        writeJson(runDir.resolve("data-summary.json"), lab.mnist.data.DataSummary.of(raw, data));
        AtomicFiles.write(runDir.resolve("data-samples.png"), lab.mnist.data.DataSummary.sampleGridPng(raw.trainImages(),
                raw.trainLabels(), raw.classNames(), data.trainIndices(), 40, 10));
        DataShape shape = new DataShape(raw.imageHeight(), raw.imageWidth(), 1, raw.numClasses());
        LOG.info("data: {} ({}), {} train, {} validation, {} test examples, normalisation {}", raw.dataset().title(),
                shape, data.train().numExamples(), data.validation() == null ? 0 : data.validation().numExamples(),
                data.test().numExamples(), x.data().normalization());

        // The zoo's stock graph (or the checkpoint's), then the fast path's graph on the same parameters.
        ComputationGraph stock;
        if (saved != null && saved.checkpoint() != null) {
            stock = ModelFiles.load(runDir.resolve(saved.checkpoint()), true).graph();
        } else {
            ComputationGraphConfiguration conf = ModelZoo.get(x.model().name())
                    .configuration(shape, x.model().hyperParameters(), Optimizers.updater(x.optimizer()), x.seed());
            Optimizers.applyWeightDecay(conf, x.optimizer());
            stock = ModelZoo.init(conf, x.model().hyperParameters(), x.seed());
        }
        AtomicFiles.write(runDir.resolve("model-summary.txt"), ModelSummary.of(x.model().name(), stock, shape).toText());
        ComputationGraph graph = FastPath.compile(stock, FastPath.Use.TRAINING, fast.enabled());

        Metrics metrics = new Metrics();
        double untrained;
        int startEpoch = 0;
        long iteration = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        int sinceBest = 0;
        double wallBefore = 0;
        if (saved != null) {
            saved.epochs().forEach(metrics::add);
            saved.iterationLosses().forEach(metrics::add);
            untrained = saved.untrainedAccuracy();
            startEpoch = saved.completedEpochs();
            iteration = saved.iterations();
            // -Infinity, "nothing yet", is null in JSON and comes back as NaN, which no score beats.
            bestScore = saved.bestEpoch() < 0 ? Double.NEGATIVE_INFINITY : saved.bestScore();
            bestEpoch = saved.bestEpoch();
            sinceBest = saved.epochsSinceBest();
            wallBefore = saved.wallSecondsBefore();
        } else {
            untrained = Evaluator.evaluate(graph, data.test(), 1000).accuracy();
            LOG.info("untrained test accuracy {}", pct(untrained));
        }

        ShuffledBatchIterator batches = new ShuffledBatchIterator(data.train(), x.train().batchSize(), true, x.seed());
        DataSet trainProbe = data.train().numExamples() <= TRAIN_EVAL_EXAMPLES ? data.train()
                : data.train().sample(TRAIN_EVAL_EXAMPLES, new org.nd4j.linalg.api.rng.DefaultRandom(x.seed()), false);
        Augmenter augmenter = new Augmenter(x.augmentation());
        String status = "completed";
        String checkpoint = saved == null ? null : saved.checkpoint();
        if (saved != null && startEpoch > 0 && startEpoch < x.train().epochs()) {
            // A process killed between an epoch's checkpoint and the decision to stop after it: decide
            // again, as the undisturbed run did, instead of training on.
            Stop stop = stopAfter(x, options, sinceBest, bestEpoch, metrics.epochs().get(startEpoch - 1), metrics);
            if (stop != null) {
                LOG.info("stopped after epoch {} before the process ended: {}", startEpoch, stop.reason());
                status = stop.status();
                startEpoch = x.train().epochs();
            }
        }

        long stepsPerEpoch = (batches.numExamples() + x.train().batchSize() - 1) / x.train().batchSize();
        long totalSteps = stepsPerEpoch * x.train().epochs(); // per-step schedules span the whole run
        // Startup: from the JVM's start for the first run in this process, else from this run's start.
        long originMillis = FIRST_RUN_IN_PROCESS.getAndSet(false)
                ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()
                : System.currentTimeMillis() - (System.nanoTime() - started) / 1_000_000;
        Double startupSeconds = saved == null ? null : saved.startupSeconds();
        // Each batch in train.splitBatch slices at once, one thread each (BatchSplit).
        try (BatchSplit split = BatchSplit.of(graph, x.train().splitBatch(), x.train().threads())) {
            if (split.parts() > 1) {
                LOG.info("each batch trains as {} slices at once, one thread each", split.parts());
            }
            int epochsThisProcess = 0;
            for (int epoch = startEpoch; epoch < x.train().epochs(); epoch++) {
                if (options.stopAfter() > 0 && epochsThisProcess++ >= options.stopAfter()) {
                    LOG.info("stopping after {} epochs as asked; continue with resume={}", options.stopAfter(), runDir);
                    return new Outcome(runDir, null);
                }
                double lr = x.schedule().perStep()
                        ? Optimizers.stepLearningRate(x.optimizer(), x.schedule(), iteration, totalSteps)
                        : Optimizers.learningRate(x.optimizer(), x.schedule(), epoch, x.train().epochs());
                FastPath.setLearningRate(graph, lr);
                split.seed(x.seed() * 31 + epoch); // dropout masks: a function of (seed, epoch)
                batches.setEpoch(epoch);
                long t0 = System.nanoTime();
                double lossSum = 0;
                int steps = 0;
                String diverged = null;
                try (ProgressBar bar = progressBar(options.quiet(), epoch, x.train().epochs(), batches.numExamples())) {
                    int batchIndex = 0;
                    while (batches.hasNext()) {
                        DataSet batch = batches.next();
                        if (augmenter.enabled()) {
                            batch.setFeatures(augmenter.apply(batch.getFeatures(), x.seed(), epoch, batchIndex));
                        }
                        if (x.schedule().perStep() && batchIndex > 0) {
                            FastPath.setLearningRate(graph, Optimizers.stepLearningRate(x.optimizer(), x.schedule(),
                                    iteration, totalSteps));
                        }
                        if (startupSeconds == null) {
                            startupSeconds = (System.currentTimeMillis() - originMillis) / 1000.0;
                        }
                        split.fit(batch);
                        double loss = graph.score();
                        iteration++;
                        batchIndex++;
                        if (!Double.isFinite(loss) || loss > x.train().maxLoss()) {
                            diverged = String.format(Locale.ROOT, "training diverged at epoch %d, iteration %d: loss %s "
                                    + "(limit train.maxLoss = %s); try a smaller optimizer.lr", epoch + 1, iteration, loss,
                                    x.train().maxLoss());
                            break;
                        }
                        lossSum += loss;
                        steps++;
                        metrics.add(new Metrics.Iteration(iteration, epoch + 1, loss));
                        if (bar != null) {
                            bar.stepBy(batch.numExamples());
                            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / steps));
                        }
                    }
                }
                if (diverged != null) {
                    LOG.error(diverged);
                    status = "diverged";
                    break;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Evaluator.Result trainEval = Evaluator.evaluate(graph, trainProbe, 1000);
                Evaluator.Result valEval = data.validation() == null ? null : Evaluator.evaluate(graph, data.validation(), 1000);
                Metrics.Epoch e = new Metrics.Epoch(epoch + 1, lr, lossSum / Math.max(1, steps), trainEval.accuracy(),
                        valEval == null ? Double.NaN : valEval.loss(), valEval == null ? Double.NaN : valEval.accuracy(),
                        seconds, batches.numExamples() / seconds);
                metrics.add(e);
                LOG.info(String.format(Locale.ROOT, "epoch %d/%d: lr %.3g  train loss %.4f acc %s  val loss %.4f acc %s  "
                                + "%.1fs (%.0f samples/s)", e.epoch(), x.train().epochs(), lr, e.trainLoss(),
                        pct(e.trainAccuracy()), e.valLoss(), pct(e.valAccuracy()), seconds, e.samplesPerSecond()));

                // The monitored score: the epoch itself for "last", else validation when there is a
                // validation split, else training figures.
                double score = x.train().monitor().equals("last") ? epoch + 1 : valEval != null
                        ? (x.train().monitor().equals("valLoss") ? -valEval.loss() : valEval.accuracy())
                        : (x.train().monitor().equals("valLoss") ? -e.trainLoss() : e.trainAccuracy());
                if (score > bestScore) {
                    bestScore = score;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    ModelFiles.save(runDir.resolve("best.zip"), graph, data.normalizer(),
                            provenance(x, resolvedYaml, env, epoch + 1), ModelFiles.Kind.MODEL);
                } else {
                    sinceBest++;
                }
                String newCheckpoint = "checkpoint-epoch-" + (epoch + 1) + ".zip";
                ModelFiles.save(runDir.resolve(newCheckpoint), graph, data.normalizer(), provenance(x, resolvedYaml, env, epoch + 1),
                        ModelFiles.Kind.CHECKPOINT);
                double wall = wallBefore + (System.nanoTime() - started) / 1e9;
                writeJson(runDir.resolve("state.json"), new RunState(epoch + 1, iteration, newCheckpoint, bestScore, bestEpoch,
                        sinceBest, untrained, wall, metrics.epochs(), metrics.iterations(), startupSeconds));
                if (checkpoint != null && !checkpoint.equals(newCheckpoint)) {
                    deleteQuietly(runDir.resolve(checkpoint)); // only after state.json names the new one
                }
                checkpoint = newCheckpoint;
                writeMetrics(runDir, metrics);
                live.update(); // with the epoch's metrics and checkpoint on disk
                Stop stop = stopAfter(x, options, sinceBest, bestEpoch, e, metrics);
                if (stop != null) {
                    LOG.info("stopping after epoch {}: {}", e.epoch(), stop.reason());
                    status = stop.status();
                    break;
                }
            }
        }
        writeMetrics(runDir, metrics);

        // The last model, then the test evaluation of the best one.
        if (!status.equals("diverged")) {
            ModelFiles.save(runDir.resolve("last.zip"), graph, data.normalizer(),
                    provenance(x, resolvedYaml, env, metrics.epochs().size()), ModelFiles.Kind.MODEL);
        }
        double testAccuracy = Double.NaN;
        double evalRate = Double.NaN;
        if (status.equals("pruned")) {
            LOG.info("pruned: no test evaluation");
        } else if (Files.isRegularFile(runDir.resolve("best.zip"))) {
            ComputationGraph best = FastPath.compile(ModelFiles.load(runDir.resolve("best.zip"), false).graph(),
                    FastPath.Use.INFERENCE, fast.enabled());
            long t0 = System.nanoTime();
            Evaluator.Result test = Evaluator.evaluate(best, data.test(), 1000);
            evalRate = data.test().numExamples() / ((System.nanoTime() - t0) / 1e9);
            testAccuracy = test.accuracy();
            TestReport.write(runDir, test, data, raw, untrained, x);
            writeFeatureMaps(runDir, best, data, raw);
            LOG.info("test accuracy of the best model (epoch {}): {} ({} errors of {}); untrained {}", bestEpoch,
                    pct(testAccuracy), Math.round((1 - testAccuracy) * data.test().numExamples()),
                    data.test().numExamples(), pct(untrained));
        } else {
            LOG.warn("no model finished an epoch: no test evaluation");
        }
        double bestVal = metrics.epochs().stream().mapToDouble(Metrics.Epoch::valAccuracy).filter(Double::isFinite)
                .max().orElse(Double.NaN);
        double trainRate = metrics.epochs().stream().mapToDouble(Metrics.Epoch::samplesPerSecond).average().orElse(Double.NaN);
        double wall = wallBefore + (System.nanoTime() - started) / 1e9;
        Summary summary = new Summary(x.name(), x.model().name(), graph.numParams(), metrics.epochs().size(),
                testAccuracy, bestVal, bestEpoch, untrained, trainRate, evalRate, wall, env.backend(), status, x.seed(),
                env.gitCommit(), env.dl4jVersion(), x.reference() == null ? null : x.reference().testAccuracy(),
                runDir.toString(), metrics.epochs().stream().mapToDouble(Metrics.Epoch::seconds).sum(),
                startupSeconds);
        writeJson(runDir.resolve("summary.json"), summary);
        try {
            LOG.info("report: {}", lab.mnist.report.RunReport.write(runDir));
        } catch (RuntimeException e) {
            LOG.warn("could not write the HTML report: {}", e.toString()); // the run itself is complete
        }
        live.logCost(metrics.epochs());
        LOG.info("wrote {}", runDir);
        return new Outcome(runDir, summary);
    }

    /**
     * Whether the run stops after epoch {@code e}: early stopping (patience), else the epoch hook (a
     * sweep's pruning or budget); never after the last epoch, where stopping would save nothing.
     */
    private static Stop stopAfter(Experiment x, Options options, int sinceBest, int bestEpoch, Metrics.Epoch e,
                                  Metrics metrics) {
        if (x.train().patience() > 0 && sinceBest >= x.train().patience()) {
            return new Stop("early-stopped", String.format(Locale.ROOT, "early stopping: no better %s for %d epochs "
                    + "(best at epoch %d)", x.train().monitor(), sinceBest, bestEpoch));
        }
        boolean lastEpoch = e.epoch() == x.train().epochs();
        return options.epochHook() == null || lastEpoch ? null : options.epochHook().afterEpoch(e, metrics.epochs());
    }

    /** {@code feature-maps.png}: the convolution layers' maps for the first test digit (none for an MLP). */
    private static void writeFeatureMaps(Path runDir, ComputationGraph best, MnistDataSets data, MnistRaw raw) {
        try {
            org.nd4j.linalg.api.ndarray.INDArray digit = data.test().getFeatures()
                    .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
            int label = raw.testLabels().label(data.testIndices()[0]);
            byte[] png = FeatureMaps.png(best, digit, "first test digit (a " + label + ")");
            if (png != null) {
                AtomicFiles.write(runDir.resolve("feature-maps.png"), png);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not draw the feature maps: {}", e.toString()); // a picture, not a result
        }
    }

    private static ProgressBar progressBar(boolean quiet, int epoch, int epochs, int examples) {
        if (quiet) {
            return null;
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(examples).setUnit(" samples", 1).showSpeed().setStyle(ProgressBarStyle.ASCII);
        if (System.console() == null) {
            // Not a terminal (CI, a log file): plain log lines every 15 s instead of a redrawn bar.
            b.setConsumer(new DelegatingProgressBarConsumer(LOG::info)).setUpdateIntervalMillis(15_000);
        }
        return b.build();
    }

    /** The provenance saved inside every model file: what made it, and after which epoch. */
    private static String provenance(Experiment x, String resolvedYaml, RunEnvironment env, int epoch) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("experiment", x.name());
        p.put("model", x.model().name());
        p.put("seed", x.seed());
        p.put("epoch", epoch);
        p.put("config", resolvedYaml);
        p.put("environment", env);
        try {
            return JSON.writeValueAsString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeJson(Path file, Object value) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMetrics(Path runDir, Metrics metrics) {
        AtomicFiles.write(runDir.resolve("metrics.csv"), metrics.epochsCsv());
        AtomicFiles.write(runDir.resolve("iterations.csv"), metrics.iterationsCsv());
        writeJson(runDir.resolve("metrics.json"), metrics.epochs());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    public static String pct(double accuracy) {
        return Double.isNaN(accuracy) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", accuracy * 100);
    }

}
