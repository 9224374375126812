package lab.mnist.data.fetch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lab.mnist.data.MnistFile;

/**
 * A folder on disk holding the IDX files under their canonical names, raw or with {@code .gz}.
 * Used both for a folder the user names and for the local cache.
 */
public final class DirectorySource implements MnistSource {
    private final String label;
    private final Path directory;
    private final boolean worthCaching;

    private DirectorySource(String label, Path directory, boolean worthCaching) {
        this.label = label;
        this.directory = directory;
        this.worthCaching = worthCaching;
    }

    /** A folder the user named: its files are used in place and also copied to the cache. */
    public static DirectorySource userDirectory(Path directory) {
        return new DirectorySource("directory", directory, true);
    }

    /** The local cache: files there are used in place. */
    public static DirectorySource cache(Path directory) {
        return new DirectorySource("cache", directory, false);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String describe() {
        return label + " " + directory;
    }

    @Override
    public Path provide(MnistFile file, Path scratch) throws IOException {
        for (String name : new String[] {file.fileName(), file.fileName() + ".gz"}) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new FileNotFoundException("no " + file.fileName() + "[.gz] in " + directory);
    }

    @Override
    public boolean worthCaching() {
        return worthCaching;
    }
}
