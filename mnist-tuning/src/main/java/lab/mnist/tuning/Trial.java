package lab.mnist.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;

import lab.mnist.train.Metrics;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.train.runs.ResumableRun;
import lab.mnist.tuning.config.SweepLoader;

/**
 * One trial: a full mnist-train run of the base experiment with the trial's parameters, in
 * {@code trials/trial-NNN/}. Its inputs are the sweep folder on disk, its index, its parameters
 * and the budget's deadline; so trials could be spread over machines that share the folder.
 *
 * <p>After every epoch it rewrites {@code trial.json} and asks the pruner, which compares it
 * with the other trials' {@code trial.json} files. Anything that goes wrong (a combination the
 * model rejects, divergence, running out of memory) ends the trial as {@code failed} with the
 * reason, and the sweep goes on.
 */
public final class Trial {
    private static final Logger LOG = LoggerFactory.getLogger(Trial.class);

    private Trial() {
    }

    /**
     * @param deadlineMillis epoch-millis when the sweep's time budget ends (0: none)
     */
    public static TrialRecord run(SweepFolder folder, int index, Map<String, Object> params, long deadlineMillis,
                                  Trainer.Options options) {
        Path dir = folder.trialDir(index);
        Path recordFile = dir.resolve(TrialRecord.FILE);
        TrialRecord before = Files.isRegularFile(recordFile) ? TrialRecord.read(recordFile) : null;
        if (before != null) {
            checkSameParams(before, params);
            if (before.finished()) {
                LOG.info("trial {}: already {} ({}), kept", index, before.status(), score(before));
                return before;
            }
        }
        LOG.info("trial {}: {}", index, lab.mnist.tuning.config.Sweep.describe(params));
        long started = System.nanoTime();
        double secondsBefore = before == null ? 0 : before.seconds();
        ObjectiveScore objective = new ObjectiveScore(folder.sweep().objective().metric());
        Pruner pruner = Pruner.of(folder.sweep().pruning());
        String runDir = folder.dir().relativize(dir).toString();
        AtomicReference<Trainer.Stop> stopped = new AtomicReference<>(); // what the hook answered last
        Trainer.EpochHook hook = (epoch, history) -> {
            List<Double> scores = history.stream().map(objective::of).toList();
            double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
            record(index, params, "running", null, scores, objective, seconds, runDir, null).write(folder.dir());
            SweepRunner.writeReport(folder.dir()); // the sweep's report follows every epoch of every trial
            if (deadlineMillis > 0 && System.currentTimeMillis() >= deadlineMillis) {
                stopped.set(new Trainer.Stop("stopped", "the sweep's time budget is spent"));
            } else {
                String why = pruner.prune(orientedBest(scores, objective), others(folder.dir(), index, objective));
                stopped.set(why == null ? null : new Trainer.Stop("pruned", why));
            }
            return stopped.get();
        };
        Trainer.Options trialOptions = options.quietly().withEpochHook(hook);

        String status;
        String reason = null;
        Double test = null;
        try {
            if (!Files.isRegularFile(dir.resolve("state.json"))) {
                Files.createDirectories(dir);
                record(index, params, "running", null, List.of(), objective, secondsBefore, runDir, null).write(folder.dir());
            } else {
                LOG.info("trial {}: resuming its run after a stop", index);
            }
            Trainer.Outcome outcome = ResumableRun.runOrResume(dir, () -> experiment(folder, index, params), trialOptions,
                    TrialRecord.FILE);
            String s = outcome.summary().status();
            status = switch (s) {
                case "completed", "early-stopped" -> "completed";
                case "diverged" -> "failed";
                default -> s;
            };
            if (s.equals("diverged")) {
                reason = "training diverged (loss NaN or above train.maxLoss); see " + runDir + "/run.log";
            }
            test = Double.isNaN(outcome.summary().testAccuracy()) ? null : outcome.summary().testAccuracy();
            if (stopped.get() != null) {
                reason = stopped.get().reason();
            }
        } catch (Exception | OutOfMemoryError e) {
            status = "failed";
            reason = oneLine(e);
            LOG.error("trial {} failed: {}", index, reason);
        }
        List<Double> scores = readScores(dir, objective);
        double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
        TrialRecord done = record(index, params, status, reason, scores, objective, seconds, runDir, test);
        done.write(folder.dir());
        return done;
    }

    /** The trial's experiment: the base, the sweep's fixed overrides, then the trial's parameters. */
    static ExperimentLoader.Loaded experiment(SweepFolder folder, int index, Map<String, Object> params) {
        List<String> args = new ArrayList<>(SweepLoader.overrideArgs(folder.sweep().overrides()));
        args.addAll(SweepLoader.overrideArgs(params));
        args.add(String.format(Locale.ROOT, "name=%s-trial-%03d", folder.sweep().name(), index));
        Experiment x = ExperimentLoader.bind(folder.baseYaml(), SweepFolder.BASE, args, Experiment.class);
        return new ExperimentLoader.Loaded(x, ExperimentLoader.toYaml(x), null);
    }

    private static TrialRecord record(int index, Map<String, Object> params, String status, String reason,
                                      List<Double> scores, ObjectiveScore objective, double seconds, String runDir,
                                      Double test) {
        Double best = null;
        int bestEpoch = 0;
        for (int i = 0; i < scores.size(); i++) {
            double s = scores.get(i);
            if (!Double.isNaN(s) && (best == null || objective.oriented(s) > objective.oriented(best))) {
                best = s;
                bestEpoch = i + 1;
            }
        }
        return new TrialRecord(index, params, status, reason, scores, best, bestEpoch, test, seconds, runDir);
    }

    /** Best-so-far after each epoch, as "higher is better": what pruners compare. */
    static List<Double> orientedBest(List<Double> scores, ObjectiveScore objective) {
        List<Double> curve = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            double o = Double.isNaN(s) ? Double.NEGATIVE_INFINITY : objective.oriented(s);
            best = Math.max(best, o);
            curve.add(best);
        }
        return curve;
    }

    private static List<Pruner.Other> others(Path sweepDir, int index, ObjectiveScore objective) {
        List<Pruner.Other> others = new ArrayList<>();
        for (TrialRecord t : TrialRecord.readAll(sweepDir)) {
            if (t.index() != index && !t.status().equals("failed")) {
                others.add(new Pruner.Other(orientedBest(t.scores(), objective), t.status().equals("completed")));
            }
        }
        return others;
    }

    private static List<Double> readScores(Path dir, ObjectiveScore objective) {
        Path metrics = dir.resolve("metrics.json");
        if (!Files.isRegularFile(metrics)) {
            return List.of();
        }
        try {
            List<Metrics.Epoch> epochs = Trainer.JSON.readValue(metrics.toFile(), new TypeReference<List<Metrics.Epoch>>() { });
            return epochs.stream().map(objective::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        }
    }

    private static void checkSameParams(TrialRecord before, Map<String, Object> params) {
        try {
            String a = Trainer.JSON.writeValueAsString(before.params());
            String b = Trainer.JSON.writeValueAsString(new LinkedHashMap<>(params));
            if (!a.equals(b)) {
                throw new lab.mnist.train.config.ConfigException("resume", "trial " + before.index() + " in this folder "
                        + "was run with " + before.params() + " but the sweep now gives it " + params
                        + ": the sweep file or its seed changed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String score(TrialRecord t) {
        return t.score() == null ? "no score" : String.format(Locale.ROOT, "%.4f", t.score());
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (e instanceof OutOfMemoryError ? "out of memory: " : "") + (nl < 0 ? m : m.substring(0, nl));
    }
}
