package lab.mnist.train.runs;

import lab.mnist.train.config.ConfigException;

/**
 * {@code --shard i/n}: this process runs the trials or seeds whose index is i modulo n, into a
 * folder the n processes share, for schedulers that start n copies of one command (Slurm job
 * arrays, Kubernetes indexed Jobs). The run folders are the only shared state, as with any
 * executor; {@code resume=} on the folder afterwards writes the summary once all are there.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new ConfigException("--shard", "--shard: expected i/n with 0 <= i < n, got " + index + "/" + count);
        }
    }

    /** {@code "0/2"}, or {@link #ALL} for null. */
    public static Shard parse(String text) {
        if (text == null) {
            return ALL;
        }
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new ConfigException("--shard", "--shard: expected i/n such as 0/4, got '" + text + "'");
    }

    public boolean includes(int runIndex) {
        return runIndex % count == index;
    }

    public boolean isAll() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
