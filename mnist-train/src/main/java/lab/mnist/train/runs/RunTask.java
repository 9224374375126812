package lab.mnist.train.runs;

import java.io.Serializable;

import lab.mnist.train.Trainer;

/**
 * One self-contained run of a group (a sweep's trial, a study's seed). It carries only what
 * names its work (the group folder, an index, parameters), so that an executor can run it in
 * another process; everything else it reads from the folder. Running it twice is safe: a
 * finished run is kept, a stopped one resumes.
 *
 * @param <R> what the group records of the run
 */
public interface RunTask<R extends Serializable> extends Serializable {

    /** A few words for logs: "trial 3", "seed 7". */
    String describe();

    /**
     * @param options where the executing process finds its data (preloaded or not), quietly
     */
    R run(Trainer.Options options);
}
