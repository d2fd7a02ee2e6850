package cascade.cli;

import cascade.engine.MemoryBudgetExceededException;
import cascade.engine.MemoryEstimate;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.InvalidSpecException;
import cascade.engine.spec.SpecParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/** {@code run SPEC.json [--out RESULT.json] [--workers N] [--blas-threads N]}. */
record RunCommand(Path spec, @Nullable Path out, int workers, int blasThreads) {

    static Optional<RunCommand> parse(String[] args, PrintStream err) {
        Path spec = null;
        Path out = null;
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = cores;
        int blas = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--workers" -> workers = Integer.parseInt(args[++i]);
                    case "--blas-threads" -> blas = Integer.parseInt(args[++i]);
                    default -> {
                        if (args[i].startsWith("--") || spec != null) {
                            err.println("unknown argument: " + args[i]);
                            err.println(CommandLine.usage());
                            return Optional.empty();
                        }
                        spec = Path.of(args[i]);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            err.println("bad arguments: " + String.join(" ", args));
            err.println(CommandLine.usage());
            return Optional.empty();
        }
        if (spec == null || workers < 1 || blas < 1) {
            err.println(CommandLine.usage());
            return Optional.empty();
        }
        return Optional.of(new RunCommand(spec, out, workers, blas));
    }

    int execute(PrintStream stdout, PrintStream err) {
        ExperimentSpec parsed;
        try {
            parsed = SpecParser.parse(Json.MAPPER.readValue(Files.readString(spec), Object.class));
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
        try {
            // Against this JVM's heap: three quarters of -Xmx per run (MemoryEstimate.defaultBudget()).
            MemoryEstimate.requireFits(parsed, MemoryEstimate.defaultBudget());
        } catch (MemoryBudgetExceededException e) {
            err.println(spec + " is too large for this JVM (-Xmx " + MemoryEstimate.format(Runtime.getRuntime().maxMemory())
                    + "; a run may use three quarters): " + e.getMessage());
            return CommandLine.BAD_INPUT;
        }
        LocalExperiment.Result result;
        try {
            result = new LocalExperiment(parsed, workers, blasThreads, err).run();
        } catch (RuntimeException e) {
            err.println("run failed: " + e);
            return CommandLine.FAILED;
        }
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result.document());
        try {
            if (out == null) {
                stdout.println(json);
            } else {
                Files.writeString(out, json + System.lineSeparator());
                err.println("wrote " + out);
            }
        } catch (IOException e) {
            err.println("cannot write " + out + ": " + e.getMessage());
            return CommandLine.FAILED;
        }
        err.println(Summaries.of(result.document()));
        return Boolean.FALSE.equals(result.document().passed()) ? CommandLine.EXPECTATION_FAILED : CommandLine.OK;
    }
}
