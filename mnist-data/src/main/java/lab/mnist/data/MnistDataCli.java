package lab.mnist.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.data.fetch.SourceOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvn -pl mnist-data exec:java -Dexec.args="info"}: fetches and verifies the files if
 * needed and prints where they are and the class counts; {@code bench} measures loading and
 * iteration.
 */
// INHERIT: every subcommand takes --help and --version too.
@Command(name = "mnist-data", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Fetch, verify and inspect the files of MNIST, Fashion-MNIST or another IDX data set.",
        subcommands = {MnistDataCli.Info.class, MnistDataCli.Bench.class})
public final class MnistDataCli {

    /** Options shared by the subcommands: which data set, and where its files come from. */
    static class SourceArgs {
        @Option(names = "--dataset", defaultValue = "mnist",
                description = "mnist, fashion-mnist, or idx (any IDX data set, from --dir). Default: ${DEFAULT-VALUE}.")
        String dataset;

        @Option(names = "--dir", description = "Folder with the IDX files (default for MNIST: $MNIST_DATA_DIR).")
        Path dir;

        @Option(names = "--cache", description = "Cache root, one folder per data set (default: $MNIST_LAB_CACHE or "
                + "~/.cache/mnist-lab).")
        Path cache;

        SourceOptions options() {
            Dataset chosen;
            try {
                chosen = Dataset.named(dataset);
            } catch (IllegalArgumentException e) {
                throw new MnistDataException("--dataset: " + e.getMessage());
            }
            SourceOptions options = SourceOptions.defaults().forDataset(chosen);
            if (dir != null) {
                options = options.withDirectory(dir);
            }
            if (cache != null) {
                options = options.withCacheRoot(cache);
            }
            return options;
        }
    }

    @Command(name = "info", description = "Fetch and verify the files if needed; print where they are and the class counts.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Mixin
        SourceArgs source = new SourceArgs();

        @Option(names = "--grid", description = "Also write a PNG grid of the first 40 training images with their labels.")
        Path grid;

        @Override
        public Integer call() throws java.io.IOException {
            MnistRaw raw = MnistRaw.load(source.options());
            if (grid != null) {
                java.nio.file.Files.write(grid, DataSummary.sampleGridPng(raw.trainImages(), raw.trainLabels(),
                        raw.classNames(), StratifiedSplit.all(40), 40, 10));
                System.out.println("wrote " + grid);
            }
            Dataset d = raw.dataset();
            System.out.printf(Locale.ROOT, "%s files (%s):%n", d.title(), d.sha256().size() == MnistFile.values().length
                    ? "SHA-256 verified" : d.sha256().isEmpty() ? "unverified: no checksums given" : "partly verified");
            raw.locations().forEach((file, path) -> System.out.printf(Locale.ROOT, "  %-24s %s  (from %s)%n",
                    file.fileName(), path, raw.sources().get(file)));
            System.out.printf(Locale.ROOT, "images %dx%d, %d classes%n", raw.imageHeight(), raw.imageWidth(),
                    raw.numClasses());
            int[] train = StratifiedSplit.classCounts(raw.trainLabels().labels(),
                    StratifiedSplit.all(raw.trainLabels().count()), raw.numClasses());
            int[] test = StratifiedSplit.classCounts(raw.testLabels().labels(),
                    StratifiedSplit.all(raw.testLabels().count()), raw.numClasses());
            int width = Math.max(5, raw.classNames().stream().mapToInt(String::length).max().orElse(0));
            String row = "%-3s %-" + width + "s %7s %7s%n";
            System.out.printf(Locale.ROOT, row, "", "class", "train", "test");
            for (int c = 0; c < raw.numClasses(); c++) {
                System.out.printf(Locale.ROOT, row, c, raw.classNames().get(c), String.format(Locale.ROOT, "%,d", train[c]),
                        String.format(Locale.ROOT, "%,d", test[c]));
            }
            System.out.printf(Locale.ROOT, row, "", "total", String.format(Locale.ROOT, "%,d", raw.trainLabels().count()),
                    String.format(Locale.ROOT, "%,d", raw.testLabels().count()));
            DataSummary.PixelStats stats = DataSummary.pixelStats(raw.trainImages(), StratifiedSplit.all(raw.trainImages().count()));
            System.out.printf(Locale.ROOT, "train pixels in [0,1]: min %.4f  mean %.4f  max %.4f  std %.4f%n",
                    stats.min(), stats.mean(), stats.max(), stats.std());
            return 0;
        }
    }

    @Command(name = "bench", description = "Time loading + normalising the training images, and iterating one epoch of batches.")
    static final class Bench implements Callable<Integer> {
        @CommandLine.Mixin
        SourceArgs source = new SourceArgs();

        @Option(names = "--repeats", defaultValue = "5", description = "Timed repetitions (median reported).")
        int repeats;

        @Option(names = "--batch", defaultValue = "64", description = "Batch size for the iteration benchmark.")
        int batch;

        @Option(names = "--normalization", defaultValue = "standardize", description = "unit, symmetric or standardize.")
        String normalization;

        @Override
        public Integer call() {
            SourceOptions options = source.options();
            MnistDataSets.Options dataOptions = new MnistDataSets.Options(Normalization.fromKey(normalization), 0.0, 42, 0, 0, 0);
            MnistDataSets.prepare(MnistRaw.load(options), dataOptions); // warm-up: JIT, native libraries, page cache
            double[] load = new double[repeats];
            MnistDataSets data = null;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                data = MnistDataSets.prepare(MnistRaw.load(options), dataOptions);
                Nd4j.getExecutioner().commit();
                load[r] = (System.nanoTime() - t0) / 1e9;
            }
            ShuffledBatchIterator iterator = new ShuffledBatchIterator(data.train(), batch, true, 42);
            double[] rate = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                iterator.setEpoch(r);
                long t0 = System.nanoTime();
                long n = 0;
                while (iterator.hasNext()) {
                    DataSet ds = iterator.next();
                    n += ds.numExamples();
                }
                Nd4j.getExecutioner().commit();
                rate[r] = n / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "load + verify + parse + normalise (%s) of %,d train + %,d test images: "
                            + "median %.3f s (of %d: %s)%n", normalization, data.trainIndices().length,
                    data.testIndices().length, median(load), repeats, Arrays.toString(round(load)));
            System.out.printf(Locale.ROOT, "iterate one shuffled epoch, batch %d: median %,.0f samples/s%n", batch, median(rate));
            return 0;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        private static double[] round(double[] values) {
            return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; a data problem is one line on stderr and exit code 1. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new MnistDataCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof MnistDataException) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
