package lab.mnist.data.fetch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lab.mnist.data.MnistFile;

/**
 * A folder on disk holding the IDX files under their canonical names, raw or with {@code .gz}.
 * Used for a folder the user names, the local cache and a system package's folder.
 */
public final class DirectorySource implements MnistSource {
    private final String label;
    private final Path directory;
    private final String hint;
    private final boolean worthCaching;

    private DirectorySource(String label, Path directory, String hint, boolean worthCaching) {
        this.label = label;
        this.directory = directory;
        this.hint = hint;
        this.worthCaching = worthCaching;
    }

    /**
     * A folder the user named: its files are used in place, and copied to the cache when they are
     * a data set the project knows ({@code cached}).
     */
    public static DirectorySource userDirectory(Path directory, boolean cached) {
        return new DirectorySource("directory", directory, null, cached);
    }

    /** The folder a system package installs the files into: used in place, and named in errors. */
    public static DirectorySource systemPackage(Path directory, String packageName) {
        return new DirectorySource("package " + packageName + " in", directory,
                "apt-get install " + packageName + " provides them", false);
    }

    /** The local cache: files there are used in place. */
    public static DirectorySource cache(Path directory) {
        return new DirectorySource("cache", directory, null, false);
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
        throw new FileNotFoundException("no " + file.fileName() + "[.gz] in " + directory
                + (hint == null ? "" : " (" + hint + ")"));
    }

    @Override
    public boolean worthCaching() {
        return worthCaching;
    }
}
