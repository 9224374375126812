package lab.mnist.data.fetch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import lab.mnist.data.MnistFile;

/**
 * The four files at paths the user gives one by one ({@code data.files}), raw or gzipped, under
 * any names: for IDX data sets that do not use MNIST's file names. Never cached.
 */
public final class FileListSource implements MnistSource {
    private final Map<MnistFile, Path> files;

    public FileListSource(Map<MnistFile, Path> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public String describe() {
        return "data.files";
    }

    @Override
    public Path provide(MnistFile file, Path scratch) throws IOException {
        Path path = files.get(file);
        if (path == null) {
            throw new FileNotFoundException("no path for " + file.key());
        }
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException(file.key() + ": no such file " + path);
        }
        return path;
    }

    @Override
    public boolean worthCaching() {
        return false;
    }
}
