package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.train.config.ConfigException;
import lab.mnist.tuning.config.Sweep;
import lab.mnist.tuning.config.SweepLoader;

/** Sweep files: what binds, and the one-line errors for what does not. */
class SweepLoaderTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            name: lr-batch
            base: base.yaml
            seed: 5
            overrides:
              train.epochs: 2
            space:
              optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}
              train.batchSize: {choice: [32, 64, 128]}
            budget: {trials: 4}
            pruning: {type: halving, eta: 2}
            """;

    private Path write(String sweep) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), """
                name: base
                data: {validationFraction: 0.1}
                model: {name: lenet5}
                """);
        return Files.writeString(dir.resolve("sweep.yaml"), sweep);
    }

    private ConfigException failure(String sweep, String... overrides) throws Exception {
        Path file = write(sweep);
        return assertThrows(ConfigException.class, () -> SweepLoader.load(file, List.of(overrides)));
    }

    @Test
    void aGoodSweepBindsWithDefaults() throws Exception {
        SweepLoader.Loaded loaded = SweepLoader.load(write(GOOD), List.of("budget.trials=6"));
        Sweep s = loaded.sweep();
        assertEquals("lr-batch", s.name());
        assertEquals(6, s.budget().trials());
        assertEquals(List.of("optimizer.lr", "train.batchSize"), List.copyOf(s.space().keySet()));
        assertEquals("random", s.generator().type());
        assertEquals("valAccuracy", s.objective().metric());
        assertEquals(2, s.pruning().eta());
        assertEquals(dir.resolve("base.yaml").normalize(), loaded.baseFile());
    }

    @Test
    void anUnknownExecutorOrGeneratorIsOneErrorNamingTheChoices() throws Exception {
        assertTrue(failure(GOOD, "executor=ray").getMessage().contains("executor: expected one of in-process, spark, got 'ray'"));
        assertTrue(failure(GOOD, "generator.type=bayes").getMessage()
                .contains("generator.type: expected random, grid or tpe, got 'bayes'"));
    }

    /** Spark lives in the mnist-spark module: asked for without it, the sweep says where to run it from. */
    @Test
    void aSparkSweepWithoutTheSparkModuleSaysWhereToRunIt() throws Exception {
        SweepLoader.Loaded loaded = SweepLoader.load(write(GOOD), List.of("executor=spark", "output.dir=" + dir.resolve("out")));
        ConfigException e = assertThrows(ConfigException.class, () -> SweepRunner.run(loaded,
                new lab.mnist.train.Trainer.Options(true, lab.mnist.data.fetch.SourceOptions.defaults(),
                        lab.mnist.data.IdxFixtures.raw(50, 10, 1), 0)));
        assertTrue(e.getMessage().contains("executor: spark runs from the mnist-spark module")
                && e.getMessage().contains("mvn -pl mnist-spark exec:java"), e.getMessage());
    }

    @Test
    void aTypoInTheSweepsOwnKeysNamesTheNearestKey() throws Exception {
        ConfigException e = failure(GOOD.replace("budget:", "budjet:"));
        assertTrue(e.getMessage().matches(".*sweep.yaml:9: budjet: unknown key, did you mean 'budget'\\?.*"), e.getMessage());
    }

    @Test
    void aSearchedKeyThatIsNoExperimentKeyIsReportedAtItsLine() throws Exception {
        ConfigException e = failure(GOOD.replace("optimizer.lr:", "optimizer.lrr:"));
        assertTrue(e.getMessage().startsWith(dir.resolve("sweep.yaml") + ":7: space.optimizer.lrr: not usable as an "
                + "experiment key"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'optimizer.lr'"), e.getMessage());
    }

    @Test
    void aValueTheExperimentRejectsIsReportedAtItsLine() throws Exception {
        ConfigException e = failure(GOOD.replace("train.epochs: 2", "train.epochs: many"));
        assertTrue(e.getMessage().contains("sweep.yaml:5: overrides.train.epochs"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a whole number"), e.getMessage());
    }

    @Test
    void eachDimensionHasExactlyOneValidForm() throws Exception {
        assertTrue(failure(GOOD.replace("{logUniform: [1.0e-4, 1.0e-1]}", "{logUniform: [0, 1.0e-1]}"))
                .getMessage().contains("space.optimizer.lr.logUniform: expected [low, high] with 0 < low < high"));
        assertTrue(failure(GOOD.replace("{logUniform: [1.0e-4, 1.0e-1]}", "{uniform: [0.1, 0.2], choice: [1]}"))
                .getMessage().contains("space.optimizer.lr: expected exactly one of choice, uniform, logUniform, intRange, got 2"));
        assertTrue(failure(GOOD.replace("{choice: [32, 64, 128]}", "{choice: []}"))
                .getMessage().contains("space.train.batchSize.choice: must list at least one value"));
    }

    @Test
    void validationObjectivesNeedAValidationSplit() throws Exception {
        ConfigException e = failure(GOOD.replace("train.epochs: 2", "data.validationFraction: 0.0"));
        assertTrue(e.getMessage().contains("objective.metric: valAccuracy needs a validation split"), e.getMessage());
    }

    @Test
    void aMissingBaseFileIsNamed() throws Exception {
        ConfigException e = failure(GOOD.replace("base: base.yaml", "base: nowhere.yaml"));
        assertTrue(e.getMessage().contains("base: no such experiment file"), e.getMessage());
        assertTrue(e.getMessage().contains("nowhere.yaml"), e.getMessage());
    }
}
