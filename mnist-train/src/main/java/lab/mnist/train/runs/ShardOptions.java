package lab.mnist.train.runs;

import java.nio.file.Path;

import lab.mnist.train.config.ConfigException;
import picocli.CommandLine.Option;

/** {@code --shard I/N --folder DIR}, the same for the sweep and study commands (a picocli mixin). */
public final class ShardOptions {
    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the trials or seeds whose index is I modulo "
            + "N (Slurm job arrays, Kubernetes indexed Jobs), into the --folder all N share; resume= on it afterwards "
            + "writes the summary of them all.")
    String shard;

    @Option(names = "--folder", paramLabel = "DIR", description = "With --shard: the sweep or study folder the shards "
            + "share (the first one creates it).")
    Path folder;

    /** Whether this run is one shard of several. */
    public boolean given() {
        if ((shard == null) != (folder == null)) {
            throw new ConfigException("--shard", "--shard I/N and --folder DIR go together: the shards share one folder");
        }
        return shard != null;
    }

    public Shard shard() {
        return Shard.parse(shard);
    }

    public Path folder() {
        return folder;
    }
}
