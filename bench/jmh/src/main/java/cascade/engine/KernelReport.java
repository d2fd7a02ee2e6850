package cascade.engine;

import cascade.engine.linalg.DgemmBenchmark;
import cascade.engine.linalg.EighBenchmark;
import cascade.engine.linalg.WeightedGramBenchmark;
import cascade.engine.random.NormalsBenchmark;
import cascade.engine.spectral.SpectralKernelsBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every kernel benchmark once (1 fork, 1 warm-up and 3 measured iterations: a few minutes in all) and prints a
 * Markdown table: time per call, GFLOP/s from the flop count each benchmark states, and the ratio
 * to the DGEMM rate measured in the same run. JMH command-line options given to this main override
 * the defaults (e.g. {@code -p blasThreads=2}, {@code -wi 3}).
 */
public final class KernelReport {

    private KernelReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions given = new CommandLineOptions(args);
        // Defaults for what the command line leaves unset (a builder's own settings would win over it).
        OptionsBuilder b = new OptionsBuilder();
        b.parent(given);
        if (given.getIncludes().isEmpty()) {
            b.include("cascade\\.engine\\..*Benchmark");
        }
        if (!given.getForkCount().hasValue()) {
            b.forks(1);
        }
        if (!given.getWarmupIterations().hasValue()) {
            b.warmupIterations(1);
        }
        if (!given.getWarmupTime().hasValue()) {
            b.warmupTime(TimeValue.seconds(2));
        }
        if (!given.getMeasurementIterations().hasValue()) {
            b.measurementIterations(3);
        }
        if (!given.getMeasurementTime().hasValue()) {
            b.measurementTime(TimeValue.seconds(3));
        }
        if (!given.getJvmArgsAppend().hasValue()) {
            b.jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xmx4g");
        }
        Options options = b.build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(table(results));
    }

    private record Row(String kernel, String shape, double ms, double error, double rate, String unit) {
    }

    static String table(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
            double ms = r.getPrimaryResult().getScore();
            double err = r.getPrimaryResult().getScoreError();
            double seconds = ms / 1e3;
            switch (name) {
                case "DgemmBenchmark.gemm" -> {
                    int s = i(p, "size");
                    rows.add(new Row("DGEMM (reference peak)", s + "^3", ms, err, DgemmBenchmark.flops(s) / seconds / 1e9, "GFLOP/s"));
                }
                case "WeightedGramBenchmark.weightedGram" -> {
                    int n = i(p, "n");
                    int d = i(p, "dim");
                    rows.add(new Row("weighted Gram (2 SYRK)", n + " x " + d, ms, err,
                            WeightedGramBenchmark.flops(n, d) / seconds / 1e9, "GFLOP/s"));
                }
                case "EighBenchmark.eigh" -> {
                    int d = i(p, "dim");
                    rows.add(new Row("eigh (dsyevd, vectors)", "D = " + d, ms, err, EighBenchmark.flops(d) / seconds / 1e9,
                            "GFLOP/s"));
                }
                case "SpectralKernelsBenchmark.apply" -> {
                    int n = i(p, "n");
                    int d = i(p, "dim");
                    int k = i(p, "block");
                    rows.add(new Row("operator M V (2 GEMM)", n + " x " + d + ", k = " + k, ms, err,
                            SpectralKernelsBenchmark.applyFlops(n, d, k) / seconds / 1e9, "GFLOP/s"));
                }
                case "SpectralKernelsBenchmark.topEigenIterate" -> {
                    int n = i(p, "n");
                    int d = i(p, "dim");
                    int k = i(p, "block");
                    int it = i(p, "iterations");
                    rows.add(new Row("top-k, block power x" + it, n + " x " + d + ", k = " + k, ms, err,
                            SpectralKernelsBenchmark.iterateFlops(n, d, k, it) / seconds / 1e9, "GFLOP/s"));
                }
                case "SpectralKernelsBenchmark.topEigenExact" -> {
                    int n = i(p, "n");
                    int d = i(p, "dim");
                    rows.add(new Row("top-k, dense M + eigh", n + " x " + d, ms, err,
                            SpectralKernelsBenchmark.exactFlops(n, d) / seconds / 1e9, "GFLOP/s"));
                }
                case "NormalsBenchmark.normals" -> {
                    int rr = i(p, "rows");
                    int c = i(p, "cols");
                    rows.add(new Row("normals (Streams, Ziggurat)", rr + " x " + c, ms, err,
                            NormalsBenchmark.count(rr, c) / seconds / 1e6, "M normals/s"));
                }
                default -> rows.add(new Row(name, "", ms, err, Double.NaN, ""));
            }
        }
        double peak = rows.stream().filter(r -> r.kernel().startsWith("DGEMM")).mapToDouble(Row::rate).findFirst()
                .orElse(Double.NaN);
        StringBuilder out = new StringBuilder();
        out.append("| kernel | shape | ms / call (99.9% CI) | rate | of DGEMM |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            String ratio = r.unit().equals("GFLOP/s") && Double.isFinite(peak) ? String.format(Locale.ROOT, "%.0f%%", 100 * r.rate() / peak) : "-";
            out.append(String.format(Locale.ROOT, "| %s | %s | %.2f ± %.2f | %.1f %s | %s |%n", r.kernel(), r.shape(), r.ms(),
                    r.error(), r.rate(), r.unit(), ratio));
        }
        return out.toString();
    }

    private static int i(BenchmarkParams p, String key) {
        return Integer.parseInt(p.getParam(key));
    }
}
