package cascade.cli;

import static cascade.cli.Outcome.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `run SPEC.json --dataset ID=path`: a local dataset file as the teacher, no server, no database. */
class DatasetCommandLineTests {

    static final String SPEC = """
            {"name": "cli-dataset",
             "teacher": {"kind": "dataset", "id": "toy", "labels": {"binary": {"positive": [1]}}},
             "estimators": [{"kind": "ridge"}, {"kind": "random-features", "width": 64}],
             "sweep": {"n": %s, "seeds": 2}}""";

    @TempDir
    Path dir;

    /** 250 rows of x ~ N(0, I_3), label [x0 - x2 > 0] (a linear rule). */
    Path csv() throws Exception {
        Random rng = new Random(3);
        StringBuilder sb = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 250; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            double c = rng.nextGaussian();
            sb.append(a).append(',').append(b).append(',').append(c).append(',').append(a - c > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(dir.resolve("toy.csv"), sb);
    }

    @Test
    void runsOnALocalCsvAndReportsTheClassificationError() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.formatted("[50, 100, 200]"));
        Outcome o = run("run", spec.toString(), "--dataset", "toy=" + csv());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(o.out());
        assertThat(result.get("curves")).hasSize(6);
        for (JsonNode curve : result.get("curves")) {
            assertThat(curve.get("metrics").has("nmse")).isTrue();
            // linear rule, n >= 50 in d = 3: far better than chance (0.5) for both estimators
            assertThat(curve.get("metrics").get("classificationError").get("mean").asDouble()).isLessThan(0.3);
        }
    }

    @Test
    void aDatasetRunTooLargeForThisJvmIsRefusedBeforeItStarts() throws Exception {
        // Issue 18: dataset teachers skipped the memory estimate. 52 000 rows, kernel ridge on 40 000
        // with leave-one-out needs 6 u^2 doubles = 71.5 GiB for its solve alone: refused, exit 2.
        StringBuilder sb = new StringBuilder("x,label\n");
        for (int i = 0; i < 52_000; i++) {
            sb.append(i % 97).append(',').append(i % 2).append('\n');
        }
        Path tall = Files.writeString(dir.resolve("tall.csv"), sb);
        Path spec = Files.writeString(dir.resolve("tall.json"), """
                {"name": "tall", "teacher": {"kind": "dataset", "id": "tall"},
                 "estimators": [{"kind": "kernel-ridge", "maxTrain": 40000, "ridge": "loo"}],
                 "sweep": {"n": [40000], "seeds": 1}}""");
        Outcome o = run("run", spec.toString(), "--dataset", "tall=" + tall);
        assertThat(o.code()).as(o.err()).isEqualTo(CommandLine.BAD_INPUT);
        assertThat(o.err()).contains("too large for this JVM");
    }

    @Test
    void aNpyPairAndTheSameChecksAsTheService() throws Exception {
        Path features = dir.resolve("features.npy");
        Path labels = dir.resolve("labels.npy");
        try (var in = getClass().getResourceAsStream("/datasets/features.npy")) {
            Files.copy(in, features);
        }
        try (var in = getClass().getResourceAsStream("/datasets/labels.npy")) {
            Files.copy(in, labels);
        }
        // 6 rows, testFraction 0.2: 5 training rows.
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC.formatted("[3, 5]"));
        Outcome ok = run("run", spec.toString(), "--dataset", "toy=" + features + "," + labels);
        assertThat(ok.code()).as(ok.err()).isZero();
        Path tooMany = Files.writeString(dir.resolve("many.json"), SPEC.formatted("[3, 6]"));
        Outcome bad = run("run", tooMany.toString(), "--dataset", "toy=" + features + "," + labels);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("sweep.n", "5 training rows");
        Outcome missing = run("run", spec.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("teacher.id", "no dataset with id 'toy'");
        Path broken = Files.writeString(dir.resolve("broken.csv"), "a,label\n1,0\nx,1\n");
        Outcome invalid = run("run", spec.toString(), "--dataset", "toy=" + broken);
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("row 2 (line 3), column 1 ('a'): 'x' is not a number");
    }
}
