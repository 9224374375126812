package lab.mnist.train.runs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Where a group's runs execute. Sweeps hand it one trial at a time (Arbiter decides the next), studies all seeds at once. */
public interface RunExecutor extends AutoCloseable {

    /** The {@code executor} setting that chose it, for logs and summaries. */
    String name();

    <R extends Serializable> R run(RunTask<R> task);

    /** How many runs it executes at once: the sweep keeps that many trials under way. */
    default int parallelism() {
        return 1;
    }

    /** Releases the engine (a Spark context); nothing for in-process. */
    @Override
    default void close() {
    }

    /**
     * Every task; {@code whenDone} hears of each result as it comes (in this process, one after
     * another, in order), and the list holds them in the tasks' order.
     */
    default <R extends Serializable> List<R> runAll(List<? extends RunTask<R>> tasks, Consumer<R> whenDone) {
        List<R> results = new ArrayList<>();
        for (RunTask<R> t : tasks) {
            R r = run(t);
            whenDone.accept(r);
            results.add(r);
        }
        return results;
    }
}
