package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.CliFixtures;

/** The sweep command line: bad input is one line on stderr and exit code 2, and nothing is written. */
class TuneCliTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CliFixtures.Outcome r = CliFixtures.capturingStderr(() -> TuneCli.run(args));
        return new String[] {Integer.toString(r.code()), r.stderr()};
    }

    @Test
    void noSweepFileIsAnError() {
        String[] r = run("budget.trials=2");
        assertEquals("2", r[0]);
        assertEquals("error: no sweep file given; see experiments/sweeps/\n", r[1]);
    }

    @Test
    void anEmptySweepFileIsAnErrorAndWritesNothing() throws Exception {
        Path empty = Files.writeString(dir.resolve("sweep.yaml"), "# nothing yet\n");
        String[] r = run(empty.toString(), "output.dir=" + dir.resolve("runs"));
        assertEquals("2", r[0]);
        assertEquals("error: " + empty + ": the file is empty (or only comments)\n", r[1]);
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    /** A base whose data.dir lacks MNIST: one line, exit 2, before any sweep folder exists. */
    @Test
    void aSweepOverDataThatIsNotThereWritesNothing() throws Exception {
        Path noMnist = Files.createDirectory(dir.resolve("no-mnist"));
        Files.writeString(dir.resolve("base.yaml"), "name: base\nmodel: {name: mlp}\ndata: {dir: " + noMnist
                + ", validationFraction: 0.1}\n");
        Path sweep = Files.writeString(dir.resolve("sweep.yaml"), """
                name: s
                base: base.yaml
                space:
                  optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}
                budget: {trials: 2}
                """);
        String[] r = run(sweep.toString(), "output.dir=" + dir.resolve("runs"));
        assertEquals("2", r[0]);
        assertEquals("error: cannot obtain train-images-idx3-ubyte from directory " + noMnist + ": no "
                + "train-images-idx3-ubyte[.gz] in " + noMnist + "\n", r[1]);
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    @Test
    void resumingAFolderThatIsNoSweepIsAnError() throws Exception {
        Path notASweep = Files.createDirectory(dir.resolve("x"));
        String[] r = run("resume=" + notASweep);
        assertEquals("2", r[0]);
        assertEquals("error: " + notASweep + ": not a sweep folder (no sweep.yaml and base.yaml)\n", r[1]);
    }
}
