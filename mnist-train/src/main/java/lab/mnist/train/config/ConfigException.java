package lab.mnist.train.config;

/**
 * A bad experiment or sweep file: unknown key, wrong type or impossible value. The message is
 * one line that names the file, line and key, and, for a typo, the nearest valid key.
 */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The dotted key, e.g. {@code train.epochs}; empty for the file as a whole. */
    public String key() {
        return key;
    }

    /** A value check inside a config record: {@code key: message}. */
    public static ConfigException invalid(String key, String message) {
        return new ConfigException(key, key + ": " + message);
    }
}
