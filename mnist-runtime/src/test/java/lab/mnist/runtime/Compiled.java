package lab.mnist.runtime;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;

/** Zoo graphs as the trainer runs them: built stock, then compiled by the fast path for training. */
public final class Compiled {
    private Compiled() {
    }

    public static ComputationGraph build(String model, HyperParameters hp) {
        return FastPath.compile(ModelZoo.build(model, hp), FastPath.Use.TRAINING);
    }

    public static ComputationGraph build(String model, HyperParameters hp, IUpdater updater, long seed) {
        return FastPath.compile(ModelZoo.build(model, hp, updater, seed), FastPath.Use.TRAINING);
    }

    public static ComputationGraph init(ComputationGraphConfiguration conf, HyperParameters hp, long seed) {
        return FastPath.compile(ModelZoo.init(conf, hp, seed), FastPath.Use.TRAINING);
    }
}
