package lab.mnist.train.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.data.AtomicFiles;
import lab.mnist.data.MnistRaw;
import lab.mnist.train.RunLog;
import lab.mnist.train.Summary;
import lab.mnist.train.TestPredictions;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.train.runs.InProcessExecutor;
import lab.mnist.train.runs.ResumableRun;
import lab.mnist.train.runs.RunExecutor;
import lab.mnist.train.runs.Shard;
import lab.mnist.train.stats.MeanInterval;

/**
 * Runs a study: the experiment once per seed, each seed a run folder under
 * {@code <output.dir>/studies/<name>-<timestamp>/runs/}, through the runner sweeps use. After
 * every seed {@code study.json} and {@code report.html} are rewritten, so a killed study shows
 * what it had; {@link #resume} keeps the finished seeds and resumes the unfinished one from its
 * checkpoint.
 */
public final class StudyRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);
    private static final String LOG_NAME = "study-folder";

    private StudyRunner() {
    }

    public record Outcome(Path studyDir, StudySummary summary) {
    }

    /** Starts a study of {@code loaded} (read with {@code overrides}) over {@code seeds}. */
    public static Outcome run(ExperimentLoader.Loaded loaded, String experimentText, List<String> overrides,
                              List<Long> seeds, String name, Trainer.Options options) {
        return run(loaded, experimentText, overrides, seeds, name, InProcessExecutor.NAME,
                lab.mnist.train.runs.SparkSettings.defaults(), options);
    }

    /** As above, its seeds run by {@code executor} (in-process, or spark with these settings). */
    public static Outcome run(ExperimentLoader.Loaded loaded, String experimentText, List<String> overrides,
                              List<Long> seeds, String name, String executor, lab.mnist.train.runs.SparkSettings spark,
                              Trainer.Options options) {
        return run(loaded, experimentText, overrides, seeds, name, executor, spark, Shard.ALL, null, options);
    }

    /**
     * As above; with a shard other than all ({@code --shard i/n}), only the seeds at positions i
     * modulo n, in {@code shared}, the folder the n processes share (the first creates it; a
     * different study there is refused). {@code resume=} on it afterwards counts every seed.
     */
    public static Outcome run(ExperimentLoader.Loaded loaded, String experimentText, List<String> overrides,
                              List<Long> seeds, String name, String executor, lab.mnist.train.runs.SparkSettings spark,
                              Shard shard, Path shared, Trainer.Options options) {
        Experiment x = loaded.experiment();
        String studyName = name != null ? name : x.name();
        if (!studyName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new lab.mnist.train.config.ConfigException("--name", "--name: a study name is letters, digits, '.', "
                    + "'_' and '-' (it names the folder), got '" + studyName + "'");
        }
        StudySpec spec = new StudySpec(studyName, loaded.file() == null ? null : loaded.file().toString(), seeds,
                overrides, "dl4j", executor, spark);
        // Before the folder exists, so that a bad input writes nothing: every seed's experiment binds, the data loads.
        seeds.forEach(seed -> StudyFolder.experiment(spec, experimentText, seed));
        if (options.data() == null) {
            options = options.withData(MnistRaw.load(x.data().sources(options.sources())));
        }
        if (shard.isAll()) {
            Path dir = AtomicFiles.createStampedDirectory(x.output().path().resolve("studies"), studyName);
            return execute(StudyFolder.create(dir, spec, experimentText), options, shard);
        }
        StudyFolder folder;
        if (StudyFolder.isStudyFolder(shared)) {
            folder = StudyFolder.open(shared);
            if (!folder.spec().equals(spec) || !folder.experimentYaml().equals(experimentText)) {
                throw new lab.mnist.train.config.ConfigException("--folder", "--folder: " + shared + " holds another "
                        + "study; the shards of one study share its file, seeds and overrides");
            }
        } else {
            try {
                Files.createDirectories(shared);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + shared + ": " + e.getMessage(), e);
            }
            folder = StudyFolder.create(shared, spec, experimentText);
        }
        LOG.info("shard {} of study {} in {}: the seeds at positions {} modulo {}", shard, studyName, shared,
                shard.index(), shard.count());
        return execute(folder, options, shard);
    }

    /** Continues a killed study: finished seeds are kept, the unfinished one resumes from its checkpoint. */
    public static Outcome resume(Path dir, Trainer.Options options) {
        StudyFolder folder = StudyFolder.open(dir);
        if (!folder.spec().framework().equals("dl4j")) {
            throw new lab.mnist.train.config.ConfigException("resume", dir + ": a " + folder.spec().framework()
                    + " study is written by its own script, not resumed here");
        }
        AtomicFiles.removeLeftovers(dir);
        for (long seed : folder.spec().seeds()) {
            if (Files.isDirectory(folder.seedDir(seed))) {
                AtomicFiles.removeLeftovers(folder.seedDir(seed));
            }
        }
        if (options.data() == null) {
            Experiment x = folder.experiment(folder.spec().seeds().get(0)).experiment();
            options = options.withData(MnistRaw.load(x.data().sources(options.sources())));
        }
        return execute(folder, options, Shard.ALL);
    }

    private static Outcome execute(StudyFolder folder, Trainer.Options options, Shard shard) {
        RunLog.attach(folder.dir().resolve("study.log"), LOG_NAME);
        try {
            StudySpec spec = folder.spec();
            Experiment first = folder.experiment(spec.seeds().get(0)).experiment();
            try (RunExecutor executor = lab.mnist.train.runs.RunExecutors.create(spec.executor(), spec.spark(),
                    folder.dir(), lab.mnist.train.runs.RunExecutors.coresPerRun(first), options)) {
                return execute(folder, spec, executor, shard);
            }
        } finally {
            RunLog.detach(LOG_NAME);
        }
    }

    private static Outcome execute(StudyFolder folder, StudySpec spec, RunExecutor executor, Shard shard) {
        LOG.info("study {} in {}: {} seeds ({}), {}, executor {}", spec.name(), folder.dir(), spec.seeds().size(),
                seedsText(spec.seeds()), spec.overrides().isEmpty() ? "no overrides" : String.join(" ", spec.overrides()),
                executor.name());
        Map<Long, SeedResult> done = new LinkedHashMap<>();
        summarize(folder.dir(), done); // study.json, the report and the index from the start
        String dir = folder.dir().toAbsolutePath().normalize().toString(); // absolute: an executor has its own working folder
        List<SeedTask> tasks = java.util.stream.IntStream.range(0, spec.seeds().size()).filter(shard::includes)
                .mapToObj(i -> new SeedTask(dir, spec.seeds().get(i))).toList();
        executor.runAll(tasks, r -> {
            done.put(r.seed(), r);
            StudySummary partial = summarize(folder.dir(), done);
            LOG.info("seed {} ({} of {}): {}, test accuracy {} in {} s | so far {}", r.seed(), done.size(),
                    spec.seeds().size(), r.status(), r.testAccuracy() == null ? "n/a"
                            : Trainer.pct(r.testAccuracy()), Math.round(r.wallSeconds()), meanText(partial.testAccuracy()));
        });
        StudySummary summary = summarize(folder.dir(), done);
        LOG.info("study {} done: test accuracy {} over {} seeds ({} failed) -> {}", spec.name(),
                meanText(summary.testAccuracy()), summary.counted(), summary.failed(), folder.dir());
        return new Outcome(folder.dir(), summary);
    }

    /**
     * Writes {@code study.json} and {@code report.html} from the seeds' run folders (each one's
     * {@code summary.json} and {@code predictions.csv}), whichever framework wrote them.
     * {@code known} holds results of this session that left no summary (failed seeds).
     */
    public static StudySummary summarize(Path dir, Map<Long, SeedResult> known) {
        StudyFolder folder = StudyFolder.open(dir);
        StudySpec spec = folder.spec();
        List<SeedResult> seeds = new ArrayList<>();
        Summary first = null;
        TestPredictions.TestSet testSet = null;
        for (long seed : spec.seeds()) {
            Path run = folder.seedDir(seed);
            Summary s = readSummary(run);
            if (s != null) {
                SeedResult r = new SeedResult(seed, s.status(), null, finite(s.testAccuracy()),
                        finite(s.bestValAccuracy()), s.bestEpoch(), s.epochs(), s.wallSeconds(),
                        finite(s.trainSamplesPerSecond()), StudyFolder.seedFolder(seed), s.trainSeconds(),
                        s.startupSeconds());
                seeds.add(r);
                if (r.counts() && first == null) {
                    first = s;
                    if (Files.isRegularFile(run.resolve(TestPredictions.FILE))) {
                        testSet = TestPredictions.read(run.resolve(TestPredictions.FILE)).testSet();
                    }
                }
            } else if (known.containsKey(seed)) {
                seeds.add(known.get(seed));
            } else {
                seeds.add(new SeedResult(seed, Files.isDirectory(run) ? "unfinished" : "not run", null, null, null, 0, 0,
                        0, null, StudyFolder.seedFolder(seed), null, null));
            }
        }
        List<SeedResult> counted = seeds.stream().filter(SeedResult::counts).toList();
        MeanInterval test = interval(counted.stream().mapToDouble(SeedResult::testAccuracy).toArray());
        double[] val = counted.stream().filter(r -> r.bestValAccuracy() != null).mapToDouble(SeedResult::bestValAccuracy)
                .toArray();
        MeanInterval wall = interval(counted.stream().mapToDouble(SeedResult::wallSeconds).toArray());
        double[] train = counted.stream().filter(r -> r.trainSeconds() != null).mapToDouble(SeedResult::trainSeconds)
                .toArray();
        int failed = (int) seeds.stream().filter(r -> r.status().equals("failed") || r.status().equals("diverged")).count();
        lab.mnist.train.RunEnvironment env = first == null ? lab.mnist.train.RunEnvironment.capture() : null;
        StudySummary summary = new StudySummary(spec.name(), spec.framework(), spec.experiment(),
                first == null ? null : first.model(), spec.overrides(), seeds, counted.size(), failed, test,
                val.length == counted.size() ? interval(val) : null, wall,
                seeds.stream().mapToDouble(SeedResult::wallSeconds).sum(), testSet, spec.executor(),
                first == null ? env.gitCommit() : first.gitCommit(), first == null ? env.dl4jVersion() : first.dl4jVersion(),
                first == null ? env.backend() : first.backend(), dir.toString(),
                train.length == counted.size() ? interval(train) : null);
        try {
            AtomicFiles.write(dir.resolve(StudyFolder.SUMMARY), Trainer.JSON.writeValueAsString(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            LOG.debug("study report: {}", lab.mnist.report.StudyReport.write(dir));
            Path runs = lab.mnist.train.TrainCli.runsFolderOf(dir, "studies");
            if (runs != null) {
                lab.mnist.report.RunsIndex.write(runs);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not write the study report: {}", e.toString()); // the study itself goes on
        }
        return summary;
    }

    private static Summary readSummary(Path run) {
        Path f = run.resolve("summary.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        return ResumableRun.readJson(f, Summary.class);
    }

    private static MeanInterval interval(double[] values) {
        return values.length == 0 ? null : MeanInterval.of(values, StudySummary.LEVEL);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** "97.12% ± 0.21 (95% CI 96.97% to 97.27%, n = 10)", or for one seed "97.12% (1 seed)". */
    public static String meanText(MeanInterval m) {
        if (m == null) {
            return "n/a";
        }
        if (m.n() < 2) {
            return String.format(Locale.ROOT, "%.2f%% (1 seed)", m.mean() * 100);
        }
        return String.format(Locale.ROOT, "%.2f%% ± %.2f sd (95%% CI %.2f%% to %.2f%%, n = %d)", m.mean() * 100,
                m.sd() * 100, m.low() * 100, m.high() * 100, m.n());
    }

    static String seedsText(List<Long> seeds) {
        boolean consecutive = true;
        for (int i = 1; i < seeds.size(); i++) {
            consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
        }
        if (consecutive && seeds.size() > 2) {
            return seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
        }
        return seeds.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }
}
