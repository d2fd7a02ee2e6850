package cascade.cli;

import cascade.engine.MemoryBudgetExceededException;
import cascade.engine.MemoryEstimate;
import cascade.engine.report.Baseline;
import cascade.engine.spec.DatasetTeacher;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.engine.spec.SpecParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * {@code run SPEC.json [--out RESULT.json] [--junit REPORT.xml] [--baseline RESULT.json]
 * [--workers N] [--blas-threads N] [--dataset ID=path]...}. The baseline file is an earlier result
 * (of run or of the service) that {@code "against": "baseline"} expectations compare with.
 */
record RunCommand(Path spec, Outputs outputs, @Nullable Path baseline, int workers, int blasThreads,
        Map<String, String> datasets) {

    static Optional<RunCommand> parse(String[] args, PrintStream err) {
        Path spec = null;
        Path out = null;
        Path junit = null;
        Path baseline = null;
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = cores;
        int blas = 1;
        Map<String, String> datasets = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--junit" -> junit = Path.of(args[++i]);
                    case "--baseline" -> baseline = Path.of(args[++i]);
                    case "--workers" -> workers = Integer.parseInt(args[++i]);
                    case "--blas-threads" -> blas = Integer.parseInt(args[++i]);
                    case "--dataset" -> {
                        String value = args[++i];
                        int eq = value.indexOf('=');
                        if (eq < 1 || eq == value.length() - 1) {
                            throw new BadArgumentsException("--dataset takes ID=path, got " + value);
                        }
                        datasets.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    default -> spec = Usage.spec(args[i], spec);
                }
            }
        } catch (BadArgumentsException e) {
            return Usage.refuse(err, e.getMessage());
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return Usage.refuse(err, "bad arguments: " + String.join(" ", args));
        }
        if (spec == null || workers < 1 || blas < 1) {
            return Usage.refuse(err, null);
        }
        return Optional.of(new RunCommand(spec, new Outputs(out, junit), baseline, workers, blas, datasets));
    }

    int execute(PrintStream stdout, PrintStream err) {
        ExperimentSpec parsed;
        LocalDatasets local;
        try {
            local = LocalDatasets.load(datasets);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return CommandLine.BAD_INPUT;
        }
        try {
            parsed = SpecParser.parse(Json.MAPPER.readValue(Files.readString(spec), Object.class), local);
        } catch (IOException e) {
            err.println("cannot read " + spec + ": " + e.getMessage());
            return CommandLine.BAD_INPUT;
        } catch (JacksonException e) {
            err.println(spec + " is not valid JSON: " + e.getOriginalMessage());
            return CommandLine.BAD_INPUT;
        } catch (InvalidSpecException e) {
            err.println(spec + " is not a valid spec:");
            for (FieldError fe : e.errors()) {
                err.println("  " + fe.field() + ": " + fe.message());
            }
            return CommandLine.BAD_INPUT;
        }
        Baseline reference = null;
        if (baseline != null) {
            try {
                reference = Baseline.of(baseline.toString(), Json.result(Files.readString(baseline)));
            } catch (IOException e) {
                err.println("cannot read baseline " + baseline + ": " + e.getMessage());
                return CommandLine.BAD_INPUT;
            } catch (JacksonException e) {
                err.println("baseline " + baseline + " is not a result file: " + e.getOriginalMessage());
                return CommandLine.BAD_INPUT;
            }
        }
        try {
            // Against this JVM's heap: three quarters of -Xmx per run (MemoryEstimate.defaultBudget()).
            MemoryEstimate.requireFits(parsed, MemoryEstimate.defaultBudget(),
                    parsed.teacher() instanceof DatasetTeacher d ? local.shape(d.id()) : null);
        } catch (MemoryBudgetExceededException e) {
            err.println(spec + " is too large for this JVM (-Xmx " + MemoryEstimate.format(Runtime.getRuntime().maxMemory())
                    + "; a run may use three quarters): " + e.getMessage());
            return CommandLine.BAD_INPUT;
        }
        LocalExperiment.Result result;
        try {
            result = new LocalExperiment(parsed, workers, blasThreads, err, reference, local).run();
        } catch (RuntimeException e) {
            err.println("run failed: " + e);
            return CommandLine.FAILED;
        }
        if (!outputs.emit(result.document(), stdout, err)) {
            return CommandLine.FAILED;
        }
        return Boolean.FALSE.equals(result.document().passed()) ? CommandLine.EXPECTATION_FAILED : CommandLine.OK;
    }
}
