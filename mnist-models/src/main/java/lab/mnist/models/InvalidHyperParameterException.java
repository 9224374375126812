package lab.mnist.models;

/** A hyper-parameter with an impossible value; the message names the key, e.g. {@code model.dropout}. */
public class InvalidHyperParameterException extends IllegalArgumentException {
    private final String key;

    public InvalidHyperParameterException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The offending key, as written in an experiment file (e.g. {@code model.widths[1]}). */
    public String key() {
        return key;
    }
}
