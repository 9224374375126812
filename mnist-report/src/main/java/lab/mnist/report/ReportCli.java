package lab.mnist.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mvn -pl mnist-report exec:java -Dexec.args="runs/<folder>"}: (re)builds a run's report.html. */
@Command(name = "mnist-report", mixinStandardHelpOptions = true, description = "Build the HTML report of a run folder.")
public final class ReportCli implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "Run folders.")
    java.util.List<Path> runs;

    @Override
    public Integer call() {
        int failures = 0;
        for (Path run : runs) {
            if (!Files.isDirectory(run)) {
                System.err.println("error: " + run + ": not a folder");
                failures++;
                continue;
            }
            System.out.println("wrote " + RunReport.write(run));
        }
        return failures == 0 ? 0 : 2;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportCli()).execute(args));
    }
}
