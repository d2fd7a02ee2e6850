package cascade.engine;

import cascade.engine.dataset.DatasetSource;
import cascade.engine.metrics.Overlaps;
import cascade.engine.spec.EstimatorSpec;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.teacher.PlantedTeacher;
import cascade.engine.teacher.Teacher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one (estimator, n, seed) of an experiment and measures it (SCIENCE.md 5). The teacher is
 * built from the seed; training data are rows [0, n) of its "train" stream (so sweeps are nested),
 * test data rows [0, test n) of its "test" stream; labels are standardised with the training mean
 * and std. Every estimator of the spec sees the same samples for the same (n, seed). A dataset
 * teacher gets its rows from the {@link DatasetSource} (train and test split by the seed).
 */
public final class Engine {

    private Engine() {
    }

    /**
     * The order in which the runs of an experiment should start: seed by seed, largest n first,
     * every estimator of one (n, seed) together. The largest run of a seed draws its samples once
     * and every later run of that seed reads a prefix of them ({@link SampleCache}), so a worker
     * pool holds about one seed's samples at a time; long runs start early, so both cores stay
     * busy to the end. The order never changes a number: each run is seeded by its key.
     */
    public static java.util.List<RunKey> schedule(ExperimentSpec spec) {
        java.util.List<RunKey> keys = new java.util.ArrayList<>();
        java.util.List<Integer> ns = spec.sweep().n();
        for (long seed : spec.sweep().seeds()) {
            for (int i = ns.size() - 1; i >= 0; i--) {
                for (int e = 0; e < spec.estimators().size(); e++) {
                    keys.add(new RunKey(e, ns.get(i), seed));
                }
            }
        }
        return keys;
    }

    public static RunOutcome run(ExperimentSpec spec, RunKey key, RunControl control) {
        return run(spec, key, control, DatasetSource.NONE);
    }

    public static RunOutcome run(ExperimentSpec spec, RunKey key, RunControl control, DatasetSource datasets) {
        long start = System.nanoTime();
        control.checkpoint();
        control.progress(0.0, "data");
        Teacher teacher = Teacher.of(spec.teacher(), key.seed(), datasets);
        SampleCache samples = SampleCache.shared();
        Teacher.Sample train = samples.sample(spec.teacher(), key.seed(), teacher, "train", key.n());
        Teacher.Sample test = samples.sample(spec.teacher(), key.seed(), teacher, "test", spec.test().n());
        double[] yTrain = java.util.Arrays.copyOf(train.y(), train.n());
        double[] yTest = java.util.Arrays.copyOf(test.y(), test.n());
        double labelMean = mean(yTrain);
        double labelSd = sd(yTrain);
        standardize(yTrain, yTest);
        control.checkpoint();
        EstimatorSpec estimatorSpec = spec.estimators().get(key.estimator());
        Estimator estimator = Kinds.of(estimatorSpec).estimator(estimatorSpec, spec.teacher(), key.seed());
        Inputs testInputs = Inputs.prefix(test.x(), test.n(), test.dim());
        java.util.List<Integer> points = spec.sweep().n().stream().sorted().toList();
        NestedStatistics nested = new NestedGrams(spec.teacher(), key.seed(), points, train.x(), train.dim(), train.y(),
                labelMean, labelSd);
        Estimate estimate = estimator.estimate(
                new Data(Inputs.prefix(train.x(), train.n(), train.dim()), yTrain, nested), testInputs, control);
        control.checkpoint();
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[] cos2 = null;
        double err = 0;
        double norm = 0;
        for (int i = 0; i < yTest.length; i++) {
            double e = estimate.predictions()[i] - yTest[i];
            err += e * e;
            norm += yTest[i] * yTest[i];
        }
        metrics.put("nmse", err / norm);
        metrics.put("mse", err / yTest.length);
        double[] rawTrain = java.util.Arrays.copyOf(train.y(), train.n());
        double[] rawTest = java.util.Arrays.copyOf(test.y(), test.n());
        if (isBinary(rawTrain) && isBinary(rawTest)) {
            // +-1 labels: the sign of the prediction against the sign of the (raw) label.
            // Raw label 0 sits at -mean/sd in standardised units.
            double threshold = -mean(rawTrain) / sd(rawTrain);
            double wrong = 0;
            for (int i = 0; i < yTest.length; i++) {
                wrong += (estimate.predictions()[i] > threshold) == (rawTest[i] > 0) ? 0 : 1;
            }
            metrics.put("classificationError", wrong / yTest.length);
        }
        if (estimate.directions() != null && teacher.planted() > 0 && estimate.k() > 0) {
            int p = teacher.planted();
            int dim = teacher.featureMap().outputDimension();
            double[] cos = Overlaps.cosines(teacher.directions(), p, estimate.directions(), estimate.k(), dim);
            cos2 = Overlaps.matchedCos2(cos, p, estimate.k());
            metrics.put("overlapA", Overlaps.subspace(cos, p));
            metrics.put("recoveredRank", (double) Overlaps.recoveredRank(cos2));
            if (teacher instanceof PlantedTeacher planted) {
                double[] h = planted.latent(test.x(), test.n());
                double[] hhat = new double[test.n() * estimate.k()];
                double[] z = new double[test.n() * dim];
                teacher.featureMap().apply(test.x(), test.n(), z);
                cascade.engine.linalg.Blas.gemm(false, true, test.n(), estimate.k(), dim, 1.0, z,
                        estimate.directions(), 0.0, hhat);
                metrics.put("overlapH", Overlaps.features(h, test.n(), p, hhat, estimate.k()));
            }
        } else if (estimate.directions() != null && teacher.planted() > 0) {
            cos2 = new double[teacher.planted()];
            metrics.put("overlapA", 0.0);
            metrics.put("recoveredRank", 0.0);
        }
        Map<String, Object> info = new LinkedHashMap<>(estimate.info());
        info.put("wallSeconds", (System.nanoTime() - start) / 1e9);
        control.progress(1.0, "done");
        return new RunOutcome(metrics, cos2, estimate.spectrum(), info);
    }

    static boolean isBinary(double[] y) {
        for (double v : y) {
            if (v != 1.0 && v != -1.0) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s / y.length;
    }

    private static double sd(double[] y) {
        double m = mean(y);
        double s = 0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        double sd = Math.sqrt(s / y.length);
        return sd > 0 ? sd : 1;
    }

    /** Standardises train labels to mean 0, std 1, and test labels with the training statistics. */
    static void standardize(double[] train, double[] test) {
        double mean = 0;
        for (double v : train) {
            mean += v;
        }
        mean /= train.length;
        double var = 0;
        for (double v : train) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / train.length);
        double inv = sd > 0 ? 1 / sd : 1;
        for (int i = 0; i < train.length; i++) {
            train[i] = (train[i] - mean) * inv;
        }
        for (int i = 0; i < test.length; i++) {
            test[i] = (test[i] - mean) * inv;
        }
    }
}
