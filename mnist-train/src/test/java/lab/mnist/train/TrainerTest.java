package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.runtime.ModelFileException;
import lab.mnist.runtime.ModelFiles;
import lab.mnist.train.config.ExperimentLoader;

/** Whole runs on a small generated MNIST look-alike: no network, a few seconds each. */
class TrainerTest {
    private static final MnistRaw DATA = IdxFixtures.raw(400, 100, 17);

    @TempDir
    Path dir;

    private ExperimentLoader.Loaded experiment(String... overrides) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                seed: 3
                data: {normalization: symmetric, validationFraction: 0.2}
                model: {name: mlp, widths: [32, 32, 16, 16]}
                optimizer: {type: adam, lr: 0.003}
                train: {epochs: 3, batchSize: 16}
                output: {dir: %s}
                """.formatted(dir.resolve("runs")));
        return ExperimentLoader.load(file, List.of(overrides));
    }

    private Trainer.Options options() {
        return new Trainer.Options(true, SourceOptions.defaults(), DATA, 0);
    }

    /**
     * A run's pages follow it: after each epoch its report says running, with how far it is, and the
     * runs index lists it as running with its progress and what it changed against its file.
     */
    @Test
    void theReportAndTheIndexFollowTheRunEpochByEpoch() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        Trainer.Options watching = options().withEpochHook((epoch, history) -> {
            Path runDir = dir.resolve("runs").resolve(onlyRun());
            try {
                String report = Files.readString(runDir.resolve("report.html"));
                String index = Files.readString(dir.resolve("runs/index.html"));
                assertTrue(report.contains("epoch " + epoch.epoch() + " of 3 done"), report.length() + " chars");
                assertTrue(index.contains("status-running\">running</td>") && index.contains("<td>" + epoch.epoch() + "/3</td>"),
                        index.substring(index.indexOf("<tbody>"), index.indexOf("</tbody>")));
                seen.add("epoch " + epoch.epoch());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        Trainer.Outcome outcome = Trainer.run(experiment("seed=5", "train.batchSize=16"), watching);
        assertEquals(List.of("epoch 1", "epoch 2"), seen, "the hook runs after every epoch but the last");
        assertFalse(Files.readString(outcome.runDir().resolve("report.html")).contains("id=\"live\""), "finished");
        JsonNode origin = Trainer.JSON.readTree(outcome.runDir().resolve("origin.json").toFile());
        assertEquals("tiny", origin.path("experiment").asText());
        // seed=5 changes the file's seed 3; batchSize=16 repeats the file's value: no change.
        assertEquals(List.of("seed=5"), Trainer.JSON.convertValue(origin.path("overrides"), List.class));
        assertTrue(outcome.summary().trainSeconds() > 0 && outcome.summary().trainSeconds() < outcome.summary().wallSeconds());
        assertTrue(outcome.summary().startupSeconds() > 0);
    }

    private String onlyRun() {
        try (var runs = Files.list(dir.resolve("runs"))) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow().getFileName().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTinyRunLearnsAndWritesEveryOutput() throws Exception {
        Trainer.Outcome outcome = Trainer.run(experiment(), options());
        Summary s = outcome.summary();
        assertEquals("completed", s.status());
        assertEquals(3, s.epochs());
        List<Metrics.Epoch> epochs = readEpochs(outcome.runDir());
        assertTrue(epochs.get(2).trainLoss() < epochs.get(0).trainLoss(), "loss goes down: " + epochs);
        assertTrue(s.testAccuracy() > s.untrainedTestAccuracy() + 0.2, "learned something: " + s);
        for (String f : List.of("config.yaml", "environment.json", "metrics.csv", "metrics.json", "iterations.csv",
                "predictions.csv", "misclassified.csv", "test-report.txt", "test-metrics.json", "report.html", "best.zip", "last.zip", "summary.json",
                "state.json", "model-summary.txt", "run.log", "checkpoint-epoch-3.zip", "data-summary.json",
                "data-samples.png", "misclassified.png", "test-samples.png")) {
            assertTrue(Files.isRegularFile(outcome.runDir().resolve(f)), "missing " + f);
        }
        try (var files = Files.list(outcome.runDir())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
        JsonNode summary = Trainer.JSON.readTree(outcome.runDir().resolve("summary.json").toFile());
        for (String field : List.of("experiment", "model", "params", "epochs", "testAccuracy", "bestValAccuracy",
                "trainSamplesPerSecond", "wallSeconds", "backend", "gitCommit", "dl4jVersion", "seed")) {
            assertTrue(summary.has(field), "summary.json lacks " + field);
        }
        List<String> predictions = Files.readAllLines(outcome.runDir().resolve("predictions.csv"));
        assertEquals(101, predictions.size());
        assertTestOutputsAgree(outcome.runDir(), predictions, s);
        String report = lab.mnist.report.RunReport.render(outcome.runDir());
        assertFalse(report.contains("id=\"missing\""), "the report of a complete run marks nothing missing");
        assertTrue(summary.path("bestValAccuracy").isNumber(), "with a validation split: a number");
        JsonNode provenance = Trainer.JSON.readTree(
                lab.mnist.runtime.ModelFiles.load(outcome.runDir().resolve("last.zip"), false).provenanceJson());
        assertEquals(3, provenance.path("epoch").asInt());
        assertEquals("tiny", provenance.path("experiment").asText());
        assertTrue(provenance.path("config").asText().contains("batchSize: 16"));
    }

    @Test
    void sameConfigAndSeedGiveTheSameNumbers() throws Exception {
        List<Metrics.Epoch> a = readEpochs(Trainer.run(experiment("train.epochs=2"), options()).runDir());
        List<Metrics.Epoch> b = readEpochs(Trainer.run(experiment("train.epochs=2"), options()).runDir());
        assertEquals(losses(a), losses(b));
        List<Metrics.Epoch> c = readEpochs(Trainer.run(experiment("train.epochs=2", "seed=4"), options()).runDir());
        assertTrue(!losses(a).equals(losses(c)), "another seed, other numbers");
    }

    @Test
    void aKilledRunResumesToTheSameResult() throws Exception {
        Trainer.Outcome whole = Trainer.run(experiment("model.dropout=0.1", "augmentation.enabled=true"), options());
        Trainer.Outcome killed = Trainer.run(experiment("model.dropout=0.1", "augmentation.enabled=true"),
                options().stoppingAfter(1));
        assertNull(killed.summary(), "stopped like a killed process, before the end");
        assertTrue(Files.exists(killed.runDir().resolve("checkpoint-epoch-1.zip")));
        Trainer.Outcome resumed = Trainer.resume(killed.runDir(), options());
        assertEquals(losses(readEpochs(whole.runDir())), losses(readEpochs(resumed.runDir())));
        assertEquals(whole.summary().testAccuracy(), resumed.summary().testAccuracy());
        assertEquals(3, resumed.summary().epochs());
    }

    /**
     * A process killed after an epoch's checkpoint but before its stop decision took effect (here: a
     * hook that dies) resumes to the same decision, instead of training the epochs the undisturbed
     * run never trained.
     */
    @Test
    void aStopDecidedAfterTheLastCheckpointHoldsOnResume() throws Exception {
        Trainer.EpochHook prune = (epoch, history) -> new Trainer.Stop("pruned", "below the median");
        Trainer.Outcome undisturbed = Trainer.run(experiment(), options().withEpochHook(prune));
        assertEquals("pruned", undisturbed.summary().status());
        assertEquals(1, undisturbed.summary().epochs());

        Trainer.EpochHook dies = (epoch, history) -> {
            throw new IllegalStateException("killed while deciding");
        };
        assertThrows(IllegalStateException.class, () -> Trainer.run(experiment(), options().withEpochHook(dies)));
        Path killed;
        try (var runs = Files.list(dir.resolve("runs"))) {
            killed = runs.filter(r -> Files.isDirectory(r) && !Files.exists(r.resolve("summary.json"))).findFirst()
                    .orElseThrow();
        }
        Trainer.Outcome resumed = Trainer.resume(killed, options().withEpochHook(prune));
        assertEquals("pruned", resumed.summary().status());
        assertEquals(1, resumed.summary().epochs(), "no epoch trained after the decision");
        assertEquals(losses(readEpochs(undisturbed.runDir())), losses(readEpochs(resumed.runDir())));
    }

    /** Without a validation split there is no validation figure: null in JSON, and still NaN after a resume. */
    @Test
    void absentNumbersAreNullInJsonAndSurviveAResume() throws Exception {
        Trainer.Outcome whole = Trainer.run(experiment("data.validationFraction=0", "train.epochs=2"), options());
        Trainer.Outcome killed = Trainer.run(experiment("data.validationFraction=0", "train.epochs=2"),
                options().stoppingAfter(1));
        Trainer.Outcome resumed = Trainer.resume(killed.runDir(), options());
        for (Trainer.Outcome o : List.of(whole, resumed)) {
            JsonNode summary = Trainer.JSON.readTree(o.runDir().resolve("summary.json").toFile());
            assertTrue(summary.path("bestValAccuracy").isNull(), "summary.json: " + summary.path("bestValAccuracy"));
            assertTrue(summary.path("testAccuracy").isNumber());
            for (JsonNode epoch : Trainer.JSON.readTree(o.runDir().resolve("metrics.json").toFile())) {
                assertTrue(epoch.path("valAccuracy").isNull() && epoch.path("valLoss").isNull(), epoch.toString());
            }
        }
        assertEquals(Files.readString(whole.runDir().resolve("metrics.json")).replaceAll("\"(seconds|samplesPerSecond)\" : [0-9.E-]+", ""),
                Files.readString(resumed.runDir().resolve("metrics.json")).replaceAll("\"(seconds|samplesPerSecond)\" : [0-9.E-]+", ""));
        assertTrue(Double.isNaN(readEpochs(resumed.runDir()).get(0).valAccuracy()), "read back as NaN");
    }

    @Test
    void splitBatchesRepeatResumeAndStayCloseToWholeOnes() throws Exception {
        // Dropout draws on every slice's thread: the same seed must still give the same numbers, resumed too.
        String[] split = {"train.splitBatch=2", "model.dropout=0.1"};
        Trainer.Outcome a = Trainer.run(experiment(split), options());
        Trainer.Outcome b = Trainer.run(experiment(split), options());
        assertEquals(losses(readEpochs(a.runDir())), losses(readEpochs(b.runDir())));
        Trainer.Outcome killed = Trainer.run(experiment(split), options().stoppingAfter(1));
        Trainer.Outcome resumed = Trainer.resume(killed.runDir(), options());
        assertEquals(losses(readEpochs(a.runDir())), losses(readEpochs(resumed.runDir())));

        // Without dropout a split step is the whole batch's step, up to float rounding.
        List<Metrics.Epoch> whole = readEpochs(Trainer.run(experiment(), options()).runDir());
        List<Metrics.Epoch> halves = readEpochs(Trainer.run(experiment("train.splitBatch=2"), options()).runDir());
        for (int i = 0; i < whole.size(); i++) {
            double w = whole.get(i).trainLoss();
            double h = halves.get(i).trainLoss();
            assertTrue(Math.abs(w - h) <= 1e-4 * Math.abs(w), "epoch " + (i + 1) + ": whole " + w + ", split " + h);
        }
    }

    @Test
    void aSplitOfABatchNormModelIsRefusedBeforeTheRunFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("bn.yaml"), """
                name: bn
                model: {name: vgg-bn}
                train: {epochs: 1, batchSize: 16, splitBatch: 2}
                output: {dir: %s}
                """.formatted(dir.resolve("runs")));
        var e = assertThrows(lab.mnist.train.config.ConfigException.class,
                () -> Trainer.run(ExperimentLoader.load(file, List.of()), options()));
        assertEquals("train.splitBatch", e.key());
        assertTrue(e.getMessage().startsWith(file + ": train.splitBatch: must be 1 for model vgg-bn"), e.getMessage());
        assertTrue(e.getMessage().contains("batch normalisation"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("runs")), "no run folder");
    }

    @Test
    void divergenceStopsTheRunAndKeepsMetrics() throws Exception {
        Trainer.Outcome outcome = Trainer.run(experiment("train.maxLoss=0.5"), options());
        assertTrue(outcome.diverged());
        assertNotNull(outcome.summary());
        assertTrue(Files.exists(outcome.runDir().resolve("summary.json")));
        assertTrue(Files.readString(outcome.runDir().resolve("run.log")).contains("training diverged at epoch 1"));
    }

    @Test
    void earlyStoppingStopsWhenValidationStallsAndTestsTheBestEpoch() throws Exception {
        Trainer.Outcome outcome = Trainer.run(experiment("train.epochs=30", "train.patience=1", "optimizer.lr=0.05"),
                options());
        Summary s = outcome.summary();
        assertEquals("early-stopped", s.status());
        assertTrue(s.epochs() < 30);
        assertEquals(s.bestEpoch() + 1, s.epochs());
    }

    @Test
    void monitorLastTestsTheFinalEpochsModel() throws Exception {
        Trainer.Outcome outcome = Trainer.run(experiment("train.monitor=last"), options());
        Summary s = outcome.summary();
        assertEquals(3, s.epochs());
        assertEquals(3, s.bestEpoch(), "the last epoch is the kept one");
        Ensemble.Result last = Ensemble.evaluate(List.of(outcome.runDir().resolve("last.zip")), DATA);
        assertEquals(s.testAccuracy(), last.accuracy(), 1e-9, "the tested model is the last epoch's");
    }

    @Test
    void anEnsembleOfARunWithItselfScoresLikeTheRunAndMixesNormalisations() throws Exception {
        Trainer.Outcome a = Trainer.run(experiment("train.epochs=1"), options());
        Trainer.Outcome b = Trainer.run(experiment("train.epochs=1", "data.normalization=standardize", "seed=5"), options());
        Ensemble.Result self = Ensemble.evaluate(List.of(a.runDir(), a.runDir()), DATA);
        assertEquals(a.summary().testAccuracy(), self.accuracy(), 1e-9);
        Ensemble.Result mixed = Ensemble.evaluate(List.of(a.runDir(), b.runDir()), DATA);
        assertEquals(b.summary().testAccuracy(), mixed.memberAccuracies().get(1), 1e-9,
                "each member is evaluated through its own normaliser");
    }

    @Test
    void testTimeShiftsAverageEachModelOverFiveViewsAndKeepThePlainFigures() throws Exception {
        Trainer.Outcome a = Trainer.run(experiment("train.epochs=1"), options());
        Trainer.Outcome b = Trainer.run(experiment("train.epochs=1", "data.normalization=standardize", "seed=5"), options());
        Ensemble.Result r = Ensemble.evaluate(List.of(a.runDir(), b.runDir()), DATA, true);
        assertEquals(List.of(a.summary().testAccuracy(), b.summary().testAccuracy()), r.plain().memberAccuracies(),
                "the plain view is each run's own test");
        assertNull(Ensemble.evaluate(List.of(a.runDir()), DATA).shifted(), "no shifts unless asked for");

        // The same averages, computed view by view from the model files, each through its own normaliser.
        DataSet rawTest = MnistDataSets.readAll(DATA.testImages(), DATA.testLabels(), DATA.numClasses());
        INDArray ensembleSum = null;
        for (int m = 0; m < 2; m++) {
            ModelFiles.Loaded model = ModelFiles.load((m == 0 ? a : b).runDir().resolve("best.zip"), false);
            INDArray sum = null;
            for (int[] d : TestTimeShifts.VIEWS) {
                DataSet view = new DataSet(TestTimeShifts.shift(rawTest.getFeatures(), d[0], d[1]), rawTest.getLabels());
                model.normalizer().transform(view);
                INDArray p = Evaluator.evaluate(model.graph(), view, 1000).probabilities();
                sum = sum == null ? p : sum.add(p);
            }
            assertEquals(accuracy(rawTest, sum), r.shifted().memberAccuracies().get(m), 1e-9, "member " + m);
            ensembleSum = ensembleSum == null ? sum : ensembleSum.add(sum);
        }
        assertEquals(accuracy(rawTest, ensembleSum), r.shifted().accuracy(), 1e-9);
        JsonNode json = Trainer.JSON.valueToTree(Ensemble.json(r));
        assertEquals(5, json.path("testTimeShifts").path("views").size());
        assertTrue(json.path("environment").has("gitCommit"), "the result says what produced it");
    }

    @Test
    void anEnsembleWithAMissingRunFailsBeforeReadingTheData() throws Exception {
        Trainer.Outcome a = Trainer.run(experiment("train.epochs=1"), options());
        Path missing = dir.resolve("no-such-run");
        // MNIST is nowhere to be found here, so only a check made before reading it names the run.
        SourceOptions nowhere = SourceOptions.defaults().withDirectory(dir.resolve("no-mnist"))
                .withCacheRoot(dir.resolve("no-cache")).withMirrors(List.of()).withNpmPackage(null);
        var e = assertThrows(ModelFileException.class,
                () -> Ensemble.evaluate(List.of(a.runDir(), missing), nowhere, true));
        assertTrue(e.getMessage().startsWith(missing + ": no best.zip"), e.getMessage());
    }

    private static double accuracy(DataSet data, INDArray probabilities) {
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(data.getLabels(), probabilities);
        return evaluation.accuracy();
    }

    private static List<Metrics.Epoch> readEpochs(Path runDir) throws Exception {
        return List.of(Trainer.JSON.readValue(runDir.resolve("metrics.json").toFile(), Metrics.Epoch[].class));
    }

    private static List<Double> losses(List<Metrics.Epoch> epochs) {
        return epochs.stream().flatMap(e -> java.util.stream.Stream.of(e.trainLoss(), e.valLoss(), e.valAccuracy())).toList();
    }

    /**
     * test-metrics.json, test-report figures and predictions.csv tell one story: the confusion
     * matrix counts the predictions, its rows the test set's classes, its diagonal the accuracy of
     * summary.json, and each class's recall and precision its row's and column's share.
     */
    private static void assertTestOutputsAgree(Path runDir, List<String> predictions, Summary s) throws Exception {
        int[][] counted = new int[10][10];
        for (String line : predictions.subList(1, predictions.size())) {
            String[] f = line.split(",");
            counted[Integer.parseInt(f[1])][Integer.parseInt(f[2])]++;
        }
        JsonNode metrics = Trainer.JSON.readTree(runDir.resolve("test-metrics.json").toFile());
        int right = 0;
        for (int actual = 0; actual < 10; actual++) {
            int row = 0;
            int column = 0;
            for (int predicted = 0; predicted < 10; predicted++) {
                assertEquals(counted[actual][predicted], metrics.path("confusion").get(actual).get(predicted).asInt(),
                        "confusion[" + actual + "][" + predicted + "]");
                row += counted[actual][predicted];
                column += counted[predicted][actual];
            }
            right += counted[actual][actual];
            JsonNode perClass = metrics.path("perClass").get(actual);
            assertEquals(row, perClass.path("support").asInt(), "class " + actual + " support");
            if (row > 0) {
                assertEquals((double) counted[actual][actual] / row, perClass.path("recall").asDouble(), 1e-12);
            }
            if (column > 0) {
                assertEquals((double) counted[actual][actual] / column, perClass.path("precision").asDouble(), 1e-12);
            }
        }
        assertEquals(right / 100.0, s.testAccuracy(), 1e-12, "summary.json's test accuracy is the diagonal's share");
        assertEquals(right / 100.0, metrics.path("accuracy").asDouble(), 1e-12);
        assertEquals(100 - right, metrics.path("errors").asInt());
    }
}
