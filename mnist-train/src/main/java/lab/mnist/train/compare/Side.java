package lab.mnist.train.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import lab.mnist.train.Summary;
import lab.mnist.train.TestPredictions;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.study.SeedResult;
import lab.mnist.train.study.StudyFolder;
import lab.mnist.train.study.StudySummary;

/**
 * One side of a comparison: a run folder (its summary and test predictions) or a study folder
 * (its {@code study.json} and every counted seed's predictions), named by a folder or by the
 * {@code study.json} file in it.
 *
 * @param runs        the run folders whose predictions count (one for a run)
 * @param predictions their predictions, in the same order
 * @param study       the study's summary; null for a run
 * @param run         the run's summary; null for a study
 */
record Side(Path dir, String label, Summary run, StudySummary study, List<Path> runs, List<TestPredictions> predictions) {

    boolean isStudy() {
        return study != null;
    }

    static Side open(Path given) {
        Path dir = (Files.isRegularFile(given) && given.getFileName().toString().equals(StudyFolder.SUMMARY)
                ? given.toAbsolutePath().getParent() : given.toAbsolutePath()).normalize();
        if (Files.isRegularFile(dir.resolve(StudyFolder.SUMMARY))) {
            StudySummary s = read(dir.resolve(StudyFolder.SUMMARY), StudySummary.class);
            List<Path> runs = new ArrayList<>();
            List<TestPredictions> predictions = new ArrayList<>();
            for (SeedResult r : s.seeds()) {
                Path p = dir.resolve(r.runDir()).resolve(TestPredictions.FILE);
                if (r.counts() && Files.isRegularFile(p)) {
                    runs.add(dir.resolve(r.runDir()));
                    predictions.add(TestPredictions.read(p));
                }
            }
            if (predictions.isEmpty()) {
                throw new ConfigException("", given + ": the study has no seed with test predictions yet");
            }
            return new Side(dir, s.study(), null, s, runs, predictions);
        }
        if (Files.isRegularFile(dir.resolve("summary.json")) && Files.isRegularFile(dir.resolve("config.yaml"))) {
            Summary s = read(dir.resolve("summary.json"), Summary.class);
            if (!Files.isRegularFile(dir.resolve(TestPredictions.FILE))) {
                throw new ConfigException("", given + ": the run has no test predictions (" + TestPredictions.FILE
                        + "): it was pruned, diverged or stopped before its test evaluation");
            }
            return new Side(dir, s.experiment(), s, null, List.of(dir),
                    List.of(TestPredictions.read(dir.resolve(TestPredictions.FILE))));
        }
        if (!Files.exists(given)) {
            throw new ConfigException("", given + ": no such run or study folder");
        }
        throw new ConfigException("", given + ": not a run or study folder (expected summary.json, config.yaml and "
                + "predictions.csv, or study.json)");
    }

    private static <T> T read(Path file, Class<T> type) {
        return lab.mnist.train.runs.ResumableRun.readJson(file, type);
    }

    /** The config of the side's (first) run, for the side-by-side view. */
    String configYaml() {
        Path config = runs.get(0).resolve("config.yaml");
        try {
            return Files.isRegularFile(config) ? Files.readString(config) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    /** What the side's accuracy is: the run's, or the study's mean over seeds. */
    double accuracy() {
        return isStudy() ? study.testAccuracy().mean() : predictions.get(0).accuracy();
    }

    /**
     * The side's classes by majority vote over its runs (one run: its own predictions); ties go
     * to the class with the highest summed probability.
     */
    int[] votes() {
        TestPredictions first = predictions.get(0);
        int n = first.size();
        int[] vote = new int[n];
        int classes = Math.max(10, maxClass() + 1);
        for (int i = 0; i < n; i++) {
            int[] count = new int[classes];
            double[] weight = new double[count.length];
            for (TestPredictions p : predictions) {
                count[p.predicted()[i]]++;
                weight[p.predicted()[i]] += Double.isNaN(p.confidence()[i]) ? 0 : p.confidence()[i];
            }
            int best = 0;
            for (int c = 1; c < count.length; c++) {
                if (count[c] > count[best] || count[c] == count[best] && weight[c] > weight[best]) {
                    best = c;
                }
            }
            vote[i] = best;
        }
        return vote;
    }

    private int maxClass() {
        int max = 0;
        for (TestPredictions p : predictions) {
            for (int i = 0; i < p.size(); i++) {
                max = Math.max(max, Math.max(p.predicted()[i], p.label()[i]));
            }
        }
        return max;
    }
}
