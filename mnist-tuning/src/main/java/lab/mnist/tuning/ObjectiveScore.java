package lab.mnist.tuning;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

import lab.mnist.train.Metrics;

/**
 * Arbiter's score function for a trial: the best epoch's validation accuracy (maximised) or
 * validation loss (minimised). The "model" Arbiter hands it is the finished {@link TrialRecord}:
 * the epochs were measured by the trial's own run, so nothing is evaluated twice.
 */
public final class ObjectiveScore implements ScoreFunction {
    private final String metric;

    public ObjectiveScore(String metric) {
        this.metric = metric;
    }

    /** The objective of one epoch's figures. */
    public double of(Metrics.Epoch e) {
        return metric.equals("valLoss") ? e.valLoss() : e.valAccuracy();
    }

    /** The score as "higher is better", for ranking and pruning. */
    public double oriented(double score) {
        return minimize() ? -score : score;
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        return score(model);
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        return score(model);
    }

    private double score(Object model) {
        if (!(model instanceof TrialRecord t)) {
            throw new IllegalArgumentException("expected a TrialRecord, got " + model);
        }
        return t.score() == null ? Double.NaN : t.score();
    }

    @Override
    public boolean minimize() {
        return metric.equals("valLoss");
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(TrialRecord.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(Object.class);
    }

    @Override
    public String toString() {
        return "ObjectiveScore(" + metric + ")";
    }
}
