package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's own files, for tests in any module (each runs in its module's folder). */
public final class ProjectFiles {
    /** The repository's {@code experiments/} folder. */
    public static final Path EXPERIMENTS = Path.of("..", "experiments");

    private ProjectFiles() {
    }

    /** The YAML files directly in {@code dir}, sorted by name; fails if there are none. */
    public static List<Path> yamlFiles(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(files.isEmpty(), "no YAML files in " + dir.toAbsolutePath());
        return files;
    }
}
