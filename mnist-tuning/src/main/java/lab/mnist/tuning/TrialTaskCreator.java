package lab.mnist.tuning;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;

import lab.mnist.train.runs.RunExecutor;
import lab.mnist.train.runs.Shard;

/**
 * Arbiter's hook for running a candidate: turns it into a {@link TrialTask} for the shared
 * {@link RunExecutor} (the one studies use) and the trial's record into Arbiter's result. A failed trial is reported to Arbiter as {@link CandidateStatus#Failed}
 * (Arbiter counts it and goes on); pruned and stopped trials are complete candidates with the
 * score they reached.
 */
final class TrialTaskCreator implements TaskCreator {
    private final SweepFolder folder;
    private final long deadlineMillis;
    private final RunExecutor executor;
    private final Shard shard;

    TrialTaskCreator(SweepFolder folder, long deadlineMillis, RunExecutor executor, Shard shard) {
        this.folder = folder;
        this.deadlineMillis = deadlineMillis;
        this.executor = executor;
        this.shard = shard;
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
                                               ScoreFunction scoreFunction, List<StatusListener> statusListeners,
                                               IOptimizationRunner runner) {
        return task(candidate, scoreFunction, statusListeners, runner);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return task(candidate, scoreFunction, statusListeners, runner);
    }

    @SuppressWarnings("unchecked")
    private Callable<OptimizationResult> task(Candidate candidate, ScoreFunction scoreFunction,
                                              List<StatusListener> listeners, IOptimizationRunner runner) {
        long created = System.currentTimeMillis();
        if (!shard.includes(candidate.getIndex())) {
            // Another shard's trial: counted towards the budget here too, so that every shard
            // walks the same candidates, but neither run nor recorded.
            return () -> new OptimizationResult(candidate, null, candidate.getIndex(), null,
                    new CandidateInfo(candidate.getIndex(), CandidateStatus.Complete, null, created, created, created,
                            candidate.getFlatParameters(), "another shard's"), null);
        }
        return () -> {
            long start = System.currentTimeMillis();
            Map<String, Object> params = (Map<String, Object>) candidate.getValue();
            TrialRecord record = executor.run(new TrialTask(folder.dir(), candidate.getIndex(), params, deadlineMillis));
            boolean failed = record.status().equals("failed") || !record.scored();
            Double score = failed ? null : scoreFunction.score(record, (Class<? extends DataSource>) null, null);
            CandidateInfo info = new CandidateInfo(candidate.getIndex(),
                    failed ? CandidateStatus.Failed : CandidateStatus.Complete, score, created, start,
                    System.currentTimeMillis(), candidate.getFlatParameters(), record.reason());
            OptimizationResult result = new OptimizationResult(candidate, score, candidate.getIndex(), record, info, null);
            for (StatusListener l : listeners) {
                l.onCandidateStatusChange(info, runner, result);
            }
            return result;
        };
    }
}
