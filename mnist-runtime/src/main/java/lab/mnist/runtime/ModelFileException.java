package lab.mnist.runtime;

/** A model file that cannot be read: missing, not a model, or truncated. The message names the file. */
public class ModelFileException extends RuntimeException {
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
