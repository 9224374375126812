package lab.mnist.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import lab.mnist.tuning.config.Sweep;

/**
 * Decides after an epoch whether a trial lags so far behind the others that it should stop and
 * free the budget: what Optuna's pruners and KerasTuner's Hyperband do, and Arbiter does not.
 *
 * <p>Decisions are pure functions of score curves, so they are tested on synthetic curves, and a
 * trial reads the other trials' curves from their {@code trial.json} files, never from the
 * sweep's memory. Scores are "higher is better" here (a loss is negated); a curve's entry
 * {@code e-1} is the best score up to epoch {@code e}.
 */
public interface Pruner {

    /**
     * @param curve  this trial's best-so-far scores, one per finished epoch
     * @param others the other trials' curves, each with its status
     * @return why to stop now, or null to go on
     */
    String prune(List<Double> curve, List<Other> others);

    /** Another trial's curve and whether it finished (completed trials are the median rule's reference). */
    record Other(List<Double> curve, boolean finished) {
    }

    static Pruner of(Sweep.Pruning p) {
        return switch (p.type()) {
            case "median" -> new Median(p.minEpochs(), p.minTrials());
            case "halving" -> new SuccessiveHalving(p.minEpochs(), p.eta());
            default -> (curve, others) -> null;
        };
    }

    /**
     * The median stopping rule (Google Vizier; Optuna's MedianPruner): from {@code minEpochs} on,
     * stop a trial whose best score so far is below the median of the finished trials' best
     * scores at the same epoch, once {@code minTrials} finished trials have reached it.
     */
    record Median(int minEpochs, int minTrials) implements Pruner {
        @Override
        public String prune(List<Double> curve, List<Other> others) {
            int epoch = curve.size();
            if (epoch < minEpochs) {
                return null;
            }
            List<Double> reference = new ArrayList<>();
            for (Other o : others) {
                if (o.finished() && o.curve().size() >= epoch) {
                    reference.add(o.curve().get(epoch - 1));
                }
            }
            if (reference.size() < minTrials) {
                return null;
            }
            double median = median(reference);
            double mine = curve.get(epoch - 1);
            return mine < median ? String.format(Locale.ROOT, "score %.4f at epoch %d is below the median %.4f of "
                    + "%d finished trials", mine, epoch, median, reference.size()) : null;
        }

        static double median(List<Double> values) {
            List<Double> s = new ArrayList<>(values);
            Collections.sort(s);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }
    }

    /**
     * Asynchronous successive halving (Li et al., ASHA; Optuna's SuccessiveHalvingPruner). Rungs
     * sit at epochs {@code minEpochs * eta^k}. At a rung a trial goes on only if its score is in
     * the top {@code 1/eta} of every trial that reached the rung, itself included, whether those
     * trials went on or not. While fewer than {@code eta} trials have reached a rung, only the best
     * one so far goes on, as Optuna does, since a stopped trial is never resumed.
     */
    record SuccessiveHalving(int minEpochs, int eta) implements Pruner {
        @Override
        public String prune(List<Double> curve, List<Other> others) {
            int epoch = curve.size();
            if (!isRung(epoch)) {
                return null;
            }
            List<Double> competing = new ArrayList<>();
            for (Other o : others) {
                if (o.curve().size() >= epoch) {
                    competing.add(o.curve().get(epoch - 1));
                }
            }
            double mine = curve.get(epoch - 1);
            competing.add(mine);
            competing.sort(Collections.reverseOrder());
            int promoted = Math.max(1, competing.size() / eta);
            double cutoff = competing.get(promoted - 1);
            return mine < cutoff ? String.format(Locale.ROOT, "score %.4f at epoch %d is not in the top %d of the "
                    + "%d trials that reached this rung (cut-off %.4f)", mine, epoch, promoted, competing.size(), cutoff)
                    : null;
        }

        boolean isRung(int epoch) {
            for (long r = minEpochs; r <= epoch; r *= eta) {
                if (r == epoch) {
                    return true;
                }
            }
            return false;
        }
    }
}
