package lab.mnist.train.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code mnist-train} and {@code mnist-tuning}: one file, then Hydra-style
 * {@code key=value} overrides; or {@code resume=FOLDER} alone.
 *
 * @param file      the experiment or sweep file; null when none was given
 * @param overrides {@code key=value} in the order given
 * @param resume    the folder to continue; null for a new run
 */
public record Arguments(Path file, List<String> overrides, Path resume) {

    /** @param what "experiment" or "sweep", for the messages */
    public static Arguments parse(List<String> args, String what) {
        List<String> overrides = new ArrayList<>();
        Path file = null;
        Path resume = null;
        for (String arg : args) {
            if (arg.startsWith("resume=")) {
                resume = Path.of(arg.substring("resume=".length()));
            } else if (arg.contains("=")) {
                overrides.add(arg);
            } else if (file == null) {
                file = Path.of(arg);
            } else {
                throw new ConfigException("", "unexpected argument '" + arg + "': give one " + what
                        + " file, then key=value overrides");
            }
        }
        if (resume != null && (file != null || !overrides.isEmpty())) {
            throw new ConfigException("resume", "resume=FOLDER continues with the " + what
                    + "'s own config: give no file or overrides");
        }
        return new Arguments(file, List.copyOf(overrides), resume);
    }
}
