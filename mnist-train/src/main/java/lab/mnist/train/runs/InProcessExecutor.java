package lab.mnist.train.runs;

import java.io.Serializable;

import lab.mnist.train.Trainer;

/**
 * Runs each task in this JVM, one after another: on a 2-core machine two trainings at once are
 * slower than one after the other. The data loaded once by the group is shared by its runs.
 */
public final class InProcessExecutor implements RunExecutor {
    public static final String NAME = "in-process";
    private final Trainer.Options options;

    public InProcessExecutor(Trainer.Options options) {
        this.options = options.quietly();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public <R extends Serializable> R run(RunTask<R> task) {
        return task.run(options);
    }
}
