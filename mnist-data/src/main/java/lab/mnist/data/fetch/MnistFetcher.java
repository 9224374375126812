package lab.mnist.data.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.data.AtomicFiles;
import lab.mnist.data.Idx;
import lab.mnist.data.MnistDataException;
import lab.mnist.data.MnistFile;
import lab.mnist.data.Sha256;

/**
 * Finds each file of a data set by asking the sources in order, stopping at the first whose bytes
 * match the data set's SHA-256 (a file the user brings without a checksum is taken as found, and
 * the log says it is unverified). Verified files from a remote source are written into the cache
 * (temporary name, then an atomic rename), so the next run is offline. A file that fails the
 * check is never used, and is deleted when it sits in the cache. When every source fails, one
 * error lists each source and why.
 */
public final class MnistFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(MnistFetcher.class);

    /** A file whose decompressed bytes matched the expected checksum ({@code verified}), or had none to match. */
    public record VerifiedFile(MnistFile file, Path location, String source, byte[] bytes, boolean verified) {
    }

    private final List<MnistSource> sources;
    private final Path cacheDir;
    private final Function<MnistFile, String> expectedSha256;

    /** @param expectedSha256 each file's checksum, or null for a file to take unverified */
    public MnistFetcher(List<MnistSource> sources, Path cacheDir, Function<MnistFile, String> expectedSha256) {
        this.sources = List.copyOf(sources);
        this.cacheDir = cacheDir;
        this.expectedSha256 = expectedSha256;
    }

    public static MnistFetcher of(SourceOptions options) {
        return new MnistFetcher(options.sources(), options.cacheDir(), options.dataset()::sha256);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Fetches and verifies all four files. */
    public Map<MnistFile, VerifiedFile> fetchAll() {
        return fetch(List.of(MnistFile.values()));
    }

    public Map<MnistFile, VerifiedFile> fetch(List<MnistFile> files) {
        Map<MnistFile, VerifiedFile> result = new EnumMap<>(MnistFile.class);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("mnist-fetch-");
            for (MnistFile file : files) {
                result.put(file, fetchOne(file, scratch));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private VerifiedFile fetchOne(MnistFile file, Path scratch) {
        List<String> failures = new ArrayList<>();
        for (MnistSource source : sources) {
            Path candidate;
            try {
                candidate = source.provide(file, scratch);
            } catch (IOException | RuntimeException e) {
                failures.add(source.describe() + ": " + e.getMessage());
                continue;
            }
            byte[] bytes;
            try {
                bytes = Idx.readBytes(candidate);
            } catch (MnistDataException e) {
                failures.add(source.describe() + ": " + e.getMessage());
                discardIfCached(candidate);
                continue;
            }
            String actual = Sha256.hex(bytes);
            String expected = expectedSha256.apply(file);
            if (expected == null) {
                LOG.info("{}: {} from {} (SHA-256 {}, unverified: no checksum given)", file.key(), candidate,
                        source.describe(), actual);
                return new VerifiedFile(file, candidate, source.describe(), bytes, false);
            }
            if (!actual.equals(expected)) {
                failures.add(source.describe() + ": " + candidate.getFileName() + " has SHA-256 " + actual
                        + ", expected " + expected);
                discardIfCached(candidate);
                continue;
            }
            Path location = candidate;
            if (source.worthCaching()) {
                location = writeToCache(file, bytes);
            }
            LOG.debug("{}: verified from {}", file.fileName(), source.describe());
            return new VerifiedFile(file, location, source.describe(), bytes, true);
        }
        if (sources.size() == 1) {
            throw new MnistDataException("cannot obtain " + file.fileName() + " from " + failures.get(0));
        }
        throw new MnistDataException("cannot obtain " + file.fileName() + "; tried " + sources.size() + " sources: "
                + String.join("; ", failures));
    }

    private Path writeToCache(MnistFile file, byte[] bytes) {
        Path target = cacheDir.resolve(file.fileName());
        try {
            AtomicFiles.write(target, bytes);
            LOG.info("cached {} in {}", file.fileName(), cacheDir);
        } catch (UncheckedIOException e) {
            // A cache we cannot write is no reason to fail: the bytes are verified and in memory.
            LOG.warn("cannot write {} into the cache {}: {}", file.fileName(), cacheDir, e.getMessage());
        }
        return target;
    }

    private void discardIfCached(Path candidate) {
        if (candidate.toAbsolutePath().normalize().startsWith(cacheDir.toAbsolutePath().normalize())) {
            try {
                Files.deleteIfExists(candidate);
                LOG.warn("removed the bad file {} from the cache", candidate);
            } catch (IOException e) {
                LOG.warn("cannot remove the bad file {} from the cache: {}", candidate, e.getMessage());
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temporary folder
        }
    }
}
