package lab.mnist.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;

/**
 * {@code origin.json}: the experiment file a run came from and what it changed against that file
 * ({@code key=value}, from the command line), so the runs index can tell runs of one file apart.
 * The changes are the difference of the two resolved configurations, not the arguments as typed:
 * an override that repeats the file's value is no change.
 */
record Origin(String experiment, String file, List<String> overrides) {
    private static final YAMLMapper YAML = new YAMLMapper();

    static Origin of(ExperimentLoader.Loaded loaded) {
        try {
            Experiment plain = ExperimentLoader.bind(Files.readString(loaded.file()), loaded.file().toString(), List.of(),
                    Experiment.class);
            Map<String, String> before = flat(ExperimentLoader.toYaml(plain));
            Map<String, String> after = flat(loaded.resolvedYaml());
            List<String> changed = new ArrayList<>();
            after.forEach((k, v) -> {
                if (!v.equals(before.get(k))) {
                    changed.add(k + "=" + v);
                }
            });
            return new Origin(plain.name(), loaded.file().toString(), changed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + loaded.file() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> flat(String yaml) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", YAML.readTree(yaml), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(prefix, n.isTextual() ? n.asText() : n.toString());
        }
    }
}
