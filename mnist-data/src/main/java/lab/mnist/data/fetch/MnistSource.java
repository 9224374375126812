package lab.mnist.data.fetch;

import java.io.IOException;
import java.nio.file.Path;

import lab.mnist.data.MnistFile;

/**
 * One place the MNIST files may come from. {@link MnistFetcher} asks the sources in order and
 * verifies whatever they return, so a source only has to find or download bytes.
 */
public interface MnistSource {

    /** A short human name for error messages, e.g. {@code "cache ~/.cache/mnist-lab"}. */
    String describe();

    /**
     * Returns a local file (raw or gzipped IDX) with the content of {@code file}.
     *
     * @param scratch a private temporary folder the source may download into; deleted afterwards
     * @throws IOException with a one-line reason when this source cannot provide the file
     */
    Path provide(MnistFile file, Path scratch) throws IOException;

    /** Whether verified files from this source should be copied into the cache. */
    default boolean worthCaching() {
        return true;
    }
}
