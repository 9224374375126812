package lab.mnist.train.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.CrashPoint;
import lab.mnist.train.TrainCli;
import lab.mnist.train.Trainer;

/**
 * A real study on MNIST (3 seeds, 6,000 training digits, 2 epochs), then the same study killed
 * mid-way through its second seed and resumed: the finished seed is kept as it was, the killed one
 * continues from its checkpoint, and every seed ends with the undisturbed study's test accuracy,
 * bit for bit. Then {@code compare} of two of its runs, with the picture of their disagreements.
 */
@Tag("integration")
class StudyIntegrationTest {
    // lr 0.01: at the seed file's 0.001 a few hundred steps leave LeNet-5 near chance.
    private static final List<String> STUDY = List.of("--seeds", "1..3", "data.trainLimit=6000", "train.epochs=2",
            "optimizer.lr=0.01");

    @TempDir
    Path dir;

    @Test
    void aStudyWritesItsStatisticsAndAKilledOneResumesToTheSameResults() throws Exception {
        Path reference = study(dir.resolve("reference"));
        JsonNode s = Trainer.JSON.readTree(reference.resolve("study.json").toFile());
        assertEquals(3, s.path("seeds").size());
        assertEquals(3, s.path("counted").asInt());
        double[] accuracies = new double[3];
        for (int i = 0; i < 3; i++) {
            JsonNode seed = s.path("seeds").get(i);
            assertEquals(i + 1, seed.path("seed").asInt());
            assertEquals("completed", seed.path("status").asText());
            accuracies[i] = seed.path("testAccuracy").asDouble();
            assertTrue(accuracies[i] > 0.8, "trained: " + accuracies[i]);
            assertTrue(seed.path("wallSeconds").asDouble() > 0);
            JsonNode run = Trainer.JSON.readTree(reference.resolve(seed.path("runDir").asText()).resolve("summary.json").toFile());
            assertEquals(i + 1, run.path("seed").asInt(), "each run has its own seed");
            double train = run.path("trainSeconds").asDouble();
            assertTrue(train > 0 && train < run.path("wallSeconds").asDouble(), "training is part of the run: " + train);
            assertTrue(run.path("startupSeconds").asDouble() > 0, "time to the first batch");
        }
        JsonNode test = s.path("testAccuracy");
        assertEquals((accuracies[0] + accuracies[1] + accuracies[2]) / 3, test.path("mean").asDouble(), 1e-12);
        assertTrue(test.path("sd").asDouble() > 0, "different seeds, different models");
        assertTrue(test.path("low").asDouble() < test.path("mean").asDouble()
                && test.path("mean").asDouble() < test.path("high").asDouble());
        assertEquals(Math.min(accuracies[0], Math.min(accuracies[1], accuracies[2])), test.path("min").asDouble(), 0.0);
        assertEquals(10_000, s.path("testSet").path("examples").asInt());
        for (String field : List.of("gitCommit", "dl4jVersion", "backend", "experiment")) {
            assertTrue(s.path(field).isTextual(), field);
        }
        assertTrue(s.path("wallSeconds").path("mean").asDouble() > 0);
        assertEquals(3, s.path("trainSeconds").path("n").asInt(), "every seed's training time");
        assertTrue(Files.readString(reference.resolve("report.html")).contains("stripChart"));

        // Killed at the 4th state.json write: seed 1 wrote two, seed 2 one; the 4th is seed 2's second epoch.
        Path out = dir.resolve("crashed");
        Process p = start(out, "-D" + CrashPoint.PROPERTY + "=state:4");
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(CrashPoint.HALT_STATUS, p.exitValue(), "halted as kill -9 would");
        Path crashed = only(out.resolve("studies"));
        byte[] seedOneBefore = Files.readAllBytes(crashed.resolve("runs/seed-001/summary.json"));
        assertTrue(Files.isRegularFile(crashed.resolve("runs/seed-002/state.json")), "seed 2 has a checkpoint");

        assertEquals(0, TrainCli.run("study", "resume=" + crashed));
        assertArrayEquals(seedOneBefore, Files.readAllBytes(crashed.resolve("runs/seed-001/summary.json")), "kept");
        assertTrue(Files.readString(crashed.resolve("runs/seed-002/run.log")).contains("(resumed after epoch 1)"),
                "seed 2 resumed from its checkpoint, not from scratch");
        JsonNode r = Trainer.JSON.readTree(crashed.resolve("study.json").toFile());
        for (int i = 0; i < 3; i++) {
            assertEquals(accuracies[i], r.path("seeds").get(i).path("testAccuracy").asDouble(), 0.0, "seed " + (i + 1));
        }

        // compare two runs of the study: b, c, a p-value, an interval, and the digits they disagree on.
        Path comparisons = dir.resolve("comparisons");
        assertEquals(0, TrainCli.run("compare", reference.resolve("runs/seed-001").toString(),
                reference.resolve("runs/seed-002").toString(), "--out", comparisons.toString()));
        Path cmp = only(comparisons);
        JsonNode c = Trainer.JSON.readTree(cmp.resolve("compare.json").toFile());
        assertEquals(Math.round((accuracies[0] - accuracies[1]) * 10_000),
                c.path("mcNemar").path("b").asInt() - c.path("mcNemar").path("c").asInt(), "b - c is the accuracy gap");
        assertTrue(Files.size(cmp.resolve("disagreements.png")) > 1000, "the disagreements drawn");
    }

    private Path study(Path output) throws Exception {
        List<String> args = new ArrayList<>(List.of("study", experiment().toString()));
        args.addAll(STUDY);
        args.add("output.dir=" + output);
        assertEquals(0, TrainCli.run(args.toArray(String[]::new)));
        return only(output.resolve("studies"));
    }

    private static Path experiment() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("experiments")) ? here : here.getParent();
        return root.resolve("experiments/seed-004-lenet5.yaml");
    }

    private static Path only(Path parent) throws Exception {
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    /** The same study in a JVM of its own, which the crash point halts. */
    private static Process start(Path output, String property) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", property, "-cp",
                System.getProperty("java.class.path"), TrainCli.class.getName(), "study", experiment().toString()));
        command.addAll(STUDY);
        command.add("output.dir=" + output);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
