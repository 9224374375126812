package lab.mnist.data.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the MNIST files may come from: a folder the user names, and then nothing else; or else, in
 * the order they are tried, the local cache, HTTP mirrors, and the npm package. Every field has a default that works on a
 * machine with npm and nothing else.
 *
 * @param directory   a folder with the IDX files (raw or .gz), or null; defaults to {@code $MNIST_DATA_DIR}
 * @param cacheDir    the cache; defaults to {@code $MNIST_LAB_CACHE}, else {@code $XDG_CACHE_HOME/mnist-lab/mnist},
 *                    else {@code ~/.cache/mnist-lab/mnist}
 * @param mirrors     base URLs serving {@code <name>.gz}; empty to skip HTTP
 * @param npmPackage  the npm package spec holding the files, or null/empty to skip npm
 * @param npmCommand  the npm executable
 */
public record SourceOptions(Path directory, Path cacheDir, List<URI> mirrors, String npmPackage, String npmCommand) {
    public static final String DIRECTORY_ENV = "MNIST_DATA_DIR";
    public static final String CACHE_ENV = "MNIST_LAB_CACHE";

    /** The mirrors torchvision uses, in its order. */
    public static final List<URI> DEFAULT_MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

    public SourceOptions {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /** The defaults, read from this process's environment. */
    public static SourceOptions defaults() {
        return defaults(System.getenv());
    }

    public static SourceOptions defaults(Map<String, String> env) {
        String dir = env.get(DIRECTORY_ENV);
        return new SourceOptions(dir == null || dir.isBlank() ? null : Path.of(dir), defaultCacheDir(env),
                DEFAULT_MIRRORS, NpmPackageSource.DEFAULT_PACKAGE, "npm");
    }

    static Path defaultCacheDir(Map<String, String> env) {
        String explicit = env.get(CACHE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mnist-lab").resolve("mnist");
    }

    public SourceOptions withDirectory(Path newDirectory) {
        return new SourceOptions(newDirectory, cacheDir, mirrors, npmPackage, npmCommand);
    }

    public SourceOptions withCacheDir(Path newCacheDir) {
        return new SourceOptions(directory, newCacheDir, mirrors, npmPackage, npmCommand);
    }

    public SourceOptions withMirrors(List<URI> newMirrors) {
        return new SourceOptions(directory, cacheDir, newMirrors, npmPackage, npmCommand);
    }

    public SourceOptions withNpmPackage(String newPackage) {
        return new SourceOptions(directory, cacheDir, mirrors, newPackage, npmCommand);
    }

    /**
     * The sources in the order they are tried. A folder the user named is the only one: they mean
     * that folder (perhaps a copy of their own), and falling back to the cache would hide a typo.
     * Otherwise the cache comes first.
     */
    public List<MnistSource> sources() {
        if (directory != null) {
            return List.of(DirectorySource.userDirectory(directory));
        }
        List<MnistSource> sources = new ArrayList<>();
        sources.add(DirectorySource.cache(cacheDir));
        mirrors.forEach(uri -> sources.add(new HttpMirrorSource(uri)));
        if (npmPackage != null && !npmPackage.isBlank()) {
            sources.add(new NpmPackageSource(npmCommand == null ? "npm" : npmCommand, npmPackage));
        }
        return sources;
    }
}
