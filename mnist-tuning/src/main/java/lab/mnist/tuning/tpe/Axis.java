package lab.mnist.tuning.tpe;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

import lab.mnist.train.Trainer;
import lab.mnist.tuning.config.Sweep;

/**
 * One key of the search space in TPE's internal representation (Optuna's {@code to_internal_repr}
 * and its log transform): {@code uniform} as is, {@code logUniform} as ln x, {@code intRange} as
 * the integer (step 1), {@code choice} as the index of the value. Maps values both ways, draws
 * from the prior, fits the {@link ParzenEstimator}, and gives Arbiter's [0, 1] encoding.
 */
final class Axis {
    private enum Kind { UNIFORM, LOG_UNIFORM, INT_RANGE, CHOICE }

    private final Kind kind;
    /** Bounds in the internal representation. */
    private final double low;
    private final double high;
    /** A log key's bounds as written, so that proposals never leave them by a rounding error of exp(ln x). */
    private final double lowValue;
    private final double highValue;
    /** The choice values as plain Java values, as {@code SearchSpace} gives them. */
    private final List<Object> choices;

    private Axis(Kind kind, double lowValue, double highValue, List<Object> choices) {
        this.kind = kind;
        this.lowValue = lowValue;
        this.highValue = highValue;
        this.low = kind == Kind.LOG_UNIFORM ? Math.log(lowValue) : lowValue;
        this.high = kind == Kind.LOG_UNIFORM ? Math.log(highValue) : highValue;
        this.choices = choices;
    }

    static Axis of(Sweep.Dimension d) {
        if (d.choice() != null) {
            List<Object> plain = d.choice().stream().map(n -> Trainer.JSON.convertValue(n, Object.class)).toList();
            return new Axis(Kind.CHOICE, 0, plain.size() - 1, plain);
        }
        if (d.uniform() != null) {
            return new Axis(Kind.UNIFORM, d.uniform().get(0), d.uniform().get(1), null);
        }
        if (d.logUniform() != null) {
            return new Axis(Kind.LOG_UNIFORM, d.logUniform().get(0), d.logUniform().get(1), null);
        }
        return new Axis(Kind.INT_RANGE, d.intRange().get(0), d.intRange().get(1), null);
    }

    /**
     * A recorded value in the internal representation, or NaN when it is missing or outside the
     * space (a trial of an older space): such a trial then does not enter this key's estimators,
     * as Optuna skips trials without the parameter.
     */
    double internal(Object value) {
        if (kind == Kind.CHOICE) {
            int i = choices.indexOf(value);
            return i < 0 ? Double.NaN : i;
        }
        if (!(value instanceof Number number)) {
            return Double.NaN;
        }
        double x = kind == Kind.LOG_UNIFORM ? Math.log(number.doubleValue()) : number.doubleValue();
        boolean inside = x >= low && x <= high && (kind != Kind.INT_RANGE || x == Math.rint(x));
        return inside ? x : Double.NaN;
    }

    /** The value of an internal point: exp for log keys, rounded for int keys, clamped into the bounds. */
    Object external(double x) {
        return switch (kind) {
            case UNIFORM -> clamp(x, low, high);
            case LOG_UNIFORM -> clamp(Math.exp(x), lowValue, highValue);
            case INT_RANGE -> (int) Math.rint(clamp(x, low, high));
            case CHOICE -> choices.get((int) Math.rint(clamp(x, low, high)));
        };
    }

    private static double clamp(double x, double low, double high) {
        return Math.min(Math.max(x, low), high);
    }

    /** A draw from the prior: uniform in the internal representation, uniform over the integers or choices. */
    double prior(UniformRandomProvider rng) {
        return switch (kind) {
            case UNIFORM, LOG_UNIFORM -> low + rng.nextDouble() * (high - low);
            case INT_RANGE, CHOICE -> low + rng.nextInt((int) (high - low) + 1);
        };
    }

    /** The estimator of this key over observations in the internal representation (NaN-free), oldest first. */
    ParzenEstimator estimator(double[] observed, double[] weights) {
        if (kind == Kind.CHOICE) {
            int[] indices = new int[observed.length];
            for (int i = 0; i < observed.length; i++) {
                indices[i] = (int) observed[i];
            }
            return ParzenEstimator.categorical(indices, weights, choices.size());
        }
        return ParzenEstimator.numerical(observed, weights, low, high, kind == Kind.INT_RANGE ? 1 : 0);
    }

    /**
     * Arbiter's flat encoding of a value, in [0, 1], chosen so that Arbiter's leaf space of this key
     * ({@code SearchSpace}) maps it back to the value: the CDF position for uniform and log-uniform
     * keys, the middle of the value's cell for int keys and choices; NaN for a value outside the space.
     */
    double unit(Object value) {
        double x = internal(value);
        return switch (kind) {
            case UNIFORM, LOG_UNIFORM -> (x - low) / (high - low);
            case INT_RANGE, CHOICE -> (x - low + 0.5) / (high - low + 1);
        };
    }
}
