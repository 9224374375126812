package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PyTorch study beside a time-to-accuracy bench: the newest one of the same file, and only PyTorch's. */
class TimeToAccuracyTest {
    @TempDir
    Path studies;

    private void study(String folder, String framework, String experiment) throws Exception {
        Path d = Files.createDirectories(studies.resolve(folder));
        Files.writeString(d.resolve("study.json"), "{\"study\": \"x\", \"framework\": \"" + framework
                + "\", \"experiment\": \"" + experiment + "\", \"seeds\": []}");
    }

    @Test
    void picksTheNewestPyTorchStudyOfTheSameFile() throws Exception {
        study("speedrun-99-pytorch-20261205-033707", "pytorch", "experiments/speedrun-99.yaml");
        study("speedrun-99-pytorch-20261205-041000", "pytorch", "experiments/speedrun-99.yaml");
        study("speedrun-99-20261205-050000", "dl4j", "experiments/speedrun-99.yaml");
        study("other-pytorch-20261205-060000", "pytorch", "experiments/seed-004-lenet5.yaml");
        assertEquals(studies.resolve("speedrun-99-pytorch-20261205-041000"),
                TimeToAccuracy.newestTorchStudy(studies, Path.of("experiments/./speedrun-99.yaml")).orElseThrow());
        assertTrue(TimeToAccuracy.newestTorchStudy(studies, Path.of("experiments/seed-003-mlp.yaml")).isEmpty());
        assertTrue(TimeToAccuracy.newestTorchStudy(studies.resolve("none"), Path.of("x.yaml")).isEmpty());
    }
}
