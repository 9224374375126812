package lab.mnist.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            name: t1
            seed: 5
            model:
              name: lenet5
              dropout: 0.2
            optimizer:
              type: sgd
              lr: 0.01
              momentum: 0.9
            train:
              epochs: 4
              batchSize: 32
            """;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("exp.yaml"), yaml);
    }

    private ConfigException fails(String yaml, String... overrides) throws Exception {
        Path file = write(yaml);
        return assertThrows(ConfigException.class, () -> ExperimentLoader.load(file, List.of(overrides)));
    }

    @Test
    void validFileBindsWithDefaultsFilledIn() throws Exception {
        Experiment x = ExperimentLoader.load(write(VALID), List.of()).experiment();
        assertEquals("t1", x.name());
        assertEquals(5L, x.seed());
        assertEquals(0.2, x.model().dropout());
        assertEquals(4, x.train().epochs());
        assertEquals("unit", x.data().normalization());
        assertFalse(x.augmentation().enabled());
    }

    @Test
    void overridesInHydraStyle() throws Exception {
        Experiment x = ExperimentLoader.load(write(VALID), List.of("train.epochs=3", "optimizer.lr=0.05",
                "model.widths=[8, 16, 120, 84]", "augmentation.enabled=true")).experiment();
        assertEquals(3, x.train().epochs());
        assertEquals(0.05, x.optimizer().lr());
        assertEquals(List.of(8, 16, 120, 84), x.model().widths());
        assertTrue(x.augmentation().enabled());
    }

    @Test
    void mirrorsAndDataFolderBecomeSources() throws Exception {
        Experiment x = ExperimentLoader.load(write(VALID), List.of("data.dir=/data/mnist",
                "data.mirrors=[\"https://example.org/mnist/\"]")).experiment();
        lab.mnist.data.fetch.SourceOptions s = x.data().sources(lab.mnist.data.fetch.SourceOptions.defaults(java.util.Map.of()));
        assertEquals(java.nio.file.Path.of("/data/mnist"), s.directory());
        assertEquals(List.of(java.net.URI.create("https://example.org/mnist/")), s.mirrors());
        assertEquals("data.mirrors[0]", fails(VALID, "data.mirrors=[ftp://x]").key());
    }

    @Test
    void resolvedYamlRoundTrips() throws Exception {
        ExperimentLoader.Loaded loaded = ExperimentLoader.load(write(VALID), List.of("train.epochs=2"));
        Experiment again = ExperimentLoader.fromYaml(loaded.resolvedYaml(), Experiment.class);
        assertEquals(loaded.experiment(), again);
    }

    @Test
    void typoNamesFileLineAndNearestKey() throws Exception {
        ConfigException e = fails(VALID.replace("  batchSize: 32", "  batchsize: 32"));
        assertEquals(dir.resolve("exp.yaml") + ":12: train.batchsize: unknown key, did you mean 'train.batchSize'?",
                e.getMessage());
    }

    @Test
    void unknownKeyWithoutNearListsValidKeys() throws Exception {
        ConfigException e = fails(VALID + "xyzzy:\n  x: 1\n");
        assertTrue(e.getMessage().contains(":13: xyzzy: unknown key; valid keys here: "), e.getMessage());
        assertTrue(e.getMessage().contains("augmentation"), e.getMessage());
    }

    @Test
    void wrongTypeNamesKeyAndExpectation() throws Exception {
        ConfigException e = fails(VALID.replace("epochs: 4", "epochs: four"));
        assertTrue(e.getMessage().endsWith(":11: train.epochs: expected a whole number, got \"four\""), e.getMessage());
        ConfigException quoted = fails(VALID.replace("epochs: 4", "epochs: \"4\""));
        assertEquals("train.epochs", quoted.key());
        ConfigException fraction = fails(VALID.replace("epochs: 4", "epochs: 2.5"));
        assertEquals("train.epochs", fraction.key());
    }

    @Test
    void impossibleValuesNameTheirKey() throws Exception {
        assertEquals("model.dropout", fails(VALID.replace("dropout: 0.2", "dropout: 1.5")).key());
        assertTrue(fails(VALID.replace("dropout: 0.2", "dropout: 1.5")).getMessage().contains(":5: model.dropout: "));
        assertEquals("train.epochs", fails(VALID.replace("epochs: 4", "epochs: 0")).key());
        assertEquals("optimizer.type", fails(VALID.replace("type: sgd", "type: adamax")).key());
        assertEquals("model.name", fails(VALID.replace("name: lenet5", "name: lenet6")).key());
        assertEquals("data.validationFraction", fails(VALID + "data:\n  validationFraction: 1.0\n").key());
        assertEquals("train.monitor", fails(VALID, "train.monitor=best").key());
        assertEquals("train.patience", fails(VALID, "train.monitor=last", "train.patience=2").key());
        assertEquals("train.kernelThreads", fails(VALID, "train.kernelThreads=-1").key());
        assertTrue(fails(VALID, "train.kernelThreads=-1").getMessage().contains("must be in 0..1024 (0 = as libnd4j), got -1"));
        assertEquals("train.splitBatch", fails(VALID, "train.splitBatch=0").key());
        ConfigException both = fails(VALID, "train.splitBatch=2", "train.kernelThreads=2");
        assertEquals("train.kernelThreads", both.key());
        assertTrue(both.getMessage().contains("must be 0 or 1 with train.splitBatch 2"), both.getMessage());
    }

    @Test
    void badOverrideSaysItCameFromTheCommandLine() throws Exception {
        ConfigException e = fails(VALID, "train.epochs=-1");
        assertTrue(e.getMessage().startsWith(dir.resolve("exp.yaml") + " (command-line override): train.epochs:"),
                e.getMessage());
        ConfigException typo = fails(VALID, "train.epocs=2");
        assertTrue(typo.getMessage().contains("did you mean 'train.epochs'?"), typo.getMessage());
        ConfigException shape = fails(VALID, "train.epochs");
        assertTrue(shape.getMessage().contains("unexpected") || shape.getMessage().contains("key=value"), shape.getMessage());
    }

    @Test
    void syntaxErrorAndMissingFile() throws Exception {
        ConfigException e = fails("name: x\ntrain:\n  epochs: [1\n");
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ExperimentLoader.load(dir.resolve("nope.yaml"), List.of()));
        assertEquals(dir.resolve("nope.yaml") + ": no such experiment file", missing.getMessage());
    }

    @Test
    void nearestKeyNeedsToBeClose() {
        assertEquals("epochs", ExperimentLoader.nearest("epoch", List.of("epochs", "batchSize")));
        assertEquals(null, ExperimentLoader.nearest("learningRate", List.of("epochs", "batchSize")));
    }
}
