package lab.mnist.train.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.CliFixtures;
import lab.mnist.train.Summary;
import lab.mnist.train.TrainCli;
import lab.mnist.train.Trainer;
import lab.mnist.train.study.StudyRunner;

/**
 * {@code compare} on run and study folders made by hand: 200 test examples with labels i mod 10,
 * each side wrong on chosen examples, so every count and statistic below is worked out here.
 */
class CompareCliTest {
    private static final int EXAMPLES = 200;

    @TempDir
    Path dir;

    /** A run folder as mnist-train writes one, wrong on exactly the {@code wrong} examples. */
    private Path run(String name, Set<Integer> wrong, int examples) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        StringBuilder csv = new StringBuilder("index,label,predicted,confidence\n");
        for (int i = 0; i < examples; i++) {
            int label = i % 10;
            csv.append(i).append(',').append(label).append(',').append(wrong.contains(i) ? (label + 1) % 10 : label)
                    .append(",0.9\n");
        }
        Files.writeString(run.resolve("predictions.csv"), csv);
        // No MNIST where the config points: the comparison goes without its picture, and without the network.
        Files.createDirectories(dir.resolve("no-data"));
        Files.writeString(run.resolve("config.yaml"), "name: " + name + "\nseed: 1\ndata:\n  dir: "
                + dir.resolve("no-data") + "\nmodel:\n  name: lenet5\n");
        double accuracy = (examples - wrong.size()) / (double) examples;
        Trainer.JSON.writeValue(run.resolve("summary.json").toFile(), new Summary(name, "lenet5", 1, 1, accuracy,
                Double.NaN, 1, 0.1, 1, 1, 1, "cpu", "completed", 1, "abc", "1.0.0-M2.1", null, run.toString(), 1.0, 1.0));
        return run;
    }

    private static Set<Integer> range(int from, int to) {
        return Set.copyOf(java.util.stream.IntStream.range(from, to).boxed().toList());
    }

    private CliFixtures.Outcome compare(Path a, Path b) {
        return CliFixtures.capturingStderr(() -> TrainCli.run("compare", a.toString(), b.toString(), "--out",
                dir.resolve("runs/comparisons").toString()));
    }

    private JsonNode onlyComparison() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("runs/comparisons"))) {
            List<Path> all = s.toList();
            assertEquals(1, all.size());
            return Trainer.JSON.readTree(all.get(0).resolve("compare.json").toFile());
        }
    }

    @Test
    void twoRunsGetMcNemarWithBAndCAndABootstrapInterval() throws Exception {
        // A is wrong on 0..9, B on 10..39: b = 30 (A right, B wrong), c = 10.
        Path a = run("a", range(0, 10), EXAMPLES);
        Path b = run("b", range(10, 40), EXAMPLES);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        CliFixtures.Outcome r;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = compare(a, b);
        } finally {
            System.setOut(was);
        }
        assertEquals(0, r.code(), r.stderr());
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("b = 30 (A right, B wrong), c = 10 (B right, A wrong), chi-square, continuity-corrected"),
                printed);
        assertTrue(printed.contains("A - B = +10.00 points"), printed); // 190/200 - 170/200
        assertTrue(printed.contains("a is more accurate than b (95.00% against 85.00%)"), printed);
        JsonNode c = onlyComparison();
        assertEquals(30, c.path("mcNemar").path("b").asInt());
        assertEquals(10, c.path("mcNemar").path("c").asInt());
        assertEquals(361.0 / 40, c.path("mcNemar").path("statistic").asDouble(), 1e-12); // (|30 - 10| - 1)^2 / 40
        assertTrue(c.path("mcNemar").path("pValue").asDouble() < 0.01, "9.025 is past chi2(1)'s 1% point, 6.635");
        assertEquals(0.10, c.path("bootstrap").path("difference").asDouble(), 1e-15);
        assertTrue(c.path("bootstrap").path("low").asDouble() > 0, "the interval excludes no difference");
        assertEquals(40, c.path("disagreementCount").asInt());
        Path folder = Path.of(c.path("a").path("path").asText());
        assertEquals(a.toAbsolutePath().normalize(), folder);
        try (Stream<Path> s = Files.list(dir.resolve("runs/comparisons"))) {
            Path cmp = s.findFirst().orElseThrow();
            assertTrue(Files.readString(cmp.resolve("report.html")).contains("b = 30 (A right, B wrong)"));
            assertFalse(Files.exists(cmp.resolve("disagreements.png")), "no test images to draw");
        }
        assertTrue(Files.readString(dir.resolve("runs/index.html")).contains("a vs b"), "listed in the index");
    }

    @Test
    void fewDisagreementsGetTheExactBinomialTest() throws Exception {
        // A wrong on 0..1, B on 2..7: b = 6, c = 2; p = 2 * (C(8,0) + C(8,1) + C(8,2)) / 2^8 = 74 / 256.
        assertEquals(0, compare(run("a", range(0, 2), EXAMPLES), run("b", range(2, 8), EXAMPLES)).code());
        JsonNode c = onlyComparison();
        assertEquals("exact binomial", c.path("mcNemar").path("method").asText());
        assertEquals(74.0 / 256, c.path("mcNemar").path("pValue").asDouble(), 1e-12);
        assertTrue(c.path("verdict").asText().startsWith("No significant difference between a (99.00%) and b (97.00%)"));
    }

    @Test
    void aFolderThatIsNoRunIsOneLineAndExitTwo() throws Exception {
        Path a = run("a", range(0, 2), EXAMPLES);
        Path other = Files.createDirectories(dir.resolve("notes"));
        CliFixtures.Outcome r = compare(a, other);
        assertEquals(2, r.code());
        assertEquals("error: " + other + ": not a run or study folder (expected summary.json, config.yaml and "
                + "predictions.csv, or study.json)\n", r.stderr());
        assertFalse(Files.exists(dir.resolve("runs/comparisons")), "nothing written");
    }

    @Test
    void runsOnDifferentTestSetsAreRefused() throws Exception {
        CliFixtures.Outcome r = compare(run("a", range(0, 2), EXAMPLES), run("b", range(0, 2), EXAMPLES - 1));
        assertEquals(2, r.code());
        assertTrue(r.stderr().startsWith("error: not the same test set: ") && r.stderr().contains("200 examples")
                && r.stderr().contains("199 examples") && r.stderr().indexOf('\n') == r.stderr().length() - 1, r.stderr());
    }

    /** A study folder of runs wrong on 0..k-1 for each k given; summarised by the study code. */
    private Path study(String name, int... wrongCounts) throws Exception {
        Path study = Files.createDirectories(dir.resolve(name));
        Files.writeString(study.resolve("experiment.yaml"), "name: " + name + "\nmodel:\n  name: lenet5\n");
        StringBuilder seeds = new StringBuilder();
        for (int s = 1; s <= wrongCounts.length; s++) {
            Path r = run(name + "/runs/seed-00" + s, range(0, wrongCounts[s - 1]), EXAMPLES);
            seeds.append(s == 1 ? "" : ", ").append(s);
            assertTrue(Files.isDirectory(r));
        }
        Files.writeString(study.resolve("study.yaml"), "name: " + name + "\nexperiment: x.yaml\nseeds: [" + seeds
                + "]\nframework: dl4j\nexecutor: in-process\n");
        StudyRunner.summarize(study, java.util.Map.of());
        return study;
    }

    @Test
    void studiesGetTheirIntervalsAndWelchsTest() throws Exception {
        Path a = study("sa", 10, 9, 8);   // 95.0%, 95.5%, 96.0%
        Path b = study("sb", 20, 19, 18); // 90.0%, 90.5%, 91.0%
        JsonNode s = Trainer.JSON.readTree(a.resolve("study.json").toFile());
        assertEquals(3, s.path("counted").asInt());
        assertEquals(0.955, s.path("testAccuracy").path("mean").asDouble(), 1e-12);
        assertEquals(0.005, s.path("testAccuracy").path("sd").asDouble(), 1e-12);
        // t(0.975, 2 df) = 4.3027 (tables): half width 4.3027 * 0.005 / sqrt(3) = 0.012421
        assertEquals(0.955 - 0.012421, s.path("testAccuracy").path("low").asDouble(), 2e-6);
        assertEquals(0.955 + 0.012421, s.path("testAccuracy").path("high").asDouble(), 2e-6);
        assertEquals(200, s.path("testSet").path("examples").asInt());
        assertTrue(Files.isRegularFile(a.resolve("report.html")));

        assertEquals(0, compare(a.resolve("study.json"), b).code());
        JsonNode c = onlyComparison();
        assertEquals("studies", c.path("kind").asText());
        // Welch with equal n and sd: t = 0.05 / sqrt(2 * 0.005^2 / 3) = 12.247, df = 2 (n - 1) = 4.
        assertEquals(0.05, c.path("welch").path("difference").asDouble(), 1e-12);
        assertEquals(0.05 / Math.sqrt(2 * 0.000025 / 3), c.path("welch").path("t").asDouble(), 1e-9);
        assertEquals(4.0, c.path("welch").path("degreesOfFreedom").asDouble(), 1e-9);
        assertTrue(c.path("welch").path("pValue").asDouble() < 0.001, "t = 12.2 is past t(4)'s 0.05% point, 8.610");
        assertEquals(9, c.path("seedPairs").path("pairs").asInt());
        // Majority votes: A's are wrong where at least 2 of 3 seeds are (0..8), B's on 0..18: b = 10, c = 0.
        assertEquals(10, c.path("mcNemar").path("b").asInt());
        assertEquals(0, c.path("mcNemar").path("c").asInt());
        assertTrue(c.path("verdict").asText().startsWith("sa is more accurate on average than sb"), c.path("verdict").asText());
    }

    @Test
    void aRunAndAStudyAreNotCompared() throws Exception {
        Path s = study("sa", 10, 9);
        CliFixtures.Outcome r = compare(run("r", range(0, 3), EXAMPLES), s);
        assertEquals(2, r.code());
        assertTrue(r.stderr().startsWith("error: compare takes two runs or two studies;"), r.stderr());
    }
}
