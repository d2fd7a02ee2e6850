package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` refuses, with exit 2, a spec whose largest run would not fit this JVM's heap. */
class RunCommandMemoryTests {

    /**
     * Kernel ridge with exact leave-one-out on 40000 uncapped samples: 6 x 40000^2 doubles, about
     * 72 GiB, for the eigendecomposition alone; far above three quarters of any test JVM's -Xmx.
     */
    static final String HUGE = """
            {"name": "huge", "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
             "estimators": [{"kind": "kernel-ridge", "name": "krr", "ridge": "loo", "maxTrain": 40000}],
             "sweep": {"n": [1000, 40000], "seeds": 1}, "test": {"n": 500}}""";

    @TempDir
    Path dir;

    @Test
    void aSpecTooLargeForTheHeapExitsTwoSayingWhatWouldFit() throws Exception {
        Path spec = Files.writeString(dir.resolve("huge.json"), HUGE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.execute(new String[] {"run", spec.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(message).isEqualTo(CommandLine.BAD_INPUT);
        assertThat(message).contains("too large for this JVM", "(krr, n = 40000)", "leave-one-out eigendecomposition",
                "krr fits up to n = ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
