package lab.mnist.report;

import java.nio.file.Files;
import java.nio.file.Path;

/** Run and sweep folders as mnist-train and mnist-tuning write them, for the report tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A finished run folder as mnist-train writes one (small images, made-up figures). */
    static void completeRun(Path run, String experiment) throws Exception {
        Files.writeString(run.resolve("summary.json"), """
                {"experiment": "%s", "model": "lenet5", "params": 61706, "epochs": 2, "testAccuracy": 0.9633,
                 "bestValAccuracy": 0.95, "bestEpoch": 2, "untrainedTestAccuracy": 0.1355,
                 "trainSamplesPerSecond": 1743.9, "wallSeconds": 114.3, "backend": "cpu (CpuBackend)",
                 "status": "completed", "seed": 4, "gitCommit": "abc123", "dl4jVersion": "1.0.0-M2.1",
                 "referenceTestAccuracy": 0.966}
                """.formatted(experiment.replace("\"", "\\\"")));
        Files.writeString(run.resolve("metrics.json"), """
                [{"epoch":1,"learningRate":0.001,"trainLoss":1.9,"trainAccuracy":0.84,"valLoss":0.4,"valAccuracy":0.9,"seconds":37.5,"samplesPerSecond":1601},
                 {"epoch":2,"learningRate":0.001,"trainLoss":0.29,"trainAccuracy":0.94,"valLoss":"NaN","valAccuracy":0.95,"seconds":34.7,"samplesPerSecond":1731}]
                """);
        Files.writeString(run.resolve("iterations.csv"), "iteration,epoch,loss\n1,1,2.30\n2,1,2.25\n3,2,1.10\n");
        Files.writeString(run.resolve("config.yaml"), "name: " + experiment + "\nseed: 4\n");
        Files.writeString(run.resolve("environment.json"), "{\"backend\":\"cpu\",\"threads\":2}");
        Files.writeString(run.resolve("model-summary.txt"), "layer  type\nconv1  ConvolutionLayer\n");
        Files.writeString(run.resolve("data-summary.json"),
                "{\"train\":[1,2,3,4,5,6,7,8,9,10],\"validation\":[0,0,0,0,0,0,0,0,0,0],\"test\":[1,1,1,1,1,1,1,1,1,1],"
                        + "\"trainPixels\":{\"min\":0,\"mean\":0.1307,\"max\":1,\"std\":0.3081}}");
        Files.writeString(run.resolve("test-report.txt"), "test accuracy 0.9633 (367 errors of 10000)\n");
        StringBuilder confusion = new StringBuilder("[");
        for (int r = 0; r < 10; r++) {
            confusion.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < 10; c++) {
                confusion.append(c == 0 ? "" : ",").append(r == c ? 950 + r : (r + c) % 7);
            }
            confusion.append(']');
        }
        Files.writeString(run.resolve("test-metrics.json"), "{\"accuracy\":0.9633,\"confusion\":" + confusion + "]}");
        Files.writeString(run.resolve("misclassified.csv"), "index,label,predicted,confidence\n7,4,9,0.98\n");
        for (String png : new String[] {"data-samples.png", "misclassified.png"}) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                    "png", run.resolve(png).toFile());
        }
    }

    /**
     * A sweep folder with four trials: completed (the best), pruned, failed, and one whose learning
     * rate is written as a string with markup, to test escaping. Without summary when unfinished.
     */
    static void sweep(Path dir, boolean finished) throws Exception {
        Files.createDirectories(dir.resolve("trials"));
        Files.writeString(dir.resolve("sweep.yaml"), """
                name: lenet-lr
                base: base.yaml
                space:
                  optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}
                  train.batchSize: {choice: [32, 64]}
                objective: {metric: valAccuracy}
                """);
        Files.writeString(dir.resolve("base.yaml"), "name: base\n");
        String[] trials = {
            "{\"index\":0,\"params\":{\"optimizer.lr\":0.003,\"train.batchSize\":64},\"status\":\"completed\",\"scores\":[0.95,0.975,0.981],\"score\":0.981,\"bestEpoch\":3,\"testAccuracy\":0.979,\"seconds\":40.5,\"runDir\":\"trials/trial-000\"}",
            "{\"index\":1,\"params\":{\"optimizer.lr\":0.0002,\"train.batchSize\":32},\"status\":\"pruned\",\"reason\":\"score 0.80 at epoch 1 is not in the top 1\",\"scores\":[0.80],\"score\":0.80,\"bestEpoch\":1,\"seconds\":12.0,\"runDir\":\"trials/trial-001\"}",
            "{\"index\":2,\"params\":{\"optimizer.lr\":0.09,\"train.batchSize\":32},\"status\":\"failed\",\"reason\":\"training diverged\",\"scores\":[],\"bestEpoch\":0,\"seconds\":3.0,\"runDir\":\"trials/trial-002\"}",
            "{\"index\":3,\"params\":{\"optimizer.lr\":0.01,\"train.batchSize\":\"<script>alert(1)</script>\"},\"status\":\"completed\",\"scores\":[0.96,0.97,0.97],\"score\":0.97,\"bestEpoch\":2,\"seconds\":38.0,\"runDir\":\"trials/trial-003\"}"};
        for (int i = 0; i < trials.length; i++) {
            Path t = dir.resolve("trials").resolve(String.format("trial-%03d", i));
            Files.createDirectories(t);
            Files.writeString(t.resolve("trial.json"), trials[i]);
        }
        completeRun(dir.resolve("trials/trial-000"), "lenet-lr-trial-000");
        RunReport.write(dir.resolve("trials/trial-000"));
        if (finished) {
            Files.writeString(dir.resolve("summary.json"), """
                    {"sweep":"lenet-lr","objective":"valAccuracy","trials":4,"completed":2,"pruned":1,"stopped":0,
                     "failed":1,"bestScore":0.981,"bestTrial":0,"bestParams":{"optimizer.lr":0.003,"train.batchSize":64},
                     "bestTestAccuracy":0.979,"bestRunDir":"trials/trial-000","wallSeconds":100.0,"trialSeconds":93.5,
                     "trialEpochs":7,"generator":"random","pruning":"halving","seed":11,"gitCommit":"abc123",
                     "dl4jVersion":"1.0.0-M2.1","backend":"cpu"}
                    """);
        }
    }

    /**
     * A study folder of three seeds (96.00%, 96.50%, 97.00%; mean 96.50%, sd 0.50, 95% interval
     * 96.50 -+ 4.303 * 0.5 / sqrt(3) = 95.26% to 97.74%), each seed a complete run.
     */
    static void study(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("study.yaml"), "name: lenet-study\nexperiment: experiments/seed-004-lenet5.yaml\n"
                + "seeds: [1, 2, 3]\noverrides: [train.epochs=2]\nframework: dl4j\nexecutor: in-process\n");
        StringBuilder seeds = new StringBuilder();
        double[] acc = {0.96, 0.965, 0.97};
        for (int s = 1; s <= 3; s++) {
            Path run = Files.createDirectories(dir.resolve("runs/seed-00" + s));
            completeRun(run, "lenet-study-seed-" + s);
            RunReport.write(run);
            seeds.append(s == 1 ? "" : ",").append("""
                    {"seed": %d, "status": "completed", "testAccuracy": %s, "bestValAccuracy": null, "bestEpoch": 2,
                     "epochs": 2, "wallSeconds": 30.5, "trainSamplesPerSecond": 9000, "runDir": "runs/seed-00%d"}
                    """.formatted(s, acc[s - 1], s));
        }
        Files.writeString(dir.resolve("study.json"), """
                {"study": "lenet-study", "framework": "dl4j", "experiment": "experiments/seed-004-lenet5.yaml",
                 "model": "lenet5", "overrides": ["train.epochs=2"], "seeds": [%s], "counted": 3, "failed": 0,
                 "testAccuracy": {"n": 3, "mean": 0.965, "sd": 0.005, "level": 0.95, "low": 0.95258,
                                  "high": 0.97742, "min": 0.96, "max": 0.97},
                 "bestValAccuracy": null,
                 "wallSeconds": {"n": 3, "mean": 30.5, "sd": 0.0, "level": 0.95, "low": 30.5, "high": 30.5, "min": 30.5, "max": 30.5},
                 "totalWallSeconds": 91.5, "testSet": {"examples": 10000, "labelsSha256": "ab12"},
                 "executor": "in-process", "gitCommit": "abc123", "dl4jVersion": "1.0.0-M2.1", "backend": "cpu",
                 "studyDir": "%s"}
                """.formatted(seeds, dir.toString().replace("\\", "/")));
    }

    /** A comparison of two runs as {@code compare} writes it: A better on the diagonal of class 3. */
    static void comparison(Path dir, Path runA, Path runB) throws Exception {
        Files.createDirectories(dir);
        int[][] a = new int[10][10];
        int[][] b = new int[10][10];
        for (int i = 0; i < 10; i++) {
            a[i][i] = 980;
            b[i][i] = 980;
        }
        a[3][3] += 3;
        b[3][5] += 3;
        String confusionA = java.util.Arrays.deepToString(a);
        String confusionB = java.util.Arrays.deepToString(b);
        Files.writeString(dir.resolve("compare.json"), """
                {"kind": "runs",
                 "a": {"label": "<i>wide</i>", "path": "%s", "kind": "run", "model": "cnn-wide", "accuracy": 0.9903,
                       "testAccuracy": null, "runs": 1, "runDirs": ["%s"], "config": "name: wide\\nmodel:\\n  name: cnn-wide\\nseed: 4\\n"},
                 "b": {"label": "lenet", "path": "%s", "kind": "run", "model": "lenet5", "accuracy": 0.9900,
                       "testAccuracy": null, "runs": 1, "runDirs": ["%s"], "config": "name: lenet\\nmodel:\\n  name: lenet5\\nseed: 4\\n"},
                 "testSet": {"examples": 10000, "labelsSha256": "ab12"}, "difference": 0.0003,
                 "mcNemar": {"b": 7, "c": 4, "examples": 10000, "method": "exact binomial", "statistic": 7, "pValue": 0.5488},
                 "bootstrap": {"difference": 0.0003, "level": 0.95, "low": -0.0004, "high": 0.0010, "resamples": 10000, "seed": 1},
                 "welch": null, "seedPairs": null, "alpha": 0.05,
                 "verdict": "No significant difference between <i>wide</i> (99.03%%) and lenet (99.00%%).",
                 "confusionA": %s, "confusionB": %s,
                 "disagreements": [{"index": 7, "label": 3, "a": 3, "b": 5}], "disagreementCount": 11,
                 "gallery": null, "gitCommit": "abc123", "created": "2026-12-05T03:00:00Z"}
                """.formatted(runA, runA, runB, runB, confusionA, confusionB));
    }

    /** A run folder as a run leaves it after {@code done} of 5 epochs (35 s each): no summary, no test results. */
    static void runningRun(Path run, String experiment, int done) throws Exception {
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.yaml"), "name: " + experiment + "\nseed: 7\ntrain:\n  epochs: 5\n");
        Files.writeString(run.resolve("origin.json"), "{\"experiment\": \"" + experiment + "\", \"file\": \"x.yaml\", "
                + "\"overrides\": [\"seed=7\", \"train.epochs=5\"]}");
        StringBuilder metrics = new StringBuilder("[");
        for (int e = 1; e <= done; e++) {
            metrics.append(e == 1 ? "" : ",").append("{\"epoch\":").append(e).append(",\"learningRate\":0.001,\"trainLoss\":")
                    .append(2.0 / e).append(",\"trainAccuracy\":").append(0.8 + 0.05 * e)
                    .append(",\"valLoss\":null,\"valAccuracy\":null,\"seconds\":35,\"samplesPerSecond\":1700}");
        }
        Files.writeString(run.resolve("metrics.json"), metrics.append("]").toString());
        Files.writeString(run.resolve("iterations.csv"), "iteration,epoch,loss\n1,1,2.30\n2,1,2.25\n");
        Files.writeString(run.resolve("state.json"), "{\"completedEpochs\": " + done + ", \"iterations\": 2, "
                + "\"checkpoint\": \"checkpoint-epoch-" + done + ".zip\", \"wallSecondsBefore\": " + (35 * done) + "}");
    }
}
