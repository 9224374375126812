package lab.mnist.tuning.tpe;

import java.util.Map;
import java.util.Objects;

/**
 * One finished trial as TPE sees it: its parameters, its objective as "higher is better" (a
 * minimised metric is negated by the caller), and whether it ran to its end or was pruned.
 *
 * <p>A history is a list of observations, oldest first (by trial index): the age decides the
 * observation weights ({@link TpeSampler#defaultWeights}). Running and failed trials are no
 * observations (Optuna's TPE only sees COMPLETE and PRUNED trials unless {@code constant_liar}).
 *
 * @param params the trial's parameters, key to value as in a candidate
 * @param value  the objective, higher is better: the final score of a complete trial, the score at
 *               the last step reached by a pruned one (Optuna's {@code intermediate_values[max step]});
 *               NaN ranks last
 * @param state  {@link State#COMPLETE} or {@link State#PRUNED}
 * @param step   for a pruned trial, how far it got (epochs); pruned trials that got further rank first
 */
public record Observation(Map<String, Object> params, double value, State state, int step) {
    /** Optuna's trial states that TPE learns from. */
    public enum State { COMPLETE, PRUNED }

    public Observation {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(state, "state");
    }

    public static Observation complete(Map<String, Object> params, double value) {
        return new Observation(params, value, State.COMPLETE, 0);
    }

    public static Observation pruned(Map<String, Object> params, double value, int step) {
        return new Observation(params, value, State.PRUNED, step);
    }
}
