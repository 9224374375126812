package lab.mnist.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.data.AtomicFiles;
import lab.mnist.train.RunEnvironment;
import lab.mnist.train.RunLog;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.train.runs.RunExecutor;
import lab.mnist.train.runs.RunExecutors;
import lab.mnist.train.runs.Shard;
import lab.mnist.tuning.config.Sweep;
import lab.mnist.tuning.config.SweepLoader;
import lab.mnist.tuning.tpe.TpeCandidateGenerator;

/**
 * Runs a sweep with Arbiter: its candidate generator (random or grid) over the
 * {@link SearchSpace}, its {@link LocalOptimizationRunner} with termination conditions for the
 * budget, {@link ObjectiveScore} as the score function, and a {@link TrialTaskCreator} that hands
 * each candidate, a full training run, to the runner studies use too ({@code lab.mnist.train.runs}).
 * Trials run one at a time: on a 2-core machine two trainings at once are slower than one after
 * the other.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    private static final String STATE = "sweep-state.json";
    private static final String LOG_NAME = "sweep-folder";

    private SweepRunner() {
    }

    /** How long earlier sessions of a resumed sweep took. */
    record State(double wallSecondsBefore) {
    }

    public record Outcome(Path sweepDir, SweepSummary summary) {
    }

    /** Starts a sweep in {@code <output.dir>/<name>-<timestamp>/}. */
    public static Outcome run(SweepLoader.Loaded loaded, Trainer.Options options) {
        Sweep sweep = loaded.sweep();
        options = withData(sweep, loaded.baseYaml(), options); // before the folder: a bad source writes nothing
        Path dir = AtomicFiles.createStampedDirectory(sweep.output().path(), sweep.name());
        writeFiles(dir, loaded);
        return execute(new SweepFolder(dir, sweep, loaded.baseYaml()), 0, options, Shard.ALL);
    }

    /**
     * Runs one shard of a sweep ({@code --shard i/n}) in {@code dir}, a folder the n processes
     * share: whichever comes first creates it, the others find the same sweep there (a different
     * one is refused). The summary covers the trials finished so far; {@code resume=} once all
     * shards are done writes the whole.
     */
    public static Outcome runShard(SweepLoader.Loaded loaded, Path dir, Shard shard, Trainer.Options options) {
        Sweep sweep = loaded.sweep();
        if (sweep.budget().trials() <= 0 && !sweep.generator().type().equals("grid")) {
            // With a time budget alone each shard would reach other trial indices, and resume= run the gaps.
            throw new lab.mnist.train.config.ConfigException("--shard", "--shard: the sweep needs budget.trials, so "
                    + "that every shard walks the same trial indices");
        }
        options = withData(sweep, loaded.baseYaml(), options);
        String text = sweepText(loaded);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path existing = dir.resolve(SweepFolder.SWEEP);
        if (Files.isRegularFile(existing)) {
            try {
                if (!Files.readString(existing).equals(text)
                        || !Files.readString(dir.resolve(SweepFolder.BASE)).equals(loaded.baseYaml())) {
                    throw new lab.mnist.train.config.ConfigException("--folder", "--folder: " + dir + " holds another "
                            + "sweep (its " + SweepFolder.SWEEP + " or " + SweepFolder.BASE + " differs); shards of one sweep "
                            + "share one file, base and overrides");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + existing + ": " + e.getMessage(), e);
            }
        } else {
            writeFiles(dir, loaded); // the same bytes from every shard, each written atomically
        }
        LOG.info("shard {} of sweep {} in {}: trials whose index is {} modulo {}", shard, sweep.name(), dir,
                shard.index(), shard.count());
        return execute(new SweepFolder(dir, sweep, loaded.baseYaml()), 0, options, shard);
    }

    private static String sweepText(SweepLoader.Loaded loaded) {
        return "# base was " + loaded.baseFile() + "; its text is in " + SweepFolder.BASE + "\n" + loaded.resolvedYaml();
    }

    private static void writeFiles(Path dir, SweepLoader.Loaded loaded) {
        AtomicFiles.write(dir.resolve(SweepFolder.BASE), loaded.baseYaml());
        AtomicFiles.write(dir.resolve(SweepFolder.SWEEP), sweepText(loaded));
    }

    /** Continues a killed sweep: finished trials are kept, an unfinished one resumes from its checkpoint. */
    public static Outcome resume(Path dir, Trainer.Options options) {
        SweepFolder folder = SweepFolder.open(dir);
        options = withData(folder.sweep(), folder.baseYaml(), options);
        // Writes the killed process had under way never became files: remove their temporary files.
        AtomicFiles.removeLeftovers(dir);
        Path trials = dir.resolve("trials");
        if (Files.isDirectory(trials)) {
            try (var each = Files.list(trials)) {
                each.filter(Files::isDirectory).forEach(AtomicFiles::removeLeftovers);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + trials + ": " + e.getMessage(), e);
            }
        }
        double before = 0;
        if (Files.isRegularFile(dir.resolve(STATE))) {
            try {
                before = Trainer.JSON.readValue(dir.resolve(STATE).toFile(), State.class).wallSecondsBefore();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(STATE) + ": " + e.getMessage(), e);
            }
        }
        return execute(folder, before, options, Shard.ALL);
    }

    /**
     * The raw files of the data set every trial reads, loaded once, before anything is written: a bad data
     * source is one error line and no sweep folder, and the trials do not each load the files again.
     * Left to the trials when the sweep fixes or searches where the data comes from.
     */
    private static Trainer.Options withData(Sweep sweep, String baseYaml, Trainer.Options options) {
        if (options.data() != null) {
            return options;
        }
        for (String key : java.util.stream.Stream.concat(sweep.overrides().keySet().stream(),
                sweep.space().keySet().stream()).toList()) {
            if (key.startsWith("data.dir") || key.startsWith("data.mirrors") || key.startsWith("data.dataset")
                    || key.startsWith("data.files") || key.startsWith("data.sha256") || key.startsWith("data.classNames")) {
                return options;
            }
        }
        Experiment base = ExperimentLoader.bind(baseYaml, SweepFolder.BASE, List.of(), Experiment.class);
        return options.withData(lab.mnist.data.MnistRaw.load(base.data().sources(options.sources())));
    }

    private static Outcome execute(SweepFolder folder, double wallBefore, Trainer.Options options, Shard shard) {
        long started = System.nanoTime();
        Sweep sweep = folder.sweep();
        RunLog.attach(folder.dir().resolve("sweep.log"), LOG_NAME);
        // Progress files are rewritten while the sweep runs, so a killed sweep still has its time.
        Thread clock = startClock(folder.dir(), wallBefore, started);
        writeReport(folder.dir()); // listed, and watchable, from the start
        try {
            SearchSpace space = new SearchSpace(sweep.space());
            CandidateGenerator generator;
            List<TerminationCondition> budget = new ArrayList<>();
            if (sweep.generator().type().equals("grid")) {
                long size = SearchSpace.gridSize(sweep);
                generator = new GridSearchCandidateGenerator(space, sweep.generator().points(),
                        GridSearchCandidateGenerator.Mode.Sequential, null);
                int trials = (int) Math.min(size, sweep.budget().trials() > 0 ? sweep.budget().trials() : size);
                budget.add(new MaxCandidatesCondition(trials)); // Arbiter would wait forever once a grid is done
                generator = new FirstCandidates(generator, trials); // and, with trials at once, start too many
                LOG.info("grid of {} points; running {}", size, trials);
            } else {
                generator = sweep.generator().type().equals("tpe")
                        ? new TpeCandidateGenerator(space, sweep.space(), sweep.seed(),
                                () -> TrialRecord.readAll(folder.dir()), sweep.objective().minimize())
                        : new RandomSearchGenerator(space, null);
                if (sweep.budget().trials() > 0) {
                    budget.add(new MaxCandidatesCondition(sweep.budget().trials()));
                    // Arbiter counts finished candidates only: with trials under way at once it would start more.
                    generator = new FirstCandidates(generator, sweep.budget().trials());
                }
            }
            long deadline = 0;
            if (sweep.budget().wallMinutes() > 0) {
                long leftMillis = (long) (sweep.budget().wallMinutes() * 60_000 - wallBefore * 1000);
                deadline = System.currentTimeMillis() + Math.max(0, leftMillis);
                budget.add(new MaxTimeCondition(Math.max(0, leftMillis), TimeUnit.MILLISECONDS));
            }
            OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                    .candidateGenerator(generator)
                    .scoreFunction(new ObjectiveScore(sweep.objective().metric()))
                    .terminationConditions(budget)
                    .rngSeed(sweep.seed())
                    .build();
            Experiment base = ExperimentLoader.bind(folder.baseYaml(), SweepFolder.BASE,
                    SweepLoader.overrideArgs(sweep.overrides()), Experiment.class);
            try (RunExecutor executor = RunExecutors.create(sweep.executor(), sweep.spark(), folder.dir(),
                    RunExecutors.coresPerRun(base), options)) {
                LOG.info("sweep {} in {}: {} over {}, objective {}, pruning {}, budget {}, executor {} ({} trial(s) "
                                + "at once)", sweep.name(), folder.dir(), describe(generator), sweep.space().keySet(),
                        sweep.objective().metric(), sweep.pruning().type(), budgetText(sweep), executor.name(),
                        executor.parallelism());
                LocalOptimizationRunner runner = new LocalOptimizationRunner(executor.parallelism(), config,
                        new TrialTaskCreator(folder, deadline, executor, shard));
                runner.addListeners(new Progress(folder, deadline));
                runner.execute();
            }
        } finally {
            clock.interrupt();
        }
        try {
            double wall = wallBefore + (System.nanoTime() - started) / 1e9;
            writeState(folder.dir(), wall);
            SweepSummary summary = finish(folder, wall);
            LOG.info("sweep {} done: {} trials ({} completed, {} pruned, {} stopped, {} failed); best trial {} with "
                            + "{} {} {}; {}", sweep.name(), summary.trials(), summary.completed(), summary.pruned(),
                    summary.stopped(), summary.failed(), summary.bestTrial(), sweep.objective().metric(),
                    summary.bestScore() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", summary.bestScore()),
                    summary.bestParams() == null ? "" : Sweep.describe(summary.bestParams()), folder.dir());
            return new Outcome(folder.dir(), summary);
        } finally {
            RunLog.detach(LOG_NAME);
        }
    }

    private static Thread startClock(Path dir, double wallBefore, long started) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(30_000);
                    writeState(dir, wallBefore + (System.nanoTime() - started) / 1e9);
                }
            } catch (InterruptedException e) {
                // the sweep ended
            }
        }, "sweep-clock");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void writeState(Path dir, double wallSeconds) {
        try {
            AtomicFiles.write(dir.resolve(STATE), Trainer.JSON.writeValueAsString(new State(wallSeconds)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best trial: the best score among trials that ran to their end (or to the budget), else among pruned ones. */
    static Optional<TrialRecord> best(List<TrialRecord> trials, boolean minimize) {
        Comparator<TrialRecord> byScore = Comparator.comparingDouble(t -> minimize ? -t.score() : t.score());
        Optional<TrialRecord> full = trials.stream().filter(TrialRecord::scored)
                .filter(t -> t.status().equals("completed") || t.status().equals("stopped")).max(byScore);
        return full.isPresent() ? full : trials.stream().filter(TrialRecord::scored).max(byScore);
    }

    /** summary.json, trials.csv, best-experiment.yaml and best-model.zip, from the trials' records. */
    static SweepSummary finish(SweepFolder folder, double wall) {
        Sweep sweep = folder.sweep();
        List<TrialRecord> trials = TrialRecord.readAll(folder.dir());
        Optional<TrialRecord> best = best(trials, sweep.objective().minimize());
        AtomicFiles.write(folder.dir().resolve("trials.csv"), csv(trials));
        if (best.isPresent()) {
            writeBest(folder, best.get());
        }
        RunEnvironment env = RunEnvironment.capture();
        SweepSummary summary = new SweepSummary(sweep.name(), sweep.objective().metric(), trials.size(),
                count(trials, "completed"), count(trials, "pruned"), count(trials, "stopped"), count(trials, "failed"),
                best.map(TrialRecord::score).orElse(null), best.map(TrialRecord::index).orElse(null),
                best.map(TrialRecord::params).orElse(null), best.map(TrialRecord::testAccuracy).orElse(null),
                best.map(TrialRecord::runDir).orElse(null), wall,
                trials.stream().mapToDouble(TrialRecord::seconds).sum(),
                trials.stream().mapToInt(t -> t.scores().size()).sum(), sweep.generator().type(),
                sweep.pruning().type(), sweep.seed(), env.gitCommit(), env.dl4jVersion(), env.backend(),
                folder.dir().toString());
        try {
            AtomicFiles.write(folder.dir().resolve("summary.json"), Trainer.JSON.writeValueAsString(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeReport(folder.dir());
        return summary;
    }

    /**
     * The sweep's report.html and the runs index, rewritten when the sweep starts, after every
     * epoch of every trial and at the end; a failure here never stops the sweep.
     */
    static void writeReport(Path dir) {
        try {
            LOG.debug("sweep report: {}", lab.mnist.report.SweepReport.write(dir));
            Path parent = dir.toAbsolutePath().normalize().getParent();
            lab.mnist.report.RunsIndex.write(parent.getFileName().toString().equals("sweeps") ? parent.getParent() : parent);
        } catch (RuntimeException e) {
            LOG.warn("could not write the sweep report: {}", e.toString());
        }
    }

    private static void writeBest(SweepFolder folder, TrialRecord best) {
        Path trialDir = folder.dir().resolve(best.runDir());
        try {
            String config = Files.readString(trialDir.resolve("config.yaml"));
            Experiment x = ExperimentLoader.bind(config, "config.yaml",
                    List.of("name=" + folder.sweep().name() + "-best", "output.dir=runs"), Experiment.class);
            AtomicFiles.write(folder.dir().resolve("best-experiment.yaml"), String.format(Locale.ROOT,
                    "# The best trial (%d) of sweep %s: %s = %.4f with %s.%n# Run it: mvn -pl mnist-train exec:java "
                            + "-Dexec.args=\"%s\"%n%s", best.index(), folder.sweep().name(),
                    folder.sweep().objective().metric(), best.score(), Sweep.describe(best.params()),
                    folder.dir().resolve("best-experiment.yaml"), ExperimentLoader.toYaml(x)));
            Path model = trialDir.resolve("best.zip");
            if (Files.isRegularFile(model)) {
                AtomicFiles.write(folder.dir().resolve("best-model.zip"), Files.readAllBytes(model));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the best trial's files: " + e.getMessage(), e);
        }
    }

    private static int count(List<TrialRecord> trials, String status) {
        return (int) trials.stream().filter(t -> t.status().equals(status)).count();
    }

    static String csv(List<TrialRecord> trials) {
        Set<String> keys = new LinkedHashSet<>();
        trials.forEach(t -> keys.addAll(t.params().keySet()));
        StringBuilder b = new StringBuilder("trial,status,score,bestEpoch,epochs,seconds,testAccuracy");
        keys.forEach(k -> b.append(',').append(k));
        b.append(",reason\n");
        for (TrialRecord t : trials) {
            b.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%.1f,%s", t.index(), t.status(),
                    t.score() == null ? "" : String.format(Locale.ROOT, "%.6f", t.score()), t.bestEpoch(),
                    t.scores().size(), t.seconds(), t.testAccuracy() == null ? "" : String.format(Locale.ROOT, "%.6f",
                            t.testAccuracy())));
            keys.forEach(k -> b.append(',').append(quote(String.valueOf(t.params().get(k)))));
            b.append(',').append(t.reason() == null ? "" : quote(t.reason())).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String describe(CandidateGenerator generator) {
        CandidateGenerator g = generator instanceof FirstCandidates f ? f.inner() : generator;
        if (g instanceof TpeCandidateGenerator tpe) {
            return tpe.describe();
        }
        return g instanceof GridSearchCandidateGenerator ? "grid" : "random";
    }

    private static String budgetText(Sweep sweep) {
        List<String> parts = new ArrayList<>();
        if (sweep.budget().trials() > 0) {
            parts.add(sweep.budget().trials() + " trials");
        }
        if (sweep.budget().wallMinutes() > 0) {
            parts.add(String.format(Locale.ROOT, "%.0f min", sweep.budget().wallMinutes()));
        }
        return parts.isEmpty() ? "the whole grid" : String.join(", ", parts);
    }

    /** One line per finished trial: its result, the best so far, what is left of the budget. */
    private static final class Progress extends BaseStatusListener {
        private final SweepFolder folder;
        private final long deadline;

        Progress(SweepFolder folder, long deadline) {
            this.folder = folder;
            this.deadline = deadline;
        }

        @Override
        public void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner runner, OptimizationResult result) {
            if (result == null) {
                return;
            }
            TrialRecord t = (TrialRecord) result.getModelSpecificResults();
            Sweep sweep = folder.sweep();
            Optional<TrialRecord> best = best(TrialRecord.readAll(folder.dir()), sweep.objective().minimize());
            String left = sweep.budget().trials() > 0 ? (sweep.budget().trials() - runner.numCandidatesCompleted()
                    - runner.numCandidatesFailed() - 1) + " trials" : "";
            if (deadline > 0) {
                long s = Math.max(0, (deadline - System.currentTimeMillis()) / 1000);
                left += (left.isEmpty() ? "" : ", ") + String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
            }
            AtomicFiles.write(folder.dir().resolve("trials.csv"), csv(TrialRecord.readAll(folder.dir())));
            writeReport(folder.dir());
            LOG.info("trial {} {}: {} {} after {} epochs, {}s{} | best so far: trial {} {}{}", t.index(), t.status(),
                    sweep.objective().metric(), Trial.score(t), t.scores().size(), Math.round(t.seconds()),
                    t.reason() == null ? "" : " (" + t.reason() + ")", best.map(b -> String.valueOf(b.index())).orElse("-"),
                    best.map(Trial::score).orElse(""), left.isEmpty() ? "" : " | left: " + left);
        }
    }
}
