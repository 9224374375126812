package lab.mnist.tuning.tpe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.tuning.SearchSpace;
import lab.mnist.tuning.TrialRecord;
import lab.mnist.tuning.config.Sweep;

/**
 * Arbiter's {@link CandidateGenerator} for TPE ({@link TpeSampler}): each candidate is proposed
 * from the trials recorded so far, read through the history supplier (the sweep's
 * {@code trials/trial-NNN/trial.json}), not from what Arbiter reports, so a resumed sweep learns
 * from every earlier session.
 *
 * <p>Candidate i (counted from 0 per {@link #getCandidate()} call): if the history already has a
 * trial i (a resumed sweep), its recorded parameters, so that resume repeats the same trials;
 * else TPE's proposal from the completed, stopped (both COMPLETE) and pruned (PRUNED, step = epochs
 * run) trials, ignoring running and failed ones. Scores become "higher is better": negated when
 * the objective is minimised.
 *
 * <p>The candidate's value is the parameter map in the space's key order; its flat parameters are
 * one number in [0, 1] per key, the position Arbiter's leaf space of that key maps back to the
 * value (NaN for a recorded value outside the space). Candidates hold only serialisable values
 * (numbers, strings, lists), as Arbiter's {@code SerializedSupplier} needs.
 */
public final class TpeCandidateGenerator implements CandidateGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(TpeCandidateGenerator.class);

    private final SearchSpace space;
    private final Map<String, Sweep.Dimension> dimensions;
    private final Supplier<List<TrialRecord>> history;
    private final boolean minimize;
    private final AtomicInteger next = new AtomicInteger();
    private volatile long seed;

    /**
     * @param space      the Arbiter space of the same dimensions, reported by {@link #getParameterSpace()}
     * @param dimensions the sweep's space, key to dimension, in the candidates' key order
     * @param seed       the sweep's seed ({@link #setRngSeed} replaces it, as Arbiter's configuration does)
     * @param history    every trial recorded so far, e.g. {@code () -> TrialRecord.readAll(sweepDir)}
     * @param minimize   whether a lower score is better (valLoss)
     */
    public TpeCandidateGenerator(SearchSpace space, Map<String, Sweep.Dimension> dimensions, long seed,
                                 Supplier<List<TrialRecord>> history, boolean minimize) {
        this.space = space;
        this.dimensions = new LinkedHashMap<>(dimensions);
        this.seed = seed;
        this.history = history;
        this.minimize = minimize;
    }

    @Override
    public boolean hasMoreCandidates() {
        return true; // the sweep's budget ends the search
    }

    @Override
    public Candidate getCandidate() {
        int index = next.getAndIncrement();
        List<TrialRecord> records = history.get();
        Optional<TrialRecord> recorded = records.stream().filter(r -> r.index() == index).findFirst();
        Map<String, Object> params;
        if (recorded.isPresent()) {
            params = new LinkedHashMap<>(recorded.get().params());
            LOG.debug("candidate {}: the recorded trial's parameters", index);
        } else {
            List<Observation> observations = observations(records, minimize);
            params = TpeSampler.propose(dimensions, observations, seed, index);
            LOG.debug("candidate {}: {} from {} trials", index,
                    observations.size() < TpeSampler.N_STARTUP_TRIALS ? "prior sample" : "TPE proposal",
                    observations.size());
        }
        return new Candidate<>(params, index, flat(params));
    }

    /**
     * The records TPE learns from, oldest first: completed and stopped trials with their score,
     * pruned ones with the score of their last epoch and the number of epochs run; running,
     * failed and unscored trials are left out.
     */
    static List<Observation> observations(List<TrialRecord> records, boolean minimize) {
        double sign = minimize ? -1 : 1;
        List<Observation> out = new ArrayList<>();
        records.stream().sorted(Comparator.comparingInt(TrialRecord::index)).forEach(r -> {
            switch (r.status()) {
                case "completed", "stopped" -> {
                    if (r.scored()) {
                        out.add(Observation.complete(r.params(), sign * r.score()));
                    }
                }
                case "pruned" -> {
                    List<Double> scores = r.scores();
                    Double last = scores.isEmpty() ? null : scores.get(scores.size() - 1);
                    out.add(Observation.pruned(r.params(), last == null ? Double.NaN : sign * last, scores.size()));
                }
                default -> { // running or failed: nothing to learn yet
                }
            }
        });
        return out;
    }

    private double[] flat(Map<String, Object> params) {
        return dimensions.entrySet().stream()
                .mapToDouble(e -> Axis.of(e.getValue()).unit(params.get(e.getKey()))).toArray();
    }

    @Override
    public void reportResults(OptimizationResult result) {
        // Nothing to keep: the history supplier has every trial, including this one.
    }

    @Override
    public ParameterSpace<?> getParameterSpace() {
        return space;
    }

    @Override
    public void setRngSeed(long rngSeed) {
        this.seed = rngSeed;
    }

    @Override
    public Class<?> getCandidateType() {
        return Map.class;
    }

    /** What the sweep log and summary call this generator. */
    public String describe() {
        return "tpe (Optuna defaults: " + TpeSampler.N_STARTUP_TRIALS + " start-up trials, gamma min(ceil(0.1n),"
                + TpeSampler.MAX_BELOW + "), " + TpeSampler.N_EI_CANDIDATES + " EI candidates)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
