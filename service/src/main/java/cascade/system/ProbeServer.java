package cascade.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Liveness and readiness over plain HTTP on {@code cascade.probes.port}, for a process that runs no
 * web server (a worker-only instance, {@code spring.main.web-application-type=none}) but whose
 * orchestrator still needs probes. {@code GET /livez} answers 200 while Spring's liveness state is
 * CORRECT; {@code GET /readyz} answers 200 from the end of startup (migrations checked, workers
 * started) until shutdown begins (SIGTERM), else 503. Nothing else is served: no data, no metrics.
 * Off unless the port is set; it uses the JDK's own HTTP server, so no web stack is started. It
 * listens on {@code server.address} like the web server would (loopback by default; the container
 * image sets 0.0.0.0 so the kubelet can reach it).
 */
@Component
@ConditionalOnProperty("cascade.probes.port")
class ProbeServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProbeServer.class);

    private final ApplicationAvailability availability;
    private final String address;
    private final int port;
    private volatile boolean closing;
    private HttpServer server;
    private ExecutorService executor;

    ProbeServer(ApplicationAvailability availability, @Value("${server.address:}") String address,
            @Value("${cascade.probes.port}") int port) {
        this.availability = availability;
        this.address = address;
        this.port = port;
    }

    /** Status code of a probe path: 200 healthy, 503 not (yet or any more), 404 unknown path. */
    int status(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return 405;
        }
        return switch (path) {
            case "/livez" -> availability.getLivenessState() == LivenessState.CORRECT ? 200 : 503;
            case "/readyz" -> !closing && availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                    ? 200 : 503;
            default -> 404;
        };
    }

    /** Shutdown has begun: not ready any more (Spring marks only web servers refusing on its own). */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
    }

    @Override
    public void start() {
        try {
            InetSocketAddress bind = address.isBlank() ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(address), port);
            server = HttpServer.create(bind, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on cascade.probes.port " + port, e);
        }
        executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cascade-probes").daemon(true).factory());
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
        log.info("probes on {}: /livez, /readyz", server.getAddress());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = status(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            byte[] body = (status == 200 ? "UP\n" : status == 503 ? "DOWN\n" : "").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The port listened on (the configured one, or the one picked for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Started before and stopped after every other lifecycle (the workers), so probes see it all. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
