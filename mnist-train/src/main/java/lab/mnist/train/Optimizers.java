package lab.mnist.train;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import lab.mnist.runtime.updaters.HeavyBallMomentum;
import lab.mnist.train.config.Sections;

/**
 * Maps the {@code optimizer:} and {@code schedule:} sections onto DL4J.
 *
 * <p>Every optimizer is DL4J's own but one: {@code sgd} with a momentum is PyTorch's heavy-ball
 * momentum ({@link HeavyBallMomentum}), which DL4J lacks (it ships only Nesterov's, which is
 * {@code nesterov} here). The fast path swaps Adam for a faster one with the same arithmetic
 * ({@code FastPath}). Weight decay is PyTorch's coupled L2 for every optimizer but AdamW, where it
 * is decoupled (Loshchilov and Hutter, 2019).
 */
public final class Optimizers {
    private Optimizers() {
    }

    public static IUpdater updater(Sections.Optimizer o) {
        return switch (o.type()) {
            case "sgd" -> o.momentum() > 0 ? new HeavyBallMomentum(o.lr(), o.momentum()) : new Sgd(o.lr());
            case "nesterov" -> new Nesterovs(o.lr(), o.momentum() > 0 ? o.momentum() : 0.9);
            case "adam", "adamw" -> new Adam(o.lr(), o.beta1(), o.beta2(), o.epsilon());
            case "rmsprop" -> new RmsProp(o.lr(), 0.99, o.epsilon()); // PyTorch's default alpha
            default -> throw new IllegalStateException("validated: " + o.type());
        };
    }

    /** Adds the optimizer's weight decay to every layer that has weights. */
    public static void applyWeightDecay(ComputationGraphConfiguration conf, Sections.Optimizer o) {
        if (o.weightDecay() <= 0) {
            return;
        }
        // PyTorch's weight_decay adds wd * w to the gradient: DL4J's L2Regularization does the same.
        Regularization r = o.type().equals("adamw") ? new WeightDecay(o.weightDecay(), true)
                : new L2Regularization(o.weightDecay());
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer
                    && layer.getRegularization() != null) {
                List<Regularization> list = new java.util.ArrayList<>(layer.getRegularization());
                list.add(r);
                layer.setRegularization(list);
            }
        }
    }

    /**
     * The learning rate of step {@code step} (0-based) of {@code totalSteps}, for per-step
     * schedules: PyTorch's {@code OneCycleLR} with cosine annealing, from {@code lr / divFactor} up to
     * {@code lr} over the first {@code pctStart} of the steps, then down to
     * {@code lr / divFactor / finalDivFactor} at the last step. (Its momentum cycling is not
     * reproduced: the optimizer's momentum or beta1 stays as configured.)
     */
    public static double stepLearningRate(Sections.Optimizer o, Sections.Schedule s, long step, long totalSteps) {
        double max = o.lr();
        double initial = max / s.divFactor();
        double min = initial / s.finalDivFactor();
        double endUp = s.pctStart() * totalSteps - 1;
        double endDown = totalSteps - 1;
        if (step <= endUp) {
            return cosineAnneal(initial, max, endUp <= 0 ? 1 : step / endUp);
        }
        return cosineAnneal(max, min, (step - endUp) / Math.max(1e-12, endDown - endUp));
    }

    private static double cosineAnneal(double start, double end, double fraction) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * Math.min(1, fraction)) + 1);
    }

    /** The learning rate of epoch {@code epoch} (0-based): warm-up, then the schedule. */
    public static double learningRate(Sections.Optimizer o, Sections.Schedule s, int epoch, int totalEpochs) {
        double lr = o.lr();
        if (epoch < s.warmupEpochs()) {
            double start = lr / 10;
            return start + (lr - start) * epoch / s.warmupEpochs();
        }
        int e = epoch - s.warmupEpochs();
        // PyTorch's CosineAnnealingLR with T_max = the schedule's epochs, stepped per epoch: the first
        // epoch at lr, the curve's end (minLr) one epoch after the last, so the last epoch still learns.
        int span = Math.max(1, totalEpochs - s.warmupEpochs());
        return switch (s.type()) {
            case "none" -> lr;
            case "step" -> lr * Math.pow(s.gamma(), Math.floorDiv(e, s.stepEpochs()));
            case "exponential" -> lr * Math.pow(s.gamma(), e);
            case "cosine" -> s.minLr() + (lr - s.minLr()) * 0.5 * (1 + Math.cos(Math.PI * Math.min(e, span) / span));
            case "onecycle" -> throw new IllegalStateException("onecycle is per step: stepLearningRate");
            default -> throw new IllegalStateException("validated: " + s.type());
        };
    }
}
