package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.CliFixtures;
import picocli.CommandLine;

class TrainCliTest {
    @Test
    void everySubcommandPrintsItsUsageAndTheVersions() {
        CliFixtures.assertEverySubcommandHelps(TrainCli::new);
    }

    /** A bad bench option is one line on stderr and exit code 2, before any data is loaded. */
    @Test
    void benchRejectsCountsBelowTheirLeast() {
        for (String[] args : new String[][] {{"--samples", "0"}, {"--repeats", "0"}, {"--warmup", "-1"},
                {"--threads", "-1"}, {"--blas-threads", "-2"}, {"--kernel-threads", "-1"}}) {
            CliFixtures.Outcome r = CliFixtures.capturingStderr(
                    () -> TrainCli.run("bench", "--models", "lenet5", args[0], args[1]));
            String text = r.stderr();
            assertEquals(2, r.code(), String.join(" ", args));
            int least = args[0].equals("--samples") || args[0].equals("--repeats") ? 1 : 0;
            assertEquals("error: " + args[0] + " must be at least " + least + ", got "
                    + args[1] + "\n", text);
        }
    }

    /** An empty or comment-only file, and a data.dir without MNIST: one line, exit 2, no run folder. */
    @Test
    void badInputsAreOneLineAndWriteNothing(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path comments = Files.writeString(dir.resolve("comments.yaml"), "# only a comment\n\n   # and another\n");
        Path noMnist = Files.createDirectory(dir.resolve("no-mnist"));
        Path good = Files.writeString(dir.resolve("good.yaml"), "name: good\nmodel: {name: mlp}\n");
        assertOneLineError(empty + ": the file is empty (or only comments)", empty.toString(), "output.dir=" + runs);
        assertOneLineError(comments + ": the file is empty (or only comments)", comments.toString(), "output.dir=" + runs);
        assertOneLineError("cannot obtain train-images-idx3-ubyte from directory " + noMnist + ": no "
                + "train-images-idx3-ubyte[.gz] in " + noMnist, good.toString(), "data.dir=" + noMnist,
                "output.dir=" + runs);
        assertFalse(Files.exists(runs), "nothing written");
    }

    private static void assertOneLineError(String expected, String... args) {
        CliFixtures.Outcome r = CliFixtures.capturingStderr(() -> TrainCli.run(args));
        assertEquals(2, r.code(), String.join(" ", args));
        assertEquals("error: " + expected + "\n", r.stderr());
    }

    @Test
    void theTopCommandsOwnOptionsStayItsOwn() {
        CommandLine top = new CommandLine(new TrainCli());
        assertTrue(top.getCommandSpec().findOption("--quiet") != null);
        top.getSubcommands().forEach((name, sub) ->
                assertNull(sub.getCommandSpec().findOption("--quiet"), name + " took the top command's --quiet"));
    }
}
