package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import lab.mnist.tuning.config.SweepLoader;

/** Every sweep file the project ships loads, with every key checked against its base experiment. */
class SweepFilesTest {
    private static final Path SWEEPS = Path.of("..", "experiments", "sweeps");

    @Test
    void everyShippedSweepLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SWEEPS)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no sweep files in " + SWEEPS.toAbsolutePath());
        for (Path file : files) {
            SweepLoader.load(file, List.of()); // throws ConfigException naming the file and key
        }
    }
}
