package cascade.dashboard;

import cascade.engine.metrics.Summary;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.DirectionPoint;
import cascade.engine.report.ExperimentReport.Fit;
import cascade.engine.report.ExperimentReport.Theory;
import cascade.engine.report.ExperimentReport.TheoryDirection;
import cascade.engine.report.ExperimentReport.TheoryPoint;
import cascade.engine.report.ResultDocument;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jspecify.annotations.Nullable;

/**
 * JFreeChart charts of a result document (CONTRACT.md "Result"): what {@link Plot} names, with a
 * one-paragraph text description of the same content for screen readers (SVG desc, img alt).
 */
final class ResultCharts {

    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {2f, 4f}, 0f);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {4f, 4f}, 0f);

    private ResultCharts() {
    }

    static JFreeChart chart(Plot plot, ResultDocument doc) {
        return switch (plot) {
            case NMSE -> errorChart(doc);
            case COS2 -> cos2Chart(doc);
            case SPECTRUM -> spectrumChart(doc);
        };
    }

    /** Plain-text summary of the chart: the same numbers a sighted reader takes from it. */
    static String describe(Plot plot, ResultDocument doc) {
        return switch (plot) {
            case NMSE -> metric(doc) + " against n on log-log axes, one curve per estimator with standard-error bands. "
                    + String.join(" ", fitLines(doc));
            case COS2 -> "Squared cosine between each recovered direction and the teacher's against n (log axis). "
                    + thresholdsText(doc);
            case SPECTRUM -> "Top eigenvalues of the first-layer operator by decreasing magnitude at the largest n, "
                    + "with the estimated bulk edges as horizontal lines.";
        };
    }

    // ---------------------------------------------------------------- (1) error against n

    private static JFreeChart errorChart(ResultDocument doc) {
        String metric = metric(doc);
        List<String> estimators = estimators(doc);
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYSeriesCollection fits = new XYSeriesCollection();
        XYSeriesCollection theory = new XYSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(true, true);
        XYLineAndShapeRenderer fitRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer theoryRenderer = new XYLineAndShapeRenderer(true, false);

        for (String estimator : estimators) {
            YIntervalSeries s = new YIntervalSeries(estimator);
            for (Curve c : curvesOf(doc, estimator)) {
                Summary v = c.metrics().get(metric);
                if (v == null || !(v.mean() > 0)) {
                    continue;
                }
                // Log axis: a band reaching zero or below is drawn down to a tenth of the mean.
                s.add(c.n(), v.mean(), Math.max(v.mean() - v.stderr(), v.mean() / 10), v.mean() + v.stderr());
            }
            if (s.getItemCount() > 0) {
                int i = bands.getSeriesCount();
                bands.addSeries(s);
                Color colour = colour(estimators.indexOf(estimator));
                bandRenderer.setSeriesPaint(i, colour);
                bandRenderer.setSeriesFillPaint(i, colour);
                bandRenderer.setSeriesStroke(i, new BasicStroke(2f));
            }
        }
        bandRenderer.setAlpha(0.2f);

        for (Fit f : doc.fits()) {
            if (!f.metric().equals(metric)) {
                continue;
            }
            XYSeries s = new XYSeries(f.estimator() + " fit: n^" + fmt(f.exponent()) + " [" + fmt(f.ci95()[0]) + ", "
                    + fmt(f.ci95()[1]) + "]");
            // metric = exp(intercept) n^exponent over the fit window; a straight line on log-log axes.
            s.add(f.nMin(), Math.exp(f.intercept()) * Math.pow(f.nMin(), f.exponent()));
            s.add(f.nMax(), Math.exp(f.intercept()) * Math.pow(f.nMax(), f.exponent()));
            int i = fits.getSeriesCount();
            fits.addSeries(s);
            fitRenderer.setSeriesPaint(i, colour(Math.max(0, estimators.indexOf(f.estimator()))));
            fitRenderer.setSeriesStroke(i, DASHED);
        }

        Theory t = doc.theory();
        if (t != null && !t.nmse().isEmpty() && metric.equals("nmse")) {
            XYSeries s = new XYSeries(theoryLabel(doc, t));
            for (TheoryPoint p : t.nmse()) {
                if (p.value() > 0) {
                    s.add(p.n(), p.value());
                }
            }
            theory.addSeries(s);
            theoryRenderer.setSeriesPaint(0, Color.DARK_GRAY);
            theoryRenderer.setSeriesStroke(0, DOTTED);
        }

        XYPlot plot = new XYPlot(bands, logAxis("n (training samples)", "#,##0"), logAxis(label(metric), "0.####"),
                bandRenderer);
        plot.setDataset(1, fits);
        plot.setRenderer(1, fitRenderer);
        plot.setDataset(2, theory);
        plot.setRenderer(2, theoryRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        readableTicks((LogAxis) plot.getDomainAxis());
        readableTicks((LogAxis) plot.getRangeAxis());
        JFreeChart chart = chart(label(metric) + " against n", plot);
        for (String line : fitLines(doc)) {
            chart.addSubtitle(subtitle(line));
        }
        return chart;
    }

    private static String theoryLabel(ResultDocument doc, Theory t) {
        Double windowSlope = doc.fits().stream().filter(f -> f.metric().equals("nmse"))
                .map(Fit::theoryExponent).filter(e -> e != null).findFirst().orElse(null);
        StringBuilder label = new StringBuilder("theory");
        if (t.exponent() != null) {
            label.append(": asymptotic exponent ").append(fmt(t.exponent()));
        }
        if (windowSlope != null) {
            label.append(t.exponent() != null ? ", " : ": ").append("slope over fit window ").append(fmt(windowSlope));
        }
        return label.toString();
    }

    /** One line per fit of the plotted metric: exponent, 95% interval, window and theory slope. */
    static List<String> fitLines(ResultDocument doc) {
        String metric = metric(doc);
        List<String> lines = new ArrayList<>();
        for (Fit f : doc.fits()) {
            if (!f.metric().equals(metric)) {
                continue;
            }
            String line = f.estimator() + ": fitted exponent " + fmt(f.exponent()) + ", 95% interval ["
                    + fmt(f.ci95()[0]) + ", " + fmt(f.ci95()[1]) + "] over n = " + Math.round(f.nMin()) + " to "
                    + Math.round(f.nMax());
            if (f.theoryExponent() != null) {
                line += "; theory " + fmt(f.theoryExponent());
            }
            lines.add(line);
        }
        if (lines.isEmpty()) {
            lines.add("No power law fitted yet (needs 3 points with a positive mean in the window).");
        }
        if (doc.theory() != null && doc.theory().exponent() != null) {
            lines.add("Theory: asymptotic exponent " + fmt(doc.theory().exponent()) + ".");
        }
        return lines;
    }

    // ---------------------------------------------------------------- (2) cos^2 staircase

    private static JFreeChart cos2Chart(ResultDocument doc) {
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.15f);
        List<String> withDirections = estimators(doc).stream()
                .filter(e -> curvesOf(doc, e).stream().anyMatch(c -> c.directions() != null)).toList();
        for (String estimator : withDirections) {
            Map<Integer, YIntervalSeries> byDirection = new LinkedHashMap<>();
            for (Curve c : curvesOf(doc, estimator)) {
                if (c.directions() == null) {
                    continue;
                }
                for (DirectionPoint d : c.directions()) {
                    String key = withDirections.size() > 1 ? estimator + " j=" + d.index() : "j=" + d.index();
                    Summary v = d.cos2();
                    byDirection.computeIfAbsent(d.index(), k -> new YIntervalSeries(key))
                            .add(c.n(), v.mean(), Math.max(0, v.mean() - v.stderr()), Math.min(1, v.mean() + v.stderr()));
                }
            }
            for (Map.Entry<Integer, YIntervalSeries> e : byDirection.entrySet()) {
                int i = bands.getSeriesCount();
                bands.addSeries(e.getValue());
                Color colour = colour(e.getKey() - 1);
                renderer.setSeriesPaint(i, colour);
                renderer.setSeriesFillPaint(i, colour);
                renderer.setSeriesStroke(i, withDirections.indexOf(estimator) == 0 ? new BasicStroke(2f) : DASHED);
            }
        }
        NumberAxis cos2 = new NumberAxis("cos² (recovered vs teacher direction)");
        cos2.setRange(0, 1.05);
        XYPlot plot = new XYPlot(bands, logAxis("n (training samples)", "#,##0"), cos2, renderer);
        plot.addRangeMarker(new ValueMarker(0.5, Color.GRAY, THIN_DASHED));
        Theory t = doc.theory();
        if (t != null) {
            for (TheoryDirection d : t.directions()) {
                ValueMarker m = new ValueMarker(d.thresholdN(), colour(d.index() - 1), THIN_DASHED);
                m.setLabel("n*" + d.index());
                m.setLabelFont(SUBTITLE);
                m.setLabelPaint(Color.DARK_GRAY);
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(m);
            }
        }
        includeMarkers(plot, t);
        readableTicks((LogAxis) plot.getDomainAxis());
        JFreeChart chart = chart("Per-direction recovery (cos²) against n", plot);
        chart.addSubtitle(subtitle(thresholdsText(doc)));
        return chart;
    }

    /** Widens the n axis so that predicted thresholds just outside the sweep are still drawn. */
    private static void includeMarkers(XYPlot plot, @Nullable Theory t) {
        ValueAxis axis = plot.getDomainAxis();
        if (t == null || t.directions().isEmpty() || plot.getDataset().getSeriesCount() == 0) {
            return;
        }
        double lo = axis.getLowerBound();
        double hi = axis.getUpperBound();
        for (TheoryDirection d : t.directions()) {
            if (d.thresholdN() > 0 && d.thresholdN() >= lo / 4 && d.thresholdN() <= hi * 4) {
                lo = Math.min(lo, d.thresholdN() / 1.2);
                hi = Math.max(hi, d.thresholdN() * 1.2);
            }
        }
        axis.setRange(lo, hi);
    }

    private static String thresholdsText(ResultDocument doc) {
        Theory t = doc.theory();
        if (t == null || t.directions().isEmpty()) {
            return "No predicted thresholds for this teacher.";
        }
        List<String> parts = new ArrayList<>();
        for (TheoryDirection d : t.directions()) {
            parts.add("n*" + d.index() + " = " + Math.round(d.thresholdN()));
        }
        return "Predicted thresholds (vertical lines): " + String.join(", ", parts) + ".";
    }

    // ---------------------------------------------------------------- (3) spectrum

    private static JFreeChart spectrumChart(ResultDocument doc) {
        XYSeriesCollection spectra = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        List<String> estimators = estimators(doc);
        Set<Double> edges = new LinkedHashSet<>();
        for (String estimator : estimators) {
            Curve last = curvesOf(doc, estimator).stream().filter(c -> c.spectrum() != null)
                    .max(Comparator.comparingInt(Curve::n)).orElse(null);
            if (last == null) {
                continue;
            }
            XYSeries s = new XYSeries(estimator + " (n = " + last.n() + ")");
            double[] values = last.spectrum();
            for (int i = 0; i < values.length; i++) {
                s.add(i + 1, values[i]);
            }
            int i = spectra.getSeriesCount();
            spectra.addSeries(s);
            renderer.setSeriesPaint(i, colour(estimators.indexOf(estimator)));
            edges.addAll(bulkEdges(last.info()));
        }
        NumberAxis rank = new NumberAxis("rank by |eigenvalue|");
        rank.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis value = new NumberAxis("eigenvalue");
        value.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(spectra, rank, value, renderer);
        for (double edge : edges) {
            ValueMarker m = new ValueMarker(edge, Color.GRAY, THIN_DASHED);
            m.setLabel("bulk edge " + fmt(edge));
            m.setLabelFont(SUBTITLE);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
        }
        return chart("Spectrum of the first-layer operator", plot);
    }

    /** info.bulkEdges (upper, lower) or info.bulkEdge (symmetric), as stored or as read back from JSON. */
    private static List<Double> bulkEdges(@Nullable Map<String, Object> info) {
        List<Double> out = new ArrayList<>();
        if (info == null) {
            return out;
        }
        Object edges = info.get("bulkEdges");
        if (edges instanceof double[] a) {
            for (double v : a) {
                out.add(v);
            }
        } else if (edges instanceof List<?> list) {
            list.stream().filter(Number.class::isInstance).forEach(v -> out.add(((Number) v).doubleValue()));
        } else if (info.get("bulkEdge") instanceof Number edge) {
            out.add(edge.doubleValue());
            out.add(-edge.doubleValue());
        }
        return out;
    }

    // ---------------------------------------------------------------- shared

    private static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(Color.GRAY);
        plot.setNoDataMessage("No finished runs to plot yet");
        plot.setNoDataMessageFont(SUBTITLE);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(SUBTITLE);
        return chart;
    }

    private static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, SUBTITLE);
        t.setHorizontalAlignment(HorizontalAlignment.CENTER);
        t.setPaint(Color.BLACK);
        return t;
    }

    private static LogAxis logAxis(String label, String format) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setNumberFormatOverride(new DecimalFormat(format));
        axis.setMinorTickMarksVisible(true);
        axis.setSmallestValue(1e-12);
        return axis;
    }

    /**
     * Ticks at round values: decades over a wide range, doublings (n sweeps are usually geometric
     * in 2) over one to three decades, the axis' own choice over less than a decade.
     */
    private static void readableTicks(LogAxis axis) {
        double lo = axis.getLowerBound();
        double hi = axis.getUpperBound();
        if (!(lo > 0) || !(hi > lo)) {
            return;
        }
        double decades = Math.log10(hi / lo);
        if (decades >= 3 || (decades >= 1 && axis.getNumberFormatOverride() instanceof DecimalFormat f
                && f.toPattern().contains("."))) {
            axis.setTickUnit(new NumberTickUnit(1), false, true);
        } else if (decades >= 1) {
            axis.setTickUnit(new NumberTickUnit(Math.log10(2)), false, true);
        }
    }

    private static String metric(ResultDocument doc) {
        if (doc.spec().get("fit") instanceof Map<?, ?> fit && fit.get("metric") instanceof String m) {
            return m;
        }
        return "nmse";
    }

    private static String label(String metric) {
        return switch (metric) {
            case "nmse" -> "NMSE";
            case "classificationError" -> "classification error";
            default -> metric;
        };
    }

    private static List<String> estimators(ResultDocument doc) {
        return doc.curves().stream().map(Curve::estimator).distinct().toList();
    }

    private static List<Curve> curvesOf(ResultDocument doc, String estimator) {
        return doc.curves().stream().filter(c -> c.estimator().equals(estimator))
                .sorted(Comparator.comparingInt(Curve::n)).toList();
    }

    private static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
