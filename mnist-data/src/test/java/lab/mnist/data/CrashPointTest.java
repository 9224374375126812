package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash tests' halt: at the N-th write of the named file the process ends as a killed one
 * (exit 137), the file keeps its previous content, and the write's full temporary file is left
 * for the next start to remove.
 */
class CrashPointTest {
    @TempDir
    Path dir;

    private int probe(String setting, Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + CrashPoint.PROPERTY + "=" + setting, "-cp", System.getProperty("java.class.path"),
                CrashPointProbe.class.getName(), file.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void haltsAtTheNthWriteOfTheNamedFileOnly() throws Exception {
        Path file = dir.resolve("summary.json");
        assertEquals(CrashPoint.HALT_STATUS, probe("summary:2", file));
        assertEquals("first", Files.readString(file), "the second write never replaced the file");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> left = files.filter(f -> AtomicFiles.isTemporary(f.getFileName().toString())).toList();
            assertEquals(1, left.size(), "the interrupted write's temporary file");
            assertEquals("second", Files.readString(left.get(0)));
        }
        assertEquals(1, AtomicFiles.removeLeftovers(dir));

        Path other = dir.resolve("metrics.csv");
        assertEquals(0, probe("summary:1", other), "another file's writes do not halt");
        assertEquals("third", Files.readString(other));
    }
}
