package lab.mnist.train.runs;

import java.util.LinkedHashMap;
import java.util.Map;

import lab.mnist.train.config.ConfigException;

/**
 * {@code spark:} in a sweep or study, read when {@code executor: spark}. Plain settings: the
 * engine itself lives in the mnist-spark module, never on this module's class path.
 *
 * <pre>
 * executor: spark
 * spark:
 *   master: spark://head-node:7077     # or local[2], yarn, k8s://...
 *   conf: {spark.executor.memory: 6g}  # any Spark setting, passed as it is
 * </pre>
 *
 * @param master the Spark master URL (default {@code local[*]}: this machine's cores)
 * @param conf   further Spark settings
 */
public record SparkSettings(String master, Map<String, String> conf) implements java.io.Serializable {
    public SparkSettings {
        master = master == null || master.isBlank() ? "local[*]" : master;
        conf = conf == null ? Map.of() : new LinkedHashMap<>(conf);
        for (String key : conf.keySet()) {
            if (!key.startsWith("spark.")) {
                throw ConfigException.invalid("spark.conf." + key, "Spark settings start with 'spark.', got '" + key + "'");
            }
        }
    }

    public static SparkSettings defaults() {
        return new SparkSettings(null, null);
    }
}
