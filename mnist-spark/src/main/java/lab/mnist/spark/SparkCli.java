package lab.mnist.spark;

import java.util.Arrays;

/**
 * {@code mvn -pl mnist-spark exec:java -Dexec.args="sweep SWEEP.yaml executor=spark spark.master=local[2]"}
 * or {@code "study FILE --seeds 1..10 --executor spark --spark-master spark://host:7077"}: the
 * sweep and study commands, with Spark on the class path. Everything else is theirs.
 */
public final class SparkCli {
    private SparkCli() {
    }

    public static void main(String[] args) {
        lab.mnist.runtime.NativeSetup.beforeNd4j(); // first: JavaCPP reads its settings once
        System.exit(run(args));
    }

    public static int run(String... args) {
        String usage = "usage: mnist-spark sweep SWEEP.yaml [key=value ...] | sweep resume=SWEEP_DIR"
                + " | study FILE --seeds 1..10 --executor spark [--spark-master URL] [key=value ...]";
        if (args.length == 0) {
            System.err.println(usage);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "sweep" -> lab.mnist.tuning.TuneCli.run(rest);
            case "study" -> lab.mnist.train.TrainCli.run(args);
            default -> {
                System.err.println("error: unknown command '" + args[0] + "'; " + usage);
                yield 2;
            }
        };
    }
}
