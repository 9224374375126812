package lab.mnist.train.study;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.train.Summary;
import lab.mnist.train.Trainer;
import lab.mnist.train.runs.ResumableRun;
import lab.mnist.train.runs.RunTask;

/** A study's seed as a task for the shared runner: the study folder and the seed. */
/** @param studyDir the study folder, as a string: a task must serialise to run in another process */
record SeedTask(String studyDir, long seed) implements RunTask<SeedResult> {
    private static final Logger LOG = LoggerFactory.getLogger(SeedTask.class);

    @Override
    public String describe() {
        return "seed " + seed;
    }

    @Override
    public SeedResult run(Trainer.Options options) {
        StudyFolder folder = StudyFolder.open(Path.of(studyDir));
        String runDir = StudyFolder.seedFolder(seed);
        Path dir = folder.seedDir(seed);
        boolean before = ResumableRun.finished(dir);
        try {
            // The study's report follows every epoch of every seed.
            Trainer.Options following = options.withEpochHook((epoch, history) -> {
                StudyRunner.summarize(folder.dir(), java.util.Map.of());
                return null;
            });
            Summary s = ResumableRun.runOrResume(dir, () -> folder.experiment(seed), following).summary();
            if (before) {
                LOG.info("seed {}: already {}, kept", seed, s.status());
            }
            return new SeedResult(seed, s.status(), null, finite(s.testAccuracy()), finite(s.bestValAccuracy()),
                    s.bestEpoch(), s.epochs(), s.wallSeconds(), finite(s.trainSamplesPerSecond()), runDir, s.trainSeconds(),
                    s.startupSeconds());
        } catch (lab.mnist.train.config.ConfigException | lab.mnist.models.InvalidHyperParameterException e) {
            throw e; // the study's own input is wrong: every seed would fail alike
        } catch (RuntimeException | OutOfMemoryError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            LOG.error("seed {} failed: {}", seed, m);
            return new SeedResult(seed, "failed", m, null, null, 0, 0, 0, null, runDir, null, null);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
