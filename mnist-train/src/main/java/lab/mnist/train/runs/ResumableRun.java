package lab.mnist.train.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.train.Summary;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.ExperimentLoader;

/**
 * What a group's run does with its folder: a finished run ({@code summary.json} written) is
 * kept; a stopped one ({@code state.json} names its last checkpoint) resumes from it; anything
 * else (a run killed before its first epoch ended) is cleared and starts over, but for the files
 * the group keeps there itself ({@code keep}, such as a trial's {@code trial.json}).
 */
public final class ResumableRun {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableRun.class);

    private ResumableRun() {
    }

    public static Trainer.Outcome runOrResume(Path dir, Supplier<ExperimentLoader.Loaded> experiment,
                                              Trainer.Options options, String... keep) {
        Path summary = dir.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
            return new Trainer.Outcome(dir, readJson(summary, Summary.class));
        }
        if (Files.isRegularFile(dir.resolve("state.json"))) {
            LOG.info("{}: resuming from its last checkpoint", dir.getFileName());
            return Trainer.resume(dir, options);
        }
        try {
            clear(dir, java.util.Set.of(keep));
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
        return Trainer.runAt(experiment.get(), dir, options);
    }

    /**
     * A JSON file of a run or group, such as {@code summary.json}; one that does not parse as
     * {@code type} is a {@link lab.mnist.train.config.ConfigException} naming the file, so the
     * command line says so in one line.
     */
    public static <T> T readJson(Path file, Class<T> type) {
        try {
            return Trainer.JSON.readValue(file.toFile(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new lab.mnist.train.config.ConfigException("", file + ": not a valid " + file.getFileName() + " ("
                    + m.lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the run in {@code dir} has finished (its summary is written last). */
    public static boolean finished(Path dir) {
        return Files.isRegularFile(dir.resolve("summary.json"));
    }

    /** Deletes what {@code dir} holds but the top-level files named in {@code keep}. */
    static void clear(Path dir, java.util.Set<String> keep) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                boolean kept = p.equals(dir) || p.getParent().equals(dir) && keep.contains(p.getFileName().toString());
                if (!kept) {
                    Files.delete(p);
                }
            }
        }
    }
}
