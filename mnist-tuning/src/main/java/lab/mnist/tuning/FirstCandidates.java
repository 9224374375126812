package lab.mnist.tuning;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * The first {@code limit} candidates of another generator, then no more. Arbiter's
 * {@code MaxCandidatesCondition} counts finished candidates only, so a runner with several trials
 * under way (a Spark sweep) would start more than the budget allows; with this, trial indices
 * 0..limit-1 are all a sweep ever runs, however many run at once.
 */
final class FirstCandidates implements CandidateGenerator {
    private final CandidateGenerator inner;
    private final int limit;
    private final java.util.concurrent.atomic.AtomicInteger handedOut = new java.util.concurrent.atomic.AtomicInteger();

    FirstCandidates(CandidateGenerator inner, int limit) {
        this.inner = inner;
        this.limit = limit;
    }

    CandidateGenerator inner() {
        return inner;
    }

    @Override
    public boolean hasMoreCandidates() {
        return handedOut.get() < limit && inner.hasMoreCandidates();
    }

    @Override
    public Candidate getCandidate() {
        handedOut.incrementAndGet();
        return inner.getCandidate();
    }

    @Override
    public void reportResults(OptimizationResult result) {
        inner.reportResults(result);
    }

    @Override
    public ParameterSpace<?> getParameterSpace() {
        return inner.getParameterSpace();
    }

    @Override
    public void setRngSeed(long rngSeed) {
        inner.setRngSeed(rngSeed);
    }

    @Override
    public Class<?> getCandidateType() {
        return inner.getCandidateType();
    }
}
