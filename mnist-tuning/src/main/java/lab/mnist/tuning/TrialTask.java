package lab.mnist.tuning;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import lab.mnist.train.Trainer;
import lab.mnist.train.runs.RunTask;

/**
 * A trial as a task for the shared runner: the sweep folder, the trial's index and parameters,
 * and the budget's deadline. The executing process reopens the sweep folder from disk.
 */
record TrialTask(String sweepDir, int index, LinkedHashMap<String, Object> params, long deadlineMillis)
        implements RunTask<TrialRecord> {

    TrialTask(Path sweepDir, int index, Map<String, Object> params, long deadlineMillis) {
        // A String: a Path does not serialise. Absolute: an executor in another process has its own working folder.
        this(sweepDir.toAbsolutePath().normalize().toString(), index, new LinkedHashMap<>(params), deadlineMillis);
    }

    @Override
    public String describe() {
        return "trial " + index;
    }

    @Override
    public TrialRecord run(Trainer.Options options) {
        return Trial.run(SweepFolder.open(Path.of(sweepDir)), index, params, deadlineMillis, options);
    }
}
