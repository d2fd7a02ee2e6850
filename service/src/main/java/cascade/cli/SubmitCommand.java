package cascade.cli;

import cascade.engine.report.ResultDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code submit SPEC.json --server URL [--token T] [--wait] [--out RESULT.json] [--junit REPORT.xml]
 * [--mark-baseline] [--poll SECONDS] [--timeout SECONDS] [--idempotency-key K]}: the CI client.
 * Submits the spec with an Idempotency-Key (retries of this submission reuse it, so a lost
 * answer never queues the experiment twice), and with {@code --wait} polls the experiment until
 * it is finished, then writes the result and the JUnit report like {@code run}. The server
 * validates the spec and compares {@code against: baseline} expectations with its baseline;
 * {@code --mark-baseline} makes the experiment that baseline when it succeeded and its
 * expectations passed, or failed only for want of a baseline (the first run of a job).
 *
 * <p>Exit codes: 0 submitted (without --wait) or finished with every expectation passing; 1 an
 * expectation failed or the experiment did not succeed; 2 bad spec, usage, or a request the
 * server refused (4xx: the problem's field errors are printed); 3 server unreachable, a 5xx, or
 * --timeout reached.
 */
record SubmitCommand(Path spec, String server, @Nullable String token, boolean await, Outputs outputs,
        boolean markBaseline, Duration poll, @Nullable Duration timeout, String idempotencyKey) {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final int ATTEMPTS = 4;

    static Optional<SubmitCommand> parse(String[] args, PrintStream err) {
        Path spec = null;
        String server = null;
        String token = System.getenv("CASCADE_TOKEN");
        boolean await = false;
        boolean mark = false;
        Path out = null;
        Path junit = null;
        Duration poll = Duration.ofSeconds(2);
        Duration timeout = null;
        String key = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--server" -> server = args[++i];
                    case "--token" -> {
                        token = args[++i];
                        err.println("warning: --token is visible to other users of this machine in the process "
                                + "list; set CASCADE_TOKEN instead");
                    }
                    case "--wait" -> await = true;
                    case "--out" -> out = Path.of(args[++i]);
                    case "--junit" -> junit = Path.of(args[++i]);
                    case "--mark-baseline" -> mark = true;
                    case "--poll" -> poll = seconds(args[++i]);
                    case "--timeout" -> timeout = seconds(args[++i]);
                    case "--idempotency-key" -> key = args[++i];
                    case "--baseline" -> {
                        err.println("submit compares with the server's baseline (POST /experiments/{id}/baseline); "
                                + "--baseline RESULT.json applies to run");
                        return Optional.empty();
                    }
                    default -> spec = Usage.spec(args[i], spec);
                }
            }
        } catch (BadArgumentsException e) {
            return Usage.refuse(err, e.getMessage());
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            return Usage.refuse(err, "bad arguments: " + String.join(" ", args));
        }
        if (spec == null || server == null) {
            return Usage.refuse(err, spec == null ? "submit needs a spec file" : "submit needs --server URL");
        }
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !(server.startsWith("http://") || server.startsWith("https://"))) {
            err.println("--server must be an http(s) URL, was " + server);
            return Optional.empty();
        }
        if (!await && (out != null || junit != null || mark)) {
            err.println("--out, --junit and --mark-baseline need --wait");
            return Optional.empty();
        }
        if (key != null && (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            err.println("--idempotency-key must be 1-200 printable ASCII characters");
            return Optional.empty();
        }
        return Optional.of(new SubmitCommand(spec, server, token == null || token.isBlank() ? null : token, await,
                new Outputs(out, junit), mark, poll, timeout, key != null ? key : "cascade-cli-" + UUID.randomUUID()));
    }

    private static Duration seconds(String s) {
        double v = Double.parseDouble(s);
        if (!(v > 0) || v > 1e6) {
            throw new IllegalArgumentException("not a positive number of seconds: " + s);
        }
        return Duration.ofMillis(Math.max(1, Math.round(v * 1000)));
    }

    int execute(PrintStream stdout, PrintStream err) {
        String body;
        try {
            body = Files.readString(spec);
            Json.MAPPER.readTree(body);
        } catch (IOException e) {
            err.println("cannot read " + spec + ": " + e.getMessage());
            return CommandLine.BAD_INPUT;
        } catch (JacksonException e) {
            err.println(spec + " is not valid JSON: " + e.getOriginalMessage());
            return CommandLine.BAD_INPUT;
        }
        ServiceClient client = new ServiceClient(server, token);
        try {
            ServiceClient.Response submitted = retrying(() -> client.submit(body, idempotencyKey), err);
            if (!submitted.ok()) {
                return refused("submission", submitted, err);
            }
            String id = Json.MAPPER.readTree(submitted.body()).get("id").asString();
            if (!await) {
                stdout.println(id);
                return CommandLine.OK;
            }
            err.println("submitted " + id + " to " + client.server() + "/experiments/" + id);
            Optional<String> status = follow(client, id, err);
            if (status.isEmpty()) {
                err.println("gave up waiting after " + timeout.toSeconds() + " s; experiment " + id + " is still running");
                return CommandLine.FAILED;
            }
            ServiceClient.Response fetched = retrying(() -> client.result(id), err);
            if (!fetched.ok()) {
                return refused("result", fetched, err);
            }
            ResultDocument doc = Json.result(fetched.body());
            if (!outputs.emit(doc, stdout, err)) {
                return CommandLine.FAILED;
            }
            boolean passed = doc.status().equals("SUCCEEDED") && !Boolean.FALSE.equals(doc.passed());
            err.println("experiment " + id + " " + doc.status()
                    + (doc.passed() == null ? "" : doc.passed() ? ", expectations passed" : ", expectations FAILED"));
            if (markBaseline && doc.status().equals("SUCCEEDED") && (passed || onlyBaselineMissing(doc))) {
                ServiceClient.Response marked = retrying(() -> client.markBaseline(id), err);
                if (!marked.ok()) {
                    return refused("baseline", marked, err);
                }
                err.println("marked " + id + " as the baseline of " + doc.spec().get("name"));
            }
            return passed ? CommandLine.OK : CommandLine.EXPECTATION_FAILED;
        } catch (IOException e) {
            err.println("cannot reach " + server + ": " + e);
            return CommandLine.FAILED;
        } catch (JacksonException | NullPointerException e) {
            err.println("unexpected answer from " + server + ": " + e.getMessage());
            return CommandLine.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return CommandLine.FAILED;
        }
    }

    /**
     * True when every failed verdict failed only because there was no baseline yet: the first
     * run of a CI job with --mark-baseline then becomes the baseline.
     */
    private static boolean onlyBaselineMissing(ResultDocument doc) {
        return doc.verdicts().stream().filter(v -> !v.pass())
                .allMatch(v -> "baseline".equals(v.against()) && v.baseline() == null && v.value() != null);
    }

    /**
     * Polls GET /experiments/{id} until the status is terminal, printing progress when it changes;
     * empty when --timeout passes first.
     */
    private Optional<String> follow(ServiceClient client, String id, PrintStream err)
            throws IOException, InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            ServiceClient.Response r = retrying(() -> client.experiment(id), err);
            if (!r.ok()) {
                throw new IOException("GET /experiments/" + id + " answered " + r.status() + ": " + r.body());
            }
            JsonNode experiment = Json.MAPPER.readTree(r.body());
            String status = experiment.get("status").asString();
            JsonNode progress = experiment.get("progress");
            String line = String.format("[%d/%d] %s", progress.get("done").asInt(), progress.get("total").asInt(), status);
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
            if (TERMINAL.contains(status)) {
                return Optional.of(status);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(poll);
        }
    }

    /** A call that may hit a restarting server: retried on connection errors and 502/503/504. */
    private static ServiceClient.Response retrying(Call call, PrintStream err) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                ServiceClient.Response r = call.send();
                if (attempt == ATTEMPTS || !Set.of(502, 503, 504).contains(r.status())) {
                    return r;
                }
                err.println("server answered " + r.status() + "; retrying");
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                err.println("cannot reach the server (" + e.getMessage() + "); retrying");
            }
            Thread.sleep(1000L << (attempt - 1));
        }
    }

    /** Prints a refused request's problem detail; 2 for 4xx (the request is wrong), 3 for 5xx. */
    private static int refused(String what, ServiceClient.Response r, PrintStream err) {
        if (r.redirect()) {
            err.println(what + ": the server answered HTTP " + r.status() + " redirecting to " + r.location()
                    + "; redirects are not followed (the token would go with them): pass the final URL as --server");
            return CommandLine.BAD_INPUT;
        }
        err.println(what + " refused: HTTP " + r.status());
        try {
            JsonNode problem = Json.MAPPER.readTree(r.body());
            if (problem.hasNonNull("title")) {
                err.println("  " + problem.get("title").asString()
                        + (problem.hasNonNull("detail") && !problem.has("errors") ? ": " + problem.get("detail").asString() : ""));
            }
            if (problem.has("errors")) {
                for (JsonNode e : problem.get("errors")) {
                    err.println("  " + e.path("field").asString() + ": " + e.path("message").asString());
                }
            }
        } catch (JacksonException notJson) {
            err.println("  " + r.body().lines().findFirst().orElse(""));
        }
        return r.status() >= 400 && r.status() < 500 ? CommandLine.BAD_INPUT : CommandLine.FAILED;
    }

    @FunctionalInterface
    private interface Call {
        ServiceClient.Response send() throws IOException, InterruptedException;
    }
}
