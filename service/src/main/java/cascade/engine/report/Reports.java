package cascade.engine.report;

import cascade.engine.fit.PowerLaw;
import cascade.engine.fit.PowerLawFit;
import cascade.engine.fit.SaturatingFit;
import cascade.engine.metrics.Crossings;
import cascade.engine.metrics.Summary;
import cascade.engine.report.ExperimentReport.Crossing;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.DirectionPoint;
import cascade.engine.report.ExperimentReport.Fit;
import cascade.engine.report.ExperimentReport.Saturating;
import cascade.engine.report.ExperimentReport.Theory;
import cascade.engine.report.ExperimentReport.TheoryDirection;
import cascade.engine.report.ExperimentReport.TheoryPoint;
import cascade.engine.report.ExperimentReport.Verdict;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.HierarchicalTeacher;
import cascade.engine.spec.InputMode;
import cascade.engine.spec.Link;
import cascade.engine.spec.SecondLayer;
import cascade.engine.spectral.HierarchicalSpectralSpec;
import cascade.engine.theory.SpectralTheory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates finished runs into an {@link ExperimentReport}: curves over seeds, power-law fits,
 * crossings, the theory overlay and verdicts (SCIENCE.md 5-7). Deterministic: runs are ordered by
 * (estimator, n, seed) before anything is summed, so the order they finished in never matters.
 */
public final class Reports {

    private Reports() {
    }

    public static ExperimentReport assemble(ExperimentSpec spec, List<CompletedRun> runs) {
        return assemble(spec, runs, null);
    }

    /**
     * As {@link #assemble(ExperimentSpec, List)}, with the baseline that {@code "against":
     * "baseline"} expectations compare with (null: none, and those verdicts fail saying so).
     */
    public static ExperimentReport assemble(ExperimentSpec spec, List<CompletedRun> runs, @Nullable Baseline baseline) {
        List<Curve> curves = new ArrayList<>();
        List<Fit> fits = new ArrayList<>();
        List<Crossing> crossings = new ArrayList<>();
        Optional<SpectralTheory> theory = theory(spec);
        for (int e = 0; e < spec.estimators().size(); e++) {
            String name = spec.estimators().get(e).name();
            int estimator = e;
            TreeMap<Integer, List<CompletedRun>> byN = new TreeMap<>();
            runs.stream().filter(r -> r.key().estimator() == estimator)
                    .sorted(Comparator.comparingLong(r -> r.key().seed()))
                    .forEach(r -> byN.computeIfAbsent(r.key().n(), k -> new ArrayList<>()).add(r));
            List<Curve> own = new ArrayList<>();
            byN.forEach((n, group) -> own.add(curve(name, n, group)));
            curves.addAll(own);
            fit(spec, name, own, theory).ifPresent(fits::add);
            crossings.addAll(crossings(name, own));
        }
        List<Verdict> verdicts = Verdicts.check(spec.expect(), curves, fits, crossings, baseline);
        Boolean passed = verdicts.isEmpty() ? null : verdicts.stream().allMatch(Verdict::pass);
        return new ExperimentReport(curves, fits, crossings, theory.map(t -> theoryOverlay(spec, t)).orElse(null),
                verdicts, passed);
    }

    private static Curve curve(String estimator, int n, List<CompletedRun> group) {
        TreeSet<String> names = new TreeSet<>();
        group.forEach(r -> names.addAll(r.outcome().metrics().keySet()));
        Map<String, Summary> metrics = new LinkedHashMap<>();
        for (String metric : names) {
            double[] values = group.stream().map(r -> r.outcome().metrics().get(metric))
                    .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray();
            if (values.length > 0) {
                metrics.put(metric, Summary.of(values));
            }
        }
        List<DirectionPoint> directions = null;
        int p = group.stream().mapToInt(r -> r.outcome().directionCos2() == null ? 0 : r.outcome().directionCos2().length)
                .min().orElse(0);
        if (p > 0) {
            directions = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                int jj = j;
                directions.add(new DirectionPoint(j + 1,
                        Summary.of(group.stream().mapToDouble(r -> r.outcome().directionCos2()[jj]).toArray())));
            }
        }
        double[] spectrum = meanSpectrum(group);
        Map<String, Object> info = group.get(0).outcome().info().isEmpty() ? null : group.get(0).outcome().info();
        return new Curve(estimator, n, group.size(), metrics, directions, spectrum, info);
    }

    /**
     * The seeds' top eigenvalues averaged rank by rank within each sign (the largest positive with
     * the largest positive, the most negative with the most negative), then ordered by |lambda|.
     * Averaging rank by rank across signs would pair a +5 of one seed with a -5 of another and show
     * a spike at 0.
     */
    private static double @Nullable [] meanSpectrum(List<CompletedRun> group) {
        if (group.stream().anyMatch(r -> r.outcome().spectrum() == null || r.outcome().spectrum().length == 0)) {
            return null;
        }
        List<double[]> positive = new ArrayList<>();
        List<double[]> negative = new ArrayList<>();
        for (CompletedRun r : group) {
            double[] s = r.outcome().spectrum();
            positive.add(java.util.Arrays.stream(s).filter(v -> v >= 0).map(v -> -v).sorted().map(v -> -v).toArray());
            negative.add(java.util.Arrays.stream(s).filter(v -> v < 0).sorted().toArray());
        }
        List<Double> out = new ArrayList<>();
        for (List<double[]> side : List.of(positive, negative)) {
            int len = side.stream().mapToInt(a -> a.length).min().orElse(0);
            for (int i = 0; i < len; i++) {
                double sum = 0;
                for (double[] a : side) {
                    sum += a[i];
                }
                out.add(sum / side.size());
            }
        }
        out.sort(java.util.Comparator.comparingDouble((Double v) -> -Math.abs(v)).thenComparingDouble(v -> -v));
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Optional<Fit> fit(ExperimentSpec spec, String estimator, List<Curve> curves,
            Optional<SpectralTheory> theory) {
        String metric = spec.fit().metric();
        List<Curve> with = curves.stream().filter(c -> c.metrics().containsKey(metric)).toList();
        double[] n = with.stream().mapToDouble(Curve::n).toArray();
        double[][] values = with.stream().map(c -> c.metrics().get(metric).values()).toArray(double[][]::new);
        Optional<PowerLaw> law = PowerLawFit.fit(n, values, spec.fit().nMin(), spec.fit().nMax());
        if (law.isEmpty()) {
            return Optional.empty();
        }
        PowerLaw pl = law.get();
        boolean spectral = spec.estimators().get(spec.estimatorIndex(estimator)) instanceof HierarchicalSpectralSpec;
        Double theorySlope = spectral && metric.equals("nmse")
                ? theory.map(t -> t.slope(pl.nMin(), pl.nMax())).orElse(null) : null;
        Saturating saturating = null;
        if (spec.fit().saturating()) {
            double[] mean = with.stream().mapToDouble(c -> c.metrics().get(metric).mean()).toArray();
            saturating = SaturatingFit.fit(n, mean, pl).map(s -> new Saturating(s.a(), s.b(), s.c())).orElse(null);
        }
        return Optional.of(new Fit(estimator, metric, pl.exponent(), pl.intercept(),
                new double[] {pl.ci95Low(), pl.ci95High()}, pl.intervalMethod(), pl.r2(), pl.nMin(), pl.nMax(),
                pl.points(), theorySlope, saturating));
    }

    private static List<Crossing> crossings(String estimator, List<Curve> curves) {
        List<Curve> with = curves.stream().filter(c -> c.directions() != null).toList();
        if (with.isEmpty()) {
            return List.of();
        }
        int p = with.stream().mapToInt(c -> c.directions().size()).min().orElse(0);
        double[] n = with.stream().mapToDouble(Curve::n).toArray();
        List<Crossing> out = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            int jj = j;
            double[] cos2 = with.stream().mapToDouble(c -> c.directions().get(jj).cos2().mean()).toArray();
            OptionalDouble at = Crossings.crossing(n, cos2, 0.5);
            out.add(new Crossing(estimator, j + 1, at));
        }
        return out;
    }

    /** Theory applies to the hierarchical teacher with a power-law second layer (SCIENCE.md 6). */
    static Optional<SpectralTheory> theory(ExperimentSpec spec) {
        if (spec.teacher() instanceof HierarchicalTeacher h && h.secondLayer() instanceof SecondLayer.PowerLaw pl
                && h.q() == 2) {
            return Optional.of(new SpectralTheory(h.features(), h.p(), pl.gamma()));
        }
        return Optional.empty();
    }

    private static Theory theoryOverlay(ExperimentSpec spec, SpectralTheory t) {
        HierarchicalTeacher h = (HierarchicalTeacher) spec.teacher();
        double gamma = ((SecondLayer.PowerLaw) h.secondLayer()).gamma();
        int d = h.d() != null ? h.d() : (int) Math.rint((Math.sqrt(8.0 * h.features() + 1) - 1) / 2);
        double eps = Math.log(h.p()) / Math.log(d);
        List<TheoryDirection> directions = new ArrayList<>();
        for (int j = 1; j <= h.p(); j++) {
            directions.add(new TheoryDirection(j, t.threshold(j), t.crossing(j), SpectralTheory.alpha(j, d, eps, gamma, h.q())));
        }
        List<TheoryPoint> nmse = new ArrayList<>();
        List<TheoryPoint> edge = new ArrayList<>();
        for (int n : spec.sweep().n()) {
            nmse.add(new TheoryPoint(n, t.nmse(n)));
            edge.add(new TheoryPoint(n, t.bulkEdge(n)));
        }
        String note = h.input() == InputMode.GAUSSIAN_EQUIVALENT && h.link() == Link.IDENTITY && h.noise() == 0
                ? null
                : "leading-order theory of the gaussian-equivalent, identity-link, noiseless teacher; "
                        + "this teacher differs, so compare shapes, not values";
        OptionalDouble exponent = t.exponent();
        return new Theory(exponent.isPresent() ? exponent.getAsDouble() : null, directions, nmse, edge, note);
    }
}
