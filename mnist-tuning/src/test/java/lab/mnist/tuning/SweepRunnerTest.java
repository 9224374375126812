package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.train.Trainer;
import lab.mnist.tuning.config.SweepLoader;

/** Whole sweeps of tiny trials on generated data: a few seconds each, no network. */
class SweepRunnerTest {
    private static final MnistRaw DATA = IdxFixtures.raw(300, 60, 11);

    @TempDir
    Path dir;

    private SweepLoader.Loaded sweep(String space, String extra) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), """
                name: tiny
                seed: 3
                data: {normalization: symmetric, validationFraction: 0.2}
                model: {name: mlp, widths: [16, 16, 16, 16]}
                optimizer: {type: adam, lr: 0.003}
                train: {epochs: 2, batchSize: 16}
                """);
        Path file = Files.writeString(dir.resolve("sweep.yaml"), """
                name: tiny-sweep
                base: base.yaml
                seed: 1
                space: %s
                output: {dir: %s}
                %s
                """.formatted(space, dir.resolve("sweeps"), extra));
        return SweepLoader.load(file, List.of());
    }

    private static Trainer.Options options() {
        return new Trainer.Options(true, SourceOptions.defaults(), DATA, 0);
    }

    /**
     * A TPE sweep runs like the others and says which generator ran; the same seed gives the same
     * proposals (the history is the same: training is deterministic), and a resumed sweep proposes
     * its missing trials again from the same history.
     */
    @Test
    void aTpeSweepIsReproducibleAndResumesWithTheSameTrials() throws Exception {
        String space = "{optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}, model.dropout: {uniform: [0.0, 0.5]}}";
        String extra = "generator: {type: tpe}\nbudget: {trials: 12}";
        SweepRunner.Outcome first = SweepRunner.run(sweep(space, extra), options());
        SweepRunner.Outcome second = SweepRunner.run(sweep(space, extra), options());

        assertEquals("tpe", first.summary().generator());
        assertEquals(12, first.summary().trials());
        List<TrialRecord> a = TrialRecord.readAll(first.sweepDir());
        List<TrialRecord> b = TrialRecord.readAll(second.sweepDir());
        for (int i = 0; i < 12; i++) {
            assertEquals(a.get(i).params(), b.get(i).params(), "trial " + i + " (10 start-up trials, then TPE)");
            assertEquals(a.get(i).score(), b.get(i).score(), "trial " + i);
        }
        assertTrue(Files.readString(first.sweepDir().resolve("sweep.log")).contains("tpe (Optuna defaults"));
        assertTrue(Files.readString(first.sweepDir().resolve("report.html")).contains("tpe, pruning"));

        // As if killed before its last two trials: resume proposes them again from trials 0..9, as the first time.
        for (int i : new int[] {10, 11}) {
            try (Stream<Path> files = Files.walk(TrialRecord.folder(first.sweepDir(), i))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertEquals(10, TrialRecord.readAll(first.sweepDir()).size());
        SweepRunner.Outcome resumed = SweepRunner.resume(first.sweepDir(), options());
        List<TrialRecord> c = TrialRecord.readAll(resumed.sweepDir());
        assertEquals(12, c.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(a.get(i).params(), c.get(i).params(), "resumed trial " + i);
        }
    }

    @Test
    void aFailingTrialIsRecordedAndTheSweepGoesOn() throws Exception {
        // widths [-4] is a combination the model zoo rejects when the trial builds it
        SweepRunner.Outcome out = SweepRunner.run(sweep("{model.widths: {choice: [[16, 16, 16, 16], [-4], [32, 32, 16, 16]]}}",
                "generator: {type: grid}"), options());
        SweepSummary s = out.summary();
        assertEquals(3, s.trials());
        assertEquals(2, s.completed());
        assertEquals(1, s.failed());
        TrialRecord failed = TrialRecord.readAll(out.sweepDir()).get(1);
        assertEquals("failed", failed.status());
        assertTrue(failed.reason().contains("model.widths"), failed.reason());
        assertNotNull(s.bestTrial());
        assertTrue(s.bestTrial() != 1);
        for (String f : List.of("summary.json", "trials.csv", "best-experiment.yaml", "best-model.zip", "sweep.yaml",
                "base.yaml", "sweep.log")) {
            assertTrue(Files.isRegularFile(out.sweepDir().resolve(f)), "missing " + f);
        }
        JsonNode summary = Trainer.JSON.readTree(out.sweepDir().resolve("summary.json").toFile());
        for (String field : List.of("sweep", "trials", "completed", "pruned", "failed", "bestScore", "bestParams",
                "wallSeconds")) {
            assertTrue(summary.has(field), "summary.json lacks " + field);
        }
        // the best trial's experiment is ready to run, with its parameters in it
        String best = Files.readString(out.sweepDir().resolve("best-experiment.yaml"));
        assertTrue(best.contains("name: tiny-sweep-best"), best);
        assertTrue(Files.isRegularFile(out.sweepDir().resolve(TrialRecord.readAll(out.sweepDir()).get(0).runDir())
                .resolve("report.html")), "each trial is a full run");
        assertEquals(4, Files.readAllLines(out.sweepDir().resolve("trials.csv")).size());
    }

    @Test
    void resumeKeepsFinishedTrialsAndRerunsTheUnfinishedOne() throws Exception {
        SweepRunner.Outcome first = SweepRunner.run(sweep("{optimizer.lr: {logUniform: [1.0e-3, 1.0e-2]}}",
                "budget: {trials: 3}"), options());
        Path sweepDir = first.sweepDir();
        String kept0 = Files.readString(TrialRecord.folder(sweepDir, 0).resolve(TrialRecord.FILE));
        String kept1 = Files.readString(TrialRecord.folder(sweepDir, 1).resolve(TrialRecord.FILE));
        TrialRecord last = TrialRecord.readAll(sweepDir).get(2);

        // As if killed during trial 2's first epoch: its record says running, its run has no checkpoint yet.
        Path trial2 = TrialRecord.folder(sweepDir, 2);
        try (Stream<Path> files = Files.walk(trial2)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(trial2)) {
                    Files.delete(p);
                }
            }
        }
        new TrialRecord(2, last.params(), "running", null, List.of(), null, 0, null, 1.0, last.runDir()).write(sweepDir);
        Files.delete(sweepDir.resolve("summary.json"));

        SweepRunner.Outcome resumed = SweepRunner.resume(sweepDir, options());
        assertEquals(kept0, Files.readString(TrialRecord.folder(sweepDir, 0).resolve(TrialRecord.FILE)), "trial 0 kept as is");
        assertEquals(kept1, Files.readString(TrialRecord.folder(sweepDir, 1).resolve(TrialRecord.FILE)), "trial 1 kept as is");
        TrialRecord again = TrialRecord.readAll(sweepDir).get(2);
        assertEquals("completed", again.status());
        assertEquals(last.params(), again.params());
        assertEquals(last.scores(), again.scores(), "the same trial, run again, gives the same scores");
        assertEquals(3, resumed.summary().trials());
        assertTrue(Files.isRegularFile(sweepDir.resolve("summary.json")));
    }

    @Test
    void prunedTrialsStopEarlyAndAreCountedAsSuch() throws Exception {
        // lr 1e-6 barely moves; halving at epoch 1 with eta 2 stops whatever is in the lower half
        SweepRunner.Outcome out = SweepRunner.run(sweep("{optimizer.lr: {choice: [0.01, 0.000001, 0.005, 0.0000005]}}",
                "generator: {type: grid}\npruning: {type: halving, minEpochs: 1, eta: 2}"), options());
        List<TrialRecord> trials = TrialRecord.readAll(out.sweepDir());
        assertEquals("completed", trials.get(0).status());
        assertEquals("pruned", trials.get(1).status(), trials.get(1).toString());
        assertEquals(1, trials.get(1).scores().size(), "stopped after its first epoch");
        assertTrue(trials.get(1).reason().contains("top 1 of the 2 trials"), trials.get(1).reason());
        assertEquals(out.summary().pruned(), trials.stream().filter(t -> t.status().equals("pruned")).count());
        assertTrue(out.summary().bestTrial() == 0 || out.summary().bestTrial() == 2);
    }

    @Test
    void aTrialsLastEpochIsNeverPruned() throws Exception {
        // Epoch 1 is a rung and the last epoch: stopping there would save nothing and mislabel a finished trial.
        SweepRunner.Outcome out = SweepRunner.run(sweep("{optimizer.lr: {choice: [0.01, 0.000001]}}",
                "generator: {type: grid}\noverrides: {train.epochs: 1}\npruning: {type: halving, minEpochs: 1, eta: 2}"),
                options());
        assertEquals(2, out.summary().completed());
        assertEquals(0, out.summary().pruned());
    }
}
