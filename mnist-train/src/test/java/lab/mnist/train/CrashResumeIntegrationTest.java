package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of {@code scripts/crash-test.sh}: a real seed-004 training process (on a subset
 * of MNIST) is killed with SIGKILL, half the times while a file is being written, and resumed, until
 * it completes; after every kill each file in the run folder is whole, and the run ends with the
 * predictions and metrics (timing aside) of an undisturbed run, with no temporary file left.
 */
@Tag("integration")
class CrashResumeIntegrationTest {
    private static final int KILLS = 4;
    private static final List<String> SETTINGS = List.of("-q", "experiments/seed-004-lenet5.yaml",
            "data.trainLimit=6000", "train.epochs=3");

    @TempDir
    Path dir;

    @Test
    void killedAndResumedRunsEndAsAnUndisturbedRun() throws Exception {
        Path reference = runToTheEnd(dir.resolve("reference"), args(dir.resolve("reference")));

        Path out = dir.resolve("crashed");
        Random random = new Random(2026);
        Process process = start(args(out));
        Path folder = null;
        int kills = 0;
        int midWrite = 0;
        while (kills < KILLS) {
            boolean atAWrite = kills % 2 == 1;
            long until = System.nanoTime() + (atAWrite ? 60_000 : 1500 + random.nextInt(6000)) * 1_000_000L;
            while (System.nanoTime() < until && process.isAlive()) {
                folder = folder != null ? folder : runFolder(out);
                if (atAWrite && folder != null && writing(folder)) {
                    break;
                }
                Thread.sleep(atAWrite ? 2 : 20);
            }
            if (!process.isAlive()) {
                break; // it finished before this kill: nothing more to break
            }
            folder = folder != null ? folder : runFolder(out);
            midWrite += folder != null && writing(folder) ? 1 : 0;
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            process.waitFor();
            kills++;
            if (folder == null || !Files.isRegularFile(folder.resolve("config.yaml"))) {
                deleteTree(out); // killed before the run folder held its config: start again
                folder = null;
                process = start(args(out));
                continue;
            }
            assertEveryFileWhole(folder);
            process = start(List.of("-q", "resume=" + folder));
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the last resume did not finish in 10 minutes");
        }
        assertEquals(0, process.exitValue(), "the last resume succeeded");
        assertTrue(kills >= 2, "killed at least twice, got " + kills);
        folder = runFolder(out);
        assertEveryFileWhole(folder);
        assertEquals(Files.readString(reference.resolve("predictions.csv")), Files.readString(folder.resolve("predictions.csv")),
                "predictions after " + kills + " kills (" + midWrite + " while writing)");
        assertEquals(withoutTiming(reference.resolve("metrics.csv")), withoutTiming(folder.resolve("metrics.csv")));
        try (Stream<Path> files = Files.list(folder)) {
            assertFalse(files.anyMatch(f -> lab.mnist.data.AtomicFiles.isTemporary(f.getFileName().toString())),
                    "no temporary file left");
        }
    }

    private static List<String> args(Path output) {
        List<String> a = new ArrayList<>(SETTINGS);
        a.add("output.dir=" + output);
        return a;
    }

    private static Path runToTheEnd(Path output, List<String> args) throws Exception {
        Process p = start(args);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "the undisturbed run");
        return runFolder(output);
    }

    /** A training JVM on this test's class path, from the project root (where experiments/ is). */
    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp", System.getProperty("java.class.path"),
                TrainCli.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(projectRoot().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("experiments")) ? here : here.getParent();
    }

    private static Path runFolder(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(output)) {
            return runs.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static boolean writing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> lab.mnist.data.AtomicFiles.isTemporary(f.getFileName().toString()));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** JSON parses, CSV rows have the header's width, zips and PNGs are complete, HTML is a whole document. */
    private static void assertEveryFileWhole(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (lab.mnist.data.AtomicFiles.isTemporary(name) || name.equals("run.log") || !Files.isRegularFile(f)) {
                    continue;
                }
                if (name.endsWith(".json")) {
                    Trainer.JSON.readTree(f.toFile());
                } else if (name.endsWith(".csv")) {
                    List<String> lines = Files.readAllLines(f);
                    int width = lines.get(0).split(",", -1).length;
                    lines.forEach(l -> assertEquals(width, l.split(",", -1).length, name + ": a ragged row"));
                } else if (name.endsWith(".zip")) {
                    try (ZipFile zip = new ZipFile(f.toFile())) {
                        assertTrue(zip.size() > 0, name);
                    }
                } else if (name.endsWith(".png")) {
                    assertTrue(ImageIO.read(f.toFile()) != null, name + ": a whole PNG");
                } else if (name.endsWith(".html")) {
                    assertTrue(Files.readString(f).strip().endsWith("</html>"), name + ": a whole page");
                }
            }
        }
    }

    private static List<String> withoutTiming(Path metricsCsv) throws IOException {
        return Files.readAllLines(metricsCsv).stream().map(l -> String.join(",", List.of(l.split(",")).subList(0, 6)))
                .toList();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
