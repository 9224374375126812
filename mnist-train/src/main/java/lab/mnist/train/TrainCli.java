package lab.mnist.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import lab.mnist.data.MnistDataException;
import lab.mnist.data.ProjectVersion;
import lab.mnist.models.InvalidHyperParameterException;
import lab.mnist.runtime.ModelFileException;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.ExperimentLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mvn -pl mnist-train exec:java -Dexec.args="experiments/seed-004-lenet5.yaml train.epochs=3"}.
 *
 * <p>With no arguments it runs the built-in quick-start experiment. {@code resume=<run folder>}
 * continues a killed run; {@code predict} classifies images with a saved model.
 */
// INHERIT: every subcommand takes --help and --version too.
@Command(name = "mnist-train", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        sortOptions = false,
        description = "Run an experiment file: mnist-train [FILE.yaml] [key=value ...] | resume=RUN_DIR",
        subcommands = {lab.mnist.runtime.PredictCommand.class, TrainCli.Bench.class, TrainCli.EnsembleCommand.class,
                TrainCli.StudyCommand.class, lab.mnist.train.compare.CompareCommand.class})
public final class TrainCli implements Callable<Integer> {
    static final String DEFAULT_EXPERIMENT = "/quickstart.yaml";

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "An experiment file, then key=value overrides; "
            + "or resume=RUN_DIR.")
    List<String> args = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar; epoch lines only.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        lab.mnist.train.config.Arguments a = lab.mnist.train.config.Arguments.parse(args, "experiment");
        Path file = a.file();
        List<String> overrides = a.overrides();
        Trainer.Options options = new Trainer.Options(quiet, lab.mnist.data.fetch.SourceOptions.defaults(), null, 0);
        Trainer.Outcome outcome;
        if (a.resume() != null) {
            outcome = Trainer.resume(a.resume(), options);
        } else if (file == null) {
            String yaml;
            try (InputStream in = TrainCli.class.getResourceAsStream(DEFAULT_EXPERIMENT)) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            System.err.println("no experiment file given: running the built-in quick start (" + DEFAULT_EXPERIMENT.substring(1)
                    + "); see experiments/ for the others");
            var experiment = ExperimentLoader.bind(yaml, "quickstart.yaml", overrides, lab.mnist.train.config.Experiment.class);
            outcome = Trainer.run(new ExperimentLoader.Loaded(experiment, ExperimentLoader.toYaml(experiment), null), options);
        } else {
            outcome = Trainer.run(ExperimentLoader.load(file, overrides), options);
        }
        Summary s = outcome.summary();
        try {
            System.err.println("index: " + lab.mnist.report.RunsIndex.write(outcome.runDir().toAbsolutePath().getParent()));
        } catch (RuntimeException e) {
            System.err.println("could not write the runs index: " + e); // the run itself is complete
        }
        System.out.printf(Locale.ROOT, "%s: %s, test accuracy %s (best epoch %d of %d), %.0f train samples/s, %.0f s -> %s%n",
                s.experiment(), s.status(), Trainer.pct(s.testAccuracy()), s.bestEpoch(), s.epochs(),
                s.trainSamplesPerSecond(), s.wallSeconds(), outcome.runDir());
        return outcome.diverged() ? 3 : 0;
    }

    @Command(name = "study", description = "Train an experiment once per seed and summarise the test accuracy as "
            + "mean, standard deviation and 95%% Student t interval (study.json, report.html): "
            + "study FILE.yaml --seeds 1..10 [key=value ...] | study resume=STUDY_DIR | study --summarize STUDY_DIR")
    static final class StudyCommand implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "An experiment file, then key=value overrides "
                + "for every seed; or resume=STUDY_DIR.")
        List<String> args = new ArrayList<>();

        @Option(names = "--seeds", description = "The seeds: 1..10, 1,2,7 or both mixed.")
        String seeds;

        @Option(names = "--name", description = "The study's name (default: the experiment's).")
        String name;

        @Option(names = "--executor", defaultValue = "in-process", description = "Where the seeds run: in-process "
                + "(default, one after another) or spark (from the mnist-spark module).")
        String executor;

        @Option(names = "--spark-master", paramLabel = "URL", description = "For --executor spark: local[2], "
                + "spark://host:7077, yarn, ... (default local[*]).")
        String sparkMaster;

        @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "For --executor spark: a Spark setting "
                + "(repeatable), such as spark.executor.memory=6g.")
        java.util.Map<String, String> sparkConf;

        @CommandLine.Mixin
        lab.mnist.train.runs.ShardOptions sharding = new lab.mnist.train.runs.ShardOptions();

        @Option(names = "--summarize", paramLabel = "STUDY_DIR", description = "Only (re)write study.json and "
                + "report.html of a study folder from its seeds' runs (how scripts/torch-study.sh finishes).")
        Path summarize;

        @Override
        public Integer call() throws IOException {
            lab.mnist.train.study.StudyRunner.Outcome outcome;
            if (summarize != null) {
                if (!args.isEmpty() || seeds != null) {
                    throw new ConfigException("--summarize", "--summarize STUDY_DIR takes nothing else");
                }
                lab.mnist.train.study.StudyFolder.open(summarize);
                outcome = new lab.mnist.train.study.StudyRunner.Outcome(summarize,
                        lab.mnist.train.study.StudyRunner.summarize(summarize, java.util.Map.of()));
            } else {
                lab.mnist.train.config.Arguments a = lab.mnist.train.config.Arguments.parse(args, "experiment");
                Trainer.Options options = Trainer.Options.defaults();
                if (a.resume() != null) {
                    if (seeds != null || name != null) {
                        throw new ConfigException("resume", "resume=STUDY_DIR continues with the study's own seeds and name");
                    }
                    outcome = lab.mnist.train.study.StudyRunner.resume(a.resume(), options);
                } else {
                    if (a.file() == null) {
                        throw new ConfigException("", "study: give an experiment file and --seeds, such as "
                                + "study experiments/seed-004-lenet5.yaml --seeds 1..10");
                    }
                    List<Long> list = lab.mnist.train.study.StudySpec.parseSeeds(seeds);
                    ExperimentLoader.Loaded loaded = ExperimentLoader.load(a.file(), a.overrides());
                    String text = java.nio.file.Files.readString(a.file());
                    boolean sharded = sharding.given();
                    outcome = lab.mnist.train.study.StudyRunner.run(loaded, text, a.overrides(), list, name, executor,
                            new lab.mnist.train.runs.SparkSettings(sparkMaster, sparkConf),
                            sharded ? sharding.shard() : lab.mnist.train.runs.Shard.ALL, sharding.folder(), options);
                }
            }
            try {
                Path runs = runsFolderOf(outcome.studyDir(), "studies");
                if (runs != null) {
                    System.err.println("index: " + lab.mnist.report.RunsIndex.write(runs));
                }
            } catch (RuntimeException e) {
                System.err.println("could not write the runs index: " + e);
            }
            var s = outcome.summary();
            System.out.printf(Locale.ROOT, "%s: test accuracy %s; %d of %d seeds counted, %d failed -> %s%n", s.study(),
                    lab.mnist.train.study.StudyRunner.meanText(s.testAccuracy()), s.counted(), s.seeds().size(),
                    s.failed(), outcome.studyDir().resolve("report.html"));
            return s.counted() == 0 ? 3 : 0;
        }
    }

    /**
     * The runs folder a group belongs to: {@code runs} for {@code runs/studies/x} (kind
     * "studies") or {@code runs/comparisons/x}; null for a group elsewhere, whose surroundings
     * are not ours to write an index into.
     */
    public static Path runsFolderOf(Path groupDir, String kind) {
        Path parent = groupDir.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(kind)
                && parent.getParent() != null ? parent.getParent() : null;
    }

    @Command(name = "ensemble", description = "Average the test predictions of several runs' best models "
            + "(or score one model), optionally over shifted copies of each test image.")
    static final class EnsembleCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "Run folders (or model files).")
        List<Path> runs;

        @Option(names = "--test-time-shifts", description = "Also average each model over the test images moved one "
                + "pixel left, right, up and down (five views).")
        boolean testTimeShifts;

        @Option(names = "--out", description = "Also write the result as JSON here.")
        Path out;

        @Override
        public Integer call() throws IOException {
            Ensemble.Result r = Ensemble.evaluate(runs, lab.mnist.data.fetch.SourceOptions.defaults(), testTimeShifts);
            for (int i = 0; i < r.runs().size(); i++) {
                System.out.printf(Locale.ROOT, "  %-60s %s%s%n", r.runs().get(i), Trainer.pct(r.memberAccuracies().get(i)),
                        r.shifted() == null ? "" : ", shifted views " + Trainer.pct(r.shifted().memberAccuracies().get(i)));
            }
            print("ensemble of " + r.runs().size(), r.plain());
            if (r.shifted() != null) {
                print("with test-time shifts", r.shifted());
            }
            if (out != null) {
                Trainer.writeJson(out, Ensemble.json(r));
            }
            return 0;
        }

        private static void print(String what, Ensemble.Scores s) {
            System.out.printf(Locale.ROOT, "%s: test accuracy %s (%,d errors of %,d)%n", what, Trainer.pct(s.accuracy()),
                    s.errors(), s.examples());
        }
    }

    @Command(name = "bench", description = "Training and inference speed of zoo models on real MNIST, each with "
            + "its seed experiment's batch size, optimizer and threads.")
    static final class Bench implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "FILE.yaml", description = "Experiment files to measure with their "
                + "model, batch size, optimizer and threads (default: the seed experiments of --models).")
        List<Path> experiments = new ArrayList<>();

        @Option(names = "--models", split = ",", description = "Models to measure, each with its seed experiment's "
                + "setting (default: the five seed models).")
        List<String> models;

        @Option(names = "--batch", description = "Batch size for all models (default: each experiment's).")
        Integer batch;

        @Option(names = "--samples", defaultValue = "3000", description = "Training samples per timed repetition.")
        int samples;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed repetitions; the median is reported.")
        int repeats;

        @Option(names = "--warmup", description = "Training samples before the timed ones "
                + "(default: as many as the timed repetitions together).")
        Integer warmup;

        @Option(names = "--threads", defaultValue = "0", description = "Native threads for all models "
                + "(default 0: each experiment's train.threads).")
        int threads;

        @Option(names = "--blas-threads", defaultValue = "0", description = "OpenBLAS threads for all models "
                + "(default 0: each experiment's train.blasThreads).")
        int blasThreads;

        @Option(names = "--kernel-threads", defaultValue = "0", description = "Threads for the zoo's Java kernels "
                + "for all models, leaving the native ones (default 0: each experiment's train.kernelThreads, or "
                + "libnd4j's count when --threads or --blas-threads is given).")
        int kernelThreads;

        @Option(names = "--split-batch", defaultValue = "0", description = "Slices each batch trains in at once, "
                + "one thread each, for all models (default 0: each experiment's train.splitBatch); above 1 the "
                + "Java kernels take one thread per slice unless --kernel-threads is given.")
        int splitBatch;

        @Option(names = "--out", defaultValue = "runs/bench", description = "Folder for the JSON result.")
        Path out;

        @Option(names = "--time-to-accuracy", description = "Time to a result instead of samples/s: train the one "
                + "experiment file once per --seeds as a study, and print its mean test accuracy and the mean and "
                + "spread of the training time, beside PyTorch's for the same recipe (its newest study from "
                + "scripts/torch-study.sh) when there is one.")
        boolean timeToAccuracy;

        @Option(names = "--seeds", defaultValue = "1..5", description = "With --time-to-accuracy: the seeds (default 1..5).")
        String seeds;

        @Override
        public Integer call() throws IOException {
            if (timeToAccuracy) {
                if (experiments.size() != 1 || models != null) {
                    throw new ConfigException("--time-to-accuracy", "--time-to-accuracy takes one experiment file, such "
                            + "as bench --time-to-accuracy experiments/speedrun-99.yaml --seeds 1..5");
                }
                return TimeToAccuracy.run(experiments.get(0), lab.mnist.train.study.StudySpec.parseSeeds(seeds));
            }
            if (!experiments.isEmpty() && models != null) {
                throw new ConfigException("--models", "give experiment files or --models, not both");
            }
            atLeast("--samples", samples, 1);
            atLeast("--repeats", repeats, 1);
            if (warmup != null) {
                atLeast("--warmup", warmup, 0);
            }
            atLeast("--threads", threads, 0);
            atLeast("--blas-threads", blasThreads, 0);
            atLeast("--kernel-threads", kernelThreads, 0);
            atLeast("--split-batch", splitBatch, 0);
            if (splitBatch > 1 && kernelThreads > 1) {
                throw ConfigException.invalid("--kernel-threads", "must be 0 or 1 with --split-batch " + splitBatch
                        + " (each slice's thread runs its own Java kernels), got " + kernelThreads);
            }
            List<Benchmark.Setting> settings = new ArrayList<>();
            if (!experiments.isEmpty()) {
                for (Path file : experiments) {
                    settings.add(Benchmark.Setting.of(ExperimentLoader.load(file, List.of()).experiment(),
                            file.toString()));
                }
            } else {
                List<String> names = models != null ? models : List.of("lenet5", "mlp", "cnn-pad", "cnn-basic", "cnn-wide");
                names.forEach(name -> settings.add(Benchmark.seedSetting(name)));
            }
            settings.replaceAll(s -> s.with(batch, threads, blasThreads, kernelThreads, splitBatch));
            List<Benchmark.Result> results = Benchmark.run(settings, samples, repeats, warmup);
            System.out.print(Benchmark.table(results));
            Path file = out.resolve("bench-" + java.time.LocalDateTime.now().format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".json");
            Trainer.writeJson(file, Benchmark.json(results, RunEnvironment.capture()));
            System.out.println("wrote " + file);
            return 0;
        }

        private static void atLeast(String option, int value, int least) {
            if (value < least) {
                throw new ConfigException(option, option + " must be at least " + least + ", got " + value);
            }
        }
    }

    public static void main(String[] args) {
        lab.mnist.runtime.NativeSetup.beforeNd4j(); // first: JavaCPP reads its settings once
        System.exit(run(args));
    }

    /** Runs the command line; a bad input is one line on stderr and exit code 2. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new TrainCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof InvalidHyperParameterException
                    || e instanceof MnistDataException || e instanceof ModelFileException) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
