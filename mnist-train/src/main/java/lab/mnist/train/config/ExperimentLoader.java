package lab.mnist.train.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import lab.mnist.models.InvalidHyperParameterException;

/**
 * Reads experiment (and sweep) files: YAML bound by Jackson into typed, validated records, after
 * Hydra-style overrides ({@code train.epochs=3}) are applied to the tree.
 *
 * <p>Every problem becomes one {@link ConfigException} line: {@code file:line: key: what was
 * expected}, with the nearest valid key for a typo. Jackson knows the key path of a failure; the
 * line comes from a scan of the file's tokens, and a key set on the command line says so.
 */
public final class ExperimentLoader {
    private static final YAMLMapper MAPPER = strictMapper();

    private ExperimentLoader() {
    }

    /** A loaded experiment and its resolved form (every default filled in), as YAML. */
    public record Loaded(Experiment experiment, String resolvedYaml, Path file) {
    }

    public static YAMLMapper strictMapper() {
        YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // "3" is not a number and 1 is not a boolean: no silent coercion of scalars.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    public static Loaded load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", file + ": no such experiment file");
        } catch (IOException e) {
            throw new ConfigException("", file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString(), overrides, Experiment.class, file);
    }

    /** Loads any config record type (experiments, sweeps) from YAML text with overrides. */
    public static <T> T bind(String text, String fileName, List<String> overrides, Class<T> type) {
        ObjectNode tree = readTree(text, fileName);
        Set<String> fromCommandLine = applyOverrides(tree, overrides);
        Map<String, Integer> lines = keyLines(text);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw translate(e, fileName, lines, fromCommandLine);
        }
    }

    static Loaded parse(String text, String fileName, List<String> overrides, Class<Experiment> type, Path file) {
        Experiment experiment = bind(text, fileName, overrides, type);
        return new Loaded(experiment, toYaml(experiment), file);
    }

    public static String toYaml(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T fromYaml(String yaml, Class<T> type) {
        return bind(yaml, "(resolved config)", List.of(), type);
    }

    private static ObjectNode readTree(String text, String fileName) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException("", fileName + ":" + line + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            // An empty or comment-only file is a mistake (a wrong path, an unsaved editor), not "all defaults".
            throw new ConfigException("", fileName + ": the file is empty (or only comments)");
        }
        if (!node.isObject()) {
            throw new ConfigException("", fileName + ":1: expected a mapping of keys (name:, model:, train: ...), got "
                    + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /** Applies {@code a.b.c=value} overrides, the value read as YAML (so 3 is a number, [1, 2] a list). */
    private static Set<String> applyOverrides(ObjectNode tree, List<String> overrides) {
        Set<String> keys = new HashSet<>();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("", "override '" + override + "': expected key=value, e.g. train.epochs=3");
            }
            String key = override.substring(0, eq).strip();
            String raw = override.substring(eq + 1);
            JsonNode value;
            try {
                value = raw.isEmpty() ? JsonNodeFactory.instance.nullNode() : MAPPER.readTree(raw);
            } catch (JsonProcessingException e) {
                throw new ConfigException(key, "override " + key + ": value '" + raw + "' is not valid YAML");
            }
            String[] parts = key.split("\\.");
            ObjectNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                if (child == null || !child.isObject()) {
                    child = node.putObject(parts[i]);
                }
                node = (ObjectNode) child;
            }
            node.set(parts[parts.length - 1], value == null ? JsonNodeFactory.instance.nullNode() : value);
            keys.add(key);
        }
        return keys;
    }

    /** The line of every dotted key in the file, from the YAML parser's token locations. */
    public static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            for (JsonToken t; (t = parser.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME) {
                    // "/train/batchSize" -> "train.batchSize"; list items "/model/widths/1" -> "model.widths[1]"
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    String key = pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
                    lines.put(key, parser.currentLocation().getLineNr());
                }
            }
        } catch (IOException | RuntimeException e) {
            // line numbers are a courtesy: a file Jackson could read but this scan could not still binds
        }
        return lines;
    }

    private static ConfigException translate(JsonProcessingException e, String fileName, Map<String, Integer> lines,
                                             Set<String> fromCommandLine) {
        String key = e instanceof JsonMappingException jm ? path(jm) : "";
        String message;
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof ConfigException ce) {
            key = ce.key();
            message = ce.getMessage();
        } else if (e instanceof ValueInstantiationException && cause instanceof InvalidHyperParameterException he) {
            key = he.key();
            message = he.getMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "";
            String nearest = nearest(u.getPropertyName(), u.getKnownPropertyIds());
            message = key + ": unknown key" + (nearest != null ? ", did you mean '" + parent + nearest + "'?"
                    : "; valid keys here: " + known(parent, u.getKnownPropertyIds()));
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = key + ": expected " + describe(m.getTargetType()) + ", got " + firstLine(valueOf(m));
        } else {
            message = (key.isEmpty() ? "" : key + ": ") + firstLine(e.getOriginalMessage());
        }
        String where;
        if (fromCommandLine.contains(key)) {
            where = fileName + " (command-line override)";
        } else {
            where = fileName + ":" + lineOf(key, lines);
        }
        return new ConfigException(key, where + ": " + message);
    }

    /** The offending value as the message quotes it, e.g. {@code "four"}. */
    private static String valueOf(MismatchedInputException m) {
        if (m instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getValue() != null) {
            return "\"" + f.getValue() + "\"";
        }
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(m.getOriginalMessage());
        if (quoted.find()) {
            return "\"" + quoted.group(1) + "\"";
        }
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("value \\(([^)]*)\\)").matcher(m.getOriginalMessage());
        return number.find() ? number.group(1) : "a value of another type";
    }

    /** The line of {@code key}, else of its nearest enclosing key that has one, else 1. */
    public static int lineOf(String key, Map<String, Integer> lines) {
        String k = key;
        while (!k.isEmpty()) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
            k = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "";
        }
        return 1;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys (" + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static String known(String parent, Collection<Object> ids) {
        return ids.stream().map(o -> parent + o).sorted().reduce((a, b) -> a + ", " + b).orElse("none");
    }

    /** The known key closest to {@code typo} by edit distance, if it is close enough to be a typo. */
    static String nearest(String typo, Collection<Object> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object o : known) {
            String candidate = o.toString();
            int d = levenshtein(typo.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, typo.length() / 3) ? best : null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

}
