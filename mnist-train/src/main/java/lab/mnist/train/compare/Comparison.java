package lab.mnist.train.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import lab.mnist.train.TestPredictions;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.stats.McNemarTest;
import lab.mnist.train.stats.PairedBootstrap;
import lab.mnist.train.stats.WelchTest;

/** Computes a comparison of two sides. */
public final class Comparison {
    public static final double ALPHA = 0.05;
    static final int LISTED_DISAGREEMENTS = 60;

    private Comparison() {
    }

    public static ComparisonResult of(Path a, Path b, long seed, int resamples) {
        Side sa = Side.open(a);
        Side sb = Side.open(b);
        if (sa.isStudy() != sb.isStudy()) {
            throw new ConfigException("", "compare takes two runs or two studies; " + a + " is a "
                    + (sa.isStudy() ? "study" : "run") + " and " + b + " a " + (sb.isStudy() ? "study" : "run"));
        }
        TestPredictions.TestSet set = sameTestSet(a, sa);
        TestPredictions.TestSet setB = sameTestSet(b, sb);
        if (!set.equals(setB)) {
            throw new ConfigException("", "not the same test set: " + a + " was evaluated on " + describe(set) + ", "
                    + b + " on " + describe(setB));
        }
        String labelA = sa.label();
        String labelB = sb.label();
        if (labelA.equals(labelB)) {
            labelA += " (A)";
            labelB += " (B)";
        }
        TestPredictions reference = sa.predictions().get(0);
        int[] labels = reference.label();
        int[] votesA = sa.votes();
        int[] votesB = sb.votes();
        boolean[] rightA = right(votesA, labels);
        boolean[] rightB = right(votesB, labels);
        McNemarTest mcNemar = McNemarTest.of(rightA, rightB);
        PairedBootstrap bootstrap = PairedBootstrap.accuracyDifference(rightA, rightB, 0.95, resamples, seed);

        WelchTest welch = null;
        ComparisonResult.SeedPairs pairs = null;
        double difference;
        if (sa.isStudy()) {
            double[] accA = sa.predictions().stream().mapToDouble(TestPredictions::accuracy).toArray();
            double[] accB = sb.predictions().stream().mapToDouble(TestPredictions::accuracy).toArray();
            if (accA.length < 2 || accB.length < 2) {
                throw new ConfigException("", "comparing studies needs at least 2 tested seeds on each side; "
                        + sa.label() + " has " + accA.length + ", " + sb.label() + " " + accB.length);
            }
            welch = WelchTest.of(accA, accB, 0.95);
            difference = welch.difference();
            pairs = seedPairs(sa, sb);
        } else {
            difference = bootstrap.difference();
        }
        String verdict = sa.isStudy() ? studyVerdict(labelA, labelB, sa, sb, welch, mcNemar)
                : runVerdict(labelA, labelB, sa.accuracy(), sb.accuracy(), mcNemar, bootstrap);

        List<ComparisonResult.Disagreement> listed = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (rightA[i] != rightB[i]) {
                count++;
                if (listed.size() < LISTED_DISAGREEMENTS) {
                    listed.add(new ComparisonResult.Disagreement(reference.index()[i], labels[i], votesA[i], votesB[i]));
                }
            }
        }
        lab.mnist.train.RunEnvironment env = lab.mnist.train.RunEnvironment.capture();
        return new ComparisonResult(sa.isStudy() ? "studies" : "runs", info(sa, labelA), info(sb, labelB), set, difference,
                mcNemar, bootstrap, welch, pairs, ALPHA, verdict, confusion(labels, votesA), confusion(labels, votesB),
                listed, count, null, env.gitCommit(), java.time.OffsetDateTime.now().withNano(0).toString());
    }

    private static TestPredictions.TestSet sameTestSet(Path given, Side side) {
        TestPredictions.TestSet set = side.predictions().get(0).testSet();
        for (int i = 1; i < side.predictions().size(); i++) {
            if (!side.predictions().get(i).testSet().equals(set)) {
                throw new ConfigException("", given + ": its runs were not all evaluated on the same test set ("
                        + side.runs().get(0) + " and " + side.runs().get(i) + " differ)");
            }
        }
        return set;
    }

    private static String describe(TestPredictions.TestSet set) {
        return String.format(Locale.ROOT, "%,d examples with labels sha256 %s…", set.examples(),
                set.labelsSha256().substring(0, 12));
    }

    private static ComparisonResult.SideInfo info(Side s, String label) {
        return new ComparisonResult.SideInfo(label, s.dir().toString(), s.isStudy() ? "study" : "run",
                s.isStudy() ? s.study().model() : s.run().model(), s.accuracy(),
                s.isStudy() ? s.study().testAccuracy() : null, s.runs().size(),
                s.runs().stream().map(Path::toString).toList(), s.configYaml());
    }

    private static boolean[] right(int[] predicted, int[] labels) {
        boolean[] r = new boolean[labels.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = predicted[i] == labels[i];
        }
        return r;
    }

    private static int[][] confusion(int[] labels, int[] predicted) {
        int classes = Math.max(10, Math.max(Arrays.stream(labels).max().orElse(0), Arrays.stream(predicted).max().orElse(0)) + 1);
        int[][] m = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }

    private static ComparisonResult.SeedPairs seedPairs(Side a, Side b) {
        Map<String, Double> p = new LinkedHashMap<>();
        int forA = 0;
        int forB = 0;
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < a.predictions().size(); i++) {
            for (int j = 0; j < b.predictions().size(); j++) {
                McNemarTest t = McNemarTest.of(a.predictions().get(i).right(), b.predictions().get(j).right());
                p.put(a.runs().get(i).getFileName() + " vs " + b.runs().get(j).getFileName(), t.pValue());
                all.add(t.pValue());
                if (t.pValue() < ALPHA) {
                    if (t.b() > t.c()) {
                        forA++;
                    } else {
                        forB++;
                    }
                }
            }
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new ComparisonResult.SeedPairs(sorted.length, forA, forB, median, p);
    }

    static String runVerdict(String a, String b, double accA, double accB, McNemarTest m, PairedBootstrap boot) {
        boolean significant = m.pValue() < ALPHA; // false for a NaN p-value
        String interval = String.format(Locale.ROOT, "%s points (95%% bootstrap interval %s to %s)",
                points(boot.difference()), points(boot.low()), points(boot.high()));
        String test = String.format(Locale.ROOT, "McNemar's test (%s; b = %d, c = %d) gives p = %s", m.method(), m.b(),
                m.c(), p(m.pValue()));
        if (!significant) {
            return String.format(Locale.ROOT, "No significant difference between %s (%s) and %s (%s): A - B = %s; %s, "
                    + "not significant at the 5%% level.", a, pct(accA), b, pct(accB), interval, test);
        }
        boolean aBetter = m.b() > m.c();
        return String.format(Locale.ROOT, "%s is more accurate than %s (%s against %s): A - B = %s; %s, significant "
                + "at the 5%% level.", aBetter ? a : b, aBetter ? b : a, pct(aBetter ? accA : accB),
                pct(aBetter ? accB : accA), interval, test);
    }

    static String studyVerdict(String a, String b, Side sa, Side sb, WelchTest w, McNemarTest votes) {
        String means = String.format(Locale.ROOT, "mean test accuracy %s over %d seeds against %s over %d",
                pct(sa.accuracy()), sa.predictions().size(), pct(sb.accuracy()), sb.predictions().size());
        String welch = String.format(Locale.ROOT, "A - B = %s points (95%% CI %s to %s), Welch's t-test p = %s",
                points(w.difference()), points(w.low()), points(w.high()), p(w.pValue()));
        String vote = String.format(Locale.ROOT, "McNemar on the majority votes (b = %d, c = %d) p = %s", votes.b(),
                votes.c(), p(votes.pValue()));
        if (!(w.pValue() < ALPHA)) {
            String votesToo = votes.pValue() < ALPHA
                    ? "; the majority votes do differ (" + vote + "), which speaks for these seeds' models, not for "
                            + "the recipes: more seeds would tell the means apart" : "; " + vote;
            return String.format(Locale.ROOT, "No significant difference in mean between %s and %s: %s; %s%s.", a, b,
                    means, welch, votesToo);
        }
        boolean aBetter = w.difference() > 0;
        return String.format(Locale.ROOT, "%s is more accurate on average than %s: %s; %s, significant at the 5%% level; "
                + "%s.", aBetter ? a : b, aBetter ? b : a, means, welch, vote);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    static String points(double v) {
        return String.format(Locale.ROOT, "%+.2f", v * 100);
    }

    static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
