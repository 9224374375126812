package lab.mnist.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import lab.mnist.data.ProjectVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mvn -pl mnist-report exec:java -Dexec.args="runs/<folder>"}: (re)builds the report of a
 * run, sweep, study or comparison folder; given a folder of runs ({@code runs}), it builds {@code index.html}.
 */
@Command(name = "mnist-report", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "Build the HTML report of a run, sweep, study or comparison folder, or the index of a runs folder.")
public final class ReportCli implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "Run, sweep, study or comparison folders, or runs folders.")
    java.util.List<Path> folders;

    @Override
    public Integer call() {
        int failures = 0;
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                System.err.println("error: " + dir + ": not a folder");
                failures++;
            } else if (StudyReport.isStudyFolder(dir)) {
                System.out.println("wrote " + StudyReport.write(dir));
            } else if (CompareReport.isComparisonFolder(dir)) {
                System.out.println("wrote " + CompareReport.write(dir));
            } else if (SweepReport.isSweepFolder(dir)) {
                System.out.println("wrote " + SweepReport.write(dir));
            } else if (RunsIndex.isRunFolder(dir)) {
                System.out.println("wrote " + RunReport.write(dir));
            } else {
                System.out.println("wrote " + RunsIndex.write(dir));
            }
        }
        return failures == 0 ? 0 : 2;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportCli()).execute(args));
    }
}
