package lab.mnist.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a run folder holds, read leniently: every part is optional, and a part that is missing or
 * unreadable (a run killed mid-epoch, a run that diverged) is listed in {@link #missing()} so the
 * report can say so instead of failing.
 */
public final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String> missing = new ArrayList<>();

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The parts that were absent or unreadable, with why. */
    public List<String> missing() {
        return missing;
    }

    /** Something that reads one file. */
    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** Reads {@code file} with {@code reader}; a missing or unreadable file is noted and gives null. */
    private <T> T read(String file, String what, Reader<T> reader) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            missing.add(what + " (" + file + " is missing)");
            return null;
        }
        try {
            return reader.read(p);
        } catch (IOException e) {
            missing.add(what + " (" + file + " is unreadable: " + e.getMessage() + ")");
            return null;
        }
    }

    public JsonNode json(String file, String what) {
        return read(file, what, p -> JSON.readTree(p.toFile()));
    }

    /** A YAML file that may be absent (a run's config.yaml), null without noting it. */
    public JsonNode yaml(String file) {
        Path p = dir.resolve(file);
        try {
            return Files.isRegularFile(p) ? new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(p.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    public String text(String file, String what) {
        return read(file, what, Files::readString);
    }

    /** CSV rows without the header, split on commas (our CSVs hold no quoted fields). */
    public List<String[]> csv(String file, String what) {
        String text = text(file, what);
        List<String[]> rows = new ArrayList<>();
        if (text == null) {
            return rows;
        }
        text.lines().skip(1).filter(l -> !l.isBlank()).forEach(l -> rows.add(l.split(",", -1)));
        return rows;
    }

    /** A PNG that a run may or may not have, as a {@code data:} URI; null without noting it missing. */
    public String optionalPngDataUri(String file) {
        Path p = dir.resolve(file);
        try {
            return Files.isRegularFile(p)
                    ? "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(p)) : null;
        } catch (IOException e) {
            missing.add(file + " is unreadable: " + e.getMessage());
            return null;
        }
    }

    /** A PNG as a {@code data:} URI, so the report embeds it. */
    public String pngDataUri(String file, String what) {
        return read(file, what, p -> "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
    }
}
