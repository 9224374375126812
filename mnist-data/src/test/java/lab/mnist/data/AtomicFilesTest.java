package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("summary.json");
        AtomicFiles.write(file, "old");
        AtomicFiles.write(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("summary.json");
        AtomicFiles.write(file, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, temp -> {
            Files.writeString(temp, "half");
            throw new IllegalStateException("crash");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    /** Outputs get the permissions any new file in the folder gets, not a temp file's owner-only 0600. */
    @Test
    void outputsHaveTheUsualPermissions() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written");
        AtomicFiles.write(written, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    /** Runs started in the same second by several processes (here threads) each get a folder of their own. */
    @Test
    void concurrentCreatorsOfOneNameGetDistinctFolders() throws Exception {
        int creators = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(creators);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(creators);
        try {
            List<java.util.concurrent.Future<Path>> made = new java.util.ArrayList<>();
            for (int i = 0; i < creators; i++) {
                made.add(pool.submit(() -> {
                    start.await();
                    return AtomicFiles.createUniqueDirectory(dir.resolve("runs"), "lenet5-20261204-222406");
                }));
            }
            java.util.Set<Path> folders = new java.util.TreeSet<>();
            for (var f : made) {
                folders.add(f.get());
            }
            assertEquals(creators, folders.size(), "one folder each: " + folders);
            assertTrue(folders.contains(dir.resolve("runs/lenet5-20261204-222406")));
            assertTrue(folders.contains(dir.resolve("runs/lenet5-20261204-222406-" + creators)));
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
