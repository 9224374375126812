package lab.mnist.data;

/**
 * A problem with MNIST data that a user can act on: a corrupt or truncated file, a checksum
 * mismatch, or no source that could provide the files. The message is one line meant to be shown
 * as it is, naming the file and what was expected.
 */
public class MnistDataException extends RuntimeException {
    public MnistDataException(String message) {
        super(message);
    }

    public MnistDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
