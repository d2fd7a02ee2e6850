package cascade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the CI client followed redirects and could forward its Authorization header to another
 * host, and --token shows in the process list. Two throwaway HTTP servers on loopback stand in for
 * a service that redirects and the host it redirects to.
 */
class SubmitRedirectTests {

    @TempDir
    Path dir;
    final List<String> elsewhere = new CopyOnWriteArrayList<>();
    HttpServer redirecting;
    HttpServer other;

    @AfterEach
    void stop() {
        if (redirecting != null) {
            redirecting.stop(0);
        }
        if (other != null) {
            other.stop(0);
        }
    }

    @Test
    void aRedirectIsReportedAndTheTokenNeverLeavesTheServerGiven() throws Exception {
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            elsewhere.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        other.start();
        String target = "http://127.0.0.1:" + other.getAddress().getPort() + "/experiments";
        redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        redirecting.start();
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"name\": \"x\"}");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.execute(new String[] {"submit", spec.toString(), "--server",
                "http://127.0.0.1:" + redirecting.getAddress().getPort(), "--token", "cas_secret"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String messages = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(messages).isEqualTo(CommandLine.BAD_INPUT);
        assertThat(messages).contains("redirecting to " + target).contains("not followed")
                .contains("--token is visible").contains("CASCADE_TOKEN");
        assertThat(elsewhere).as("the redirect target never saw a request, let alone the token").isEmpty();
    }
}
