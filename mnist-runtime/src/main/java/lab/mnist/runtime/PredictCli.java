package lab.mnist.runtime;

import lab.mnist.data.MnistDataException;
import lab.mnist.data.ProjectVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mvn -pl mnist-runtime exec:java -Dexec.args="predict runs/<run>/best.zip digit.png"}:
 * inference on a saved model with this module alone on the class path.
 */
@Command(name = "mnist-runtime", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        scope = CommandLine.ScopeType.INHERIT, description = "Inference on saved models.",
        subcommands = {PredictCommand.class})
public final class PredictCli {
    private PredictCli() {
    }

    public static void main(String[] args) {
        NativeSetup.beforeNd4j(); // first: JavaCPP reads its settings once
        System.exit(run(args));
    }

    /** Runs the command line; a bad input is one line on stderr and exit code 2. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new PredictCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof MnistDataException || e instanceof ModelFileException) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
