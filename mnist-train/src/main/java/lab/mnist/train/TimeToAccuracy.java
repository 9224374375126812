package lab.mnist.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.train.runs.ResumableRun;
import lab.mnist.train.stats.MeanInterval;
import lab.mnist.train.study.StudyRunner;
import lab.mnist.train.study.StudySummary;

/**
 * {@code bench --time-to-accuracy FILE --seeds 1..5}: what a researcher waits for, measured. The
 * experiment runs as a study (one run per seed, in this process), and the result is the mean test
 * accuracy with its interval and the training time (epochs only) with its spread, plus the
 * startup (JVM start or run start to the first batch) and the whole run. PyTorch's time for the
 * same recipe comes from the newest PyTorch study of the same file ({@code scripts/torch-study.sh}),
 * read beside it; the bench does not run Python itself.
 */
final class TimeToAccuracy {
    private TimeToAccuracy() {
    }

    static int run(Path file, List<Long> seeds) throws IOException {
        ExperimentLoader.Loaded loaded = ExperimentLoader.load(file, List.of());
        StudyRunner.Outcome o = StudyRunner.run(loaded, Files.readString(file), List.of(), seeds,
                loaded.experiment().name() + "-time-to-accuracy", Trainer.Options.defaults());
        StudySummary s = o.summary();
        System.out.println(line("DL4J", s));
        Optional<Path> torch = newestTorchStudy(loaded.experiment().output().path().resolve("studies"), file);
        if (torch.isPresent()) {
            StudySummary t = ResumableRun.readJson(torch.get().resolve("study.json"), StudySummary.class);
            System.out.println(line("PyTorch", t) + " (" + torch.get() + ")");
            if (s.trainSeconds() != null && t.trainSeconds() != null) {
                System.out.printf(Locale.ROOT, "training time: DL4J %.2fx PyTorch's speed (%.1f s against %.1f s, means "
                        + "over %d and %d seeds)%n", t.trainSeconds().mean() / s.trainSeconds().mean(),
                        s.trainSeconds().mean(), t.trainSeconds().mean(), s.trainSeconds().n(), t.trainSeconds().n());
            }
        } else {
            System.out.println("PyTorch: no study of " + file + " yet; run scripts/torch-study.sh " + file + " "
                    + seeds.get(0) + ".." + seeds.get(seeds.size() - 1));
        }
        System.out.println("-> " + o.studyDir().resolve("report.html"));
        return s.counted() == 0 ? 3 : 0;
    }

    static String line(String who, StudySummary s) {
        return String.format(Locale.ROOT, "%s: test accuracy %s; training %s; startup %s; whole run %s", who,
                StudyRunner.meanText(s.testAccuracy()), seconds(s.trainSeconds()), startup(s),
                seconds(s.wallSeconds()));
    }

    private static String seconds(MeanInterval m) {
        if (m == null) {
            return "n/a";
        }
        return m.n() < 2 ? String.format(Locale.ROOT, "%.1f s", m.mean())
                : String.format(Locale.ROOT, "%.1f s ± %.1f sd (min %.1f, max %.1f)", m.mean(), m.sd(), m.min(), m.max());
    }

    /** The first seed's startup: it alone starts the process; later seeds start inside it. */
    private static String startup(StudySummary s) {
        return s.seeds().isEmpty() || s.seeds().get(0).startupSeconds() == null ? "n/a"
                : String.format(Locale.ROOT, "%.1f s (first seed, from process start)", s.seeds().get(0).startupSeconds());
    }

    /** The newest PyTorch study folder of {@code file} under {@code studies}. */
    static Optional<Path> newestTorchStudy(Path studies, Path file) throws IOException {
        if (!Files.isDirectory(studies)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(studies)) {
            return all.filter(d -> Files.isRegularFile(d.resolve("study.json")))
                    .filter(d -> {
                        try {
                            StudySummary t = ResumableRun.readJson(d.resolve("study.json"), StudySummary.class);
                            return "pytorch".equals(t.framework()) && t.experiment() != null
                                    && Path.of(t.experiment()).normalize().equals(file.normalize());
                        } catch (RuntimeException e) {
                            return false; // not ours to judge here
                        }
                    })
                    .max(Comparator.comparing(d -> d.getFileName().toString().replaceAll(".*-(\\d{8}-\\d{6}).*", "$1")));
        }
    }
}
