package lab.mnist.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import lab.mnist.data.MnistDataException;
import lab.mnist.data.ProjectVersion;
import lab.mnist.models.InvalidHyperParameterException;
import lab.mnist.train.Trainer;
import lab.mnist.train.runs.ShardOptions;
import lab.mnist.train.config.Arguments;
import lab.mnist.train.config.ConfigException;
import lab.mnist.tuning.config.Sweep;
import lab.mnist.tuning.config.SweepLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mvn -pl mnist-tuning exec:java -Dexec.args="experiments/sweeps/lenet5-lr-batch.yaml budget.trials=6"}
 * runs a sweep; {@code resume=<sweep folder>} continues a killed one.
 */
@Command(name = "mnist-tuning", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "Run a sweep file: mnist-tuning SWEEP.yaml [key=value ...] | resume=SWEEP_DIR")
public final class TuneCli implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "ARG", description = "A sweep file, then key=value overrides of the "
            + "sweep (budget.trials=6); or resume=SWEEP_DIR.")
    List<String> args = new ArrayList<>();

    @CommandLine.Mixin
    ShardOptions sharding = new ShardOptions();

    @Override
    public Integer call() {
        Arguments a = Arguments.parse(args, "sweep");
        Trainer.Options options = Trainer.Options.defaults();
        SweepRunner.Outcome outcome;
        if (a.resume() != null) {
            outcome = SweepRunner.resume(a.resume(), options);
        } else if (a.file() == null) {
            throw new ConfigException("", "no sweep file given; see experiments/sweeps/");
        } else if (sharding.given()) {
            outcome = SweepRunner.runShard(SweepLoader.load(a.file(), a.overrides()), sharding.folder(), sharding.shard(),
                    options);
        } else {
            outcome = SweepRunner.run(SweepLoader.load(a.file(), a.overrides()), options);
        }
        SweepSummary s = outcome.summary();
        Path parent = outcome.sweepDir().toAbsolutePath().getParent();
        Path runs = parent.getFileName().toString().equals("sweeps") ? parent.getParent() : parent;
        try {
            System.err.println("index: " + lab.mnist.report.RunsIndex.write(runs));
        } catch (RuntimeException e) {
            System.err.println("could not write the runs index: " + e);
        }
        System.out.printf(Locale.ROOT, "%s: %d trials (%d completed, %d pruned, %d stopped, %d failed) in %.0f s; "
                        + "best trial %s: %s %s with %s -> %s%n", s.sweep(), s.trials(), s.completed(), s.pruned(),
                s.stopped(), s.failed(), s.wallSeconds(), s.bestTrial() == null ? "none" : s.bestTrial(), s.objective(),
                s.bestScore() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", s.bestScore()),
                s.bestParams() == null ? "-" : Sweep.describe(s.bestParams()), outcome.sweepDir());
        return s.bestTrial() == null ? 3 : 0;
    }

    public static void main(String[] args) {
        lab.mnist.runtime.NativeSetup.beforeNd4j(); // first: JavaCPP reads its settings once
        System.exit(run(args));
    }

    /** Runs the command line; a bad input is one line on stderr and exit code 2. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new TuneCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof InvalidHyperParameterException
                    || e instanceof MnistDataException) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
