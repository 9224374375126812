package lab.mnist.tuning;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import lab.mnist.data.ProjectFiles;
import lab.mnist.tuning.config.SweepLoader;

/** Every sweep file the project ships loads, with every key checked against its base experiment. */
class SweepFilesTest {
    @Test
    void everyShippedSweepLoads() {
        for (Path file : ProjectFiles.yamlFiles(ProjectFiles.EXPERIMENTS.resolve("sweeps"))) {
            SweepLoader.load(file, List.of()); // throws ConfigException naming the file and key
        }
    }
}
