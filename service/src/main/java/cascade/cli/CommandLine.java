package cascade.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The jar's command-line verbs (CONTRACT.md "Command line"). {@code run} executes an experiment
 * in the foreground with no server and no database; {@code submit} sends it to a service and, with
 * --wait, follows it to the end (the CI client). Exit codes: 0 ran and every expectation passed,
 * 1 an expectation failed (submit: or the experiment did not succeed), 2 bad spec, usage or a
 * request the server refused, 3 the run itself failed (submit: server unreachable or 5xx).
 */
public final class CommandLine {

    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int FAILED = 3;

    private CommandLine() {
    }

    /** True when {@code args} name a command-line verb rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("run") || args[0].equals("submit") || args[0].equals("help") || args[0].equals("--help"));
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return switch (args[0]) {
            case "run" -> RunCommand.parse(Arrays.copyOfRange(args, 1, args.length), err)
                    .map(cmd -> cmd.execute(out, err)).orElse(BAD_INPUT);
            case "submit" -> SubmitCommand.parse(Arrays.copyOfRange(args, 1, args.length), err)
                    .map(cmd -> cmd.execute(out, err)).orElse(BAD_INPUT);
            default -> {
                err.println(usage());
                yield args[0].equals("help") || args[0].equals("--help") ? OK : BAD_INPUT;
            }
        };
    }

    static String usage() {
        return """
                usage:
                  java -jar cascade.jar                              start the service (HTTP on :8080)
                  java -jar cascade.jar run SPEC.json [--out RESULT.json] [--junit REPORT.xml]
                          [--baseline RESULT.json] [--workers N] [--blas-threads N]
                          [--dataset ID=data.csv|data.npz|features.npy,labels.npy]...
                                                                     run one experiment in the foreground
                  java -jar cascade.jar submit SPEC.json --server URL [--token T] [--wait]
                          [--out RESULT.json] [--junit REPORT.xml] [--mark-baseline]
                          [--poll SECONDS] [--timeout SECONDS] [--idempotency-key K]
                                                                     submit to a service (token also from
                                                                     $CASCADE_TOKEN); without --wait print the id
                exit codes: 0 passed, 1 an expectation failed (submit: or the experiment did not succeed),
                            2 bad spec, usage or a request the server refused, 3 run failed (submit: server
                            unreachable, 5xx or --timeout)""";
    }
}
