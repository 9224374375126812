package lab.mnist.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import lab.mnist.runtime.NativeThreads;

/** Inference over a data set in batches: DL4J's {@link Evaluation}, the mean loss, and all outputs. */
public final class Evaluator {
    private Evaluator() {
    }

    /** Accuracy and friends, the mean cross-entropy, and the [N, 10] probabilities. */
    public record Result(Evaluation evaluation, double loss, INDArray probabilities) {
        public double accuracy() {
            return evaluation.accuracy();
        }
    }

    /** With OpenMP on every core ({@link NativeThreads#forInference}). */
    public static Result evaluate(ComputationGraph graph, DataSet data, int batchSize) {
        return NativeThreads.forInference(() -> evaluateHere(graph, data, batchSize));
    }

    private static Result evaluateHere(ComputationGraph graph, DataSet data, int batchSize) {
        int classes = (int) data.getLabels().size(1);
        Evaluation evaluation = new Evaluation(classes);
        long n = data.numExamples();
        INDArray all = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, classes);
        double lossSum = 0;
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray x = data.getFeatures().get(NDArrayIndex.interval(from, to));
            INDArray y = data.getLabels().get(NDArrayIndex.interval(from, to));
            INDArray p = graph.outputSingle(false, x);
            evaluation.eval(y, p);
            all.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(p);
            // cross-entropy of the true class; clipped so a confident mistake is large, not infinite
            INDArray trueProb = p.mul(y).sum(1);
            lossSum -= org.nd4j.linalg.ops.transforms.Transforms.log(
                    org.nd4j.linalg.ops.transforms.Transforms.max(trueProb, 1e-12), false).sumNumber().doubleValue();
        }
        return new Result(evaluation, lossSum / n, all);
    }
}
