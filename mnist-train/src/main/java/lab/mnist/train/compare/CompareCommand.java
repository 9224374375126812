package lab.mnist.train.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import lab.mnist.data.AtomicFiles;
import lab.mnist.data.DataSummary;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare A B}: prints the tests and the verdict, and writes {@code compare.json},
 * {@code disagreements.png} and {@code report.html} to a new folder under {@code --out}.
 */
@Command(name = "compare", description = "Whether two runs (McNemar, paired bootstrap) or two studies (Welch, "
        + "McNemar on majority votes) differ by more than chance: compare A B, each a run or study folder.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2", paramLabel = "FOLDER", description = "Two run folders, or two study folders (or their study.json).")
    List<Path> sides;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap's resampling (default 1).")
    long seed;

    @Option(names = "--resamples", defaultValue = "10000", description = "Bootstrap resamples (default 10,000).")
    int resamples;

    @Option(names = "--out", defaultValue = "runs/comparisons", description = "Where the comparison's folder goes.")
    Path out;

    @Override
    public Integer call() {
        if (resamples < 100) {
            throw new lab.mnist.train.config.ConfigException("--resamples", "--resamples must be at least 100, got "
                    + resamples);
        }
        ComparisonResult r = Comparison.of(sides.get(0), sides.get(1), seed, resamples);
        Path dir = AtomicFiles.createStampedDirectory(out, safe(r.a().label()) + "-vs-" + safe(r.b().label()));
        String gallery = writeGallery(dir, r);
        r = new ComparisonResult(r.kind(), r.a(), r.b(), r.testSet(), r.difference(), r.mcNemar(), r.bootstrap(),
                r.welch(), r.seedPairs(), r.alpha(), r.verdict(), r.confusionA(), r.confusionB(), r.disagreements(),
                r.disagreementCount(), gallery, r.gitCommit(), r.created());
        Trainer.writeJson(dir.resolve("compare.json"), r);
        Path report = null;
        try {
            report = lab.mnist.report.CompareReport.write(dir);
            Path runs = lab.mnist.train.TrainCli.runsFolderOf(dir, "comparisons");
            if (runs != null) {
                System.err.println("index: " + lab.mnist.report.RunsIndex.write(runs));
            }
        } catch (RuntimeException e) {
            System.err.println("could not write the report or index: " + e);
        }
        print(r);
        System.out.println("-> " + (report != null ? report : dir));
        return 0;
    }

    private static void print(ComparisonResult r) {
        System.out.printf(Locale.ROOT, "A: %s (%s, %s)%nB: %s (%s, %s)%n", r.a().label(), r.a().kind(), r.a().path(),
                r.b().label(), r.b().kind(), r.b().path());
        System.out.printf(Locale.ROOT, "test set: %,d examples, labels sha256 %s%n", r.testSet().examples(),
                r.testSet().labelsSha256());
        if (r.welch() != null) {
            System.out.printf(Locale.ROOT, "Welch: A - B = %s points, 95%% CI %s to %s, t = %.3f, df = %.1f, p = %s%n",
                    Comparison.points(r.welch().difference()), Comparison.points(r.welch().low()),
                    Comparison.points(r.welch().high()), r.welch().t(), r.welch().degreesOfFreedom(),
                    Comparison.p(r.welch().pValue()));
            System.out.printf(Locale.ROOT, "seed pairs: %d, significant for A %d, for B %d, median p %s%n",
                    r.seedPairs().pairs(), r.seedPairs().significantForA(), r.seedPairs().significantForB(),
                    Comparison.p(r.seedPairs().medianP()));
        }
        String on = r.kind().equals("studies") ? " (majority votes)" : "";
        System.out.printf(Locale.ROOT, "McNemar%s: b = %d (A right, B wrong), c = %d (B right, A wrong), %s, p = %s%n", on,
                r.mcNemar().b(), r.mcNemar().c(), r.mcNemar().method(), Comparison.p(r.mcNemar().pValue()));
        System.out.printf(Locale.ROOT, "paired bootstrap%s: A - B = %s points, 95%% interval %s to %s (%,d resamples, "
                        + "seed %d)%n", on, Comparison.points(r.bootstrap().difference()),
                Comparison.points(r.bootstrap().low()), Comparison.points(r.bootstrap().high()),
                r.bootstrap().resamples(), r.bootstrap().seed());
        System.out.println(r.verdict());
    }

    /**
     * {@code disagreements.png}: the listed test digits with the label and both sides' answers.
     * Needs the test images, found as side A's run found them; without them the report says so.
     */
    private static String writeGallery(Path dir, ComparisonResult r) {
        if (r.disagreements().isEmpty()) {
            return null;
        }
        try {
            SourceOptions sources = SourceOptions.defaults();
            String config = r.a().config();
            MnistRaw raw = MnistRaw.load(config == null ? sources
                    : ExperimentLoader.fromYaml(config, Experiment.class).data().sources(sources));
            int[] idx = r.disagreements().stream().mapToInt(ComparisonResult.Disagreement::index).toArray();
            java.util.List<String> names = raw.classNames();
            String[] captions = r.disagreements().stream().map(d -> String.format(Locale.ROOT, "%s A:%s B:%s",
                    names.get(d.label()), names.get(d.a()), names.get(d.b()))).toArray(String[]::new);
            AtomicFiles.write(dir.resolve("disagreements.png"), DataSummary.gridPng(raw.testImages(), idx, captions, 12));
            return "disagreements.png";
        } catch (RuntimeException e) {
            System.err.println("no picture of the disagreements: the test images could not be loaded (" + e.getMessage() + ")");
            return null;
        }
    }

    private static String safe(String label) {
        String s = label.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+", "-");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
