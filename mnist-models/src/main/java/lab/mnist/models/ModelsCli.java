package lab.mnist.models;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.deeplearning4j.nn.graph.ComputationGraph;

import lab.mnist.data.ProjectVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mvn -pl mnist-models exec:java -Dexec.args="list"} and {@code ... "summary lenet5"}.
 */
// INHERIT: every subcommand takes --help and --version too.
@Command(name = "mnist-models", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "The model zoo.",
        subcommands = {ModelsCli.ListModels.class, ModelsCli.Summary.class})
public final class ModelsCli {

    @Command(name = "list", description = "List the models with their parameter counts.")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.printf(Locale.ROOT, "%-14s %12s  %s%n", "model", "params", "description");
            for (ZooModel m : ModelZoo.all()) {
                ComputationGraph graph = ModelZoo.build(m.name(), HyperParameters.defaults());
                System.out.printf(Locale.ROOT, "%-14s %,12d  %s%n", m.name(), graph.numParams(), m.description());
            }
            return 0;
        }
    }

    @Command(name = "summary", description = "Print a model's layers: name, type, output shape, parameters.")
    static final class Summary implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name (see `list`).")
        String name;

        @Override
        public Integer call() {
            ZooModel model = ModelZoo.get(name);
            System.out.println(model.name() + ": " + model.description());
            System.out.print(ModelSummary.of(model.name(), ModelZoo.build(name, HyperParameters.defaults())).toText());
            return 0;
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ModelsCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidHyperParameterException) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
