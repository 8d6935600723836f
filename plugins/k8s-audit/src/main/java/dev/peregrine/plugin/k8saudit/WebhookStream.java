package dev.peregrine.plugin.k8saudit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The webhook source: an embedded HTTP(S) server accepting the API server's audit posts on one
 * path. A body is read (never beyond {@code webhookMaxBatchSize}), parsed and split into events on
 * the handler thread, and its events are queued (blocking the poster while the queue is full)
 * before the 200 is sent: an acknowledged event is never lost, and a bad body gets a 4xx with the
 * reason instead of a 200.
 */
final class WebhookStream implements EventStream {

    /** Parsed bodies waiting for the host; a full queue pushes back on the posters. */
    static final int QUEUE_CAPACITY = 50;
    /**
     * Events waiting for the host at most (a larger single body is admitted alone). Counting
     * bodies alone let 50 API-server batches of 400 events queue up: seconds of delay at
     * saturation, and up to 50 x webhookMaxBatchSize of memory.
     */
    static final int MAX_QUEUED_EVENTS = 5_000;
    private static final long POLL_MILLIS = 30;
    private static final int HANDLER_THREADS = 16;
    private static final int FIRST_BUFFER = 16 * 1024;
    /** Seconds a client may take to send a request or read the response before it is cut off. */
    private static final String CLIENT_TIMEOUT_SECONDS = "60";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final String path;
    private final long maxBody;
    private final AuditEvents splitter;
    private final ClientAuth auth;
    private final Counters counters;
    private final ThrottledLog log;
    private final BlockingQueue<Queued> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    // Fair, so a large body is not starved by a stream of small ones.
    private final Semaphore eventBudget = new Semaphore(MAX_QUEUED_EVENTS, true);
    private final ArrayDeque<AuditEvents.AuditEvent> pending = new ArrayDeque<>();
    private volatile boolean closed;

    /** Everything the server needs besides its address. */
    record Settings(long maxBody, AuditEvents splitter, ClientAuth auth, Counters counters, ThrottledLog log) {
    }

    /** The events of one body and the share of the event budget they hold until the host takes them. */
    private record Queued(List<AuditEvents.AuditEvent> events, int permits) {
    }

    private WebhookStream(HttpServer server, String path, Settings settings) {
        this.server = server;
        this.path = path;
        this.maxBody = settings.maxBody();
        this.splitter = settings.splitter();
        this.auth = settings.auth();
        this.counters = settings.counters();
        this.log = settings.log();
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "k8saudit-webhook");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /** Binds and starts the server for {@code target}; TLS uses {@code tls} when not null. */
    static WebhookStream start(OpenTarget.Webhook target, SSLContext tls, Settings settings) throws PluginException {
        InetSocketAddress address = target.host().isEmpty()
                ? new InetSocketAddress(target.port())
                : new InetSocketAddress(target.host(), target.port());
        limitSlowClients();
        boolean needCertificate = settings.auth().requiresCertificate();
        HttpServer server;
        try {
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters parameters) {
                        SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                        ssl.setNeedClientAuth(needCertificate);
                        parameters.setSSLParameters(ssl);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot listen on " + address + ": " + e.getMessage(), e);
        }
        WebhookStream stream = new WebhookStream(server, target.path(), settings);
        server.start();
        return stream;
    }

    /**
     * The JDK server never times out a client that stalls mid-request unless these JVM-wide
     * settings are given; they are read once, when the first server starts. Values set by the
     * operator are kept.
     */
    private static void limitSlowClients() {
        for (String key : new String[] {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"}) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, CLIENT_TIMEOUT_SECONDS);
            }
        }
    }

    /** The port the server listens on (useful when 0 was asked for). */
    int port() {
        return server.getAddress().getPort();
    }

    /** Requests rejected so far, whatever the reason. */
    long rejected() {
        return counters.rejectedRequests.get();
    }

    private boolean pathMatches(String requested) {
        // Go's mux: a pattern ending in "/" matches its subtree, any other pattern only itself.
        return path.endsWith("/") ? requested.startsWith(path) : requested.equals(path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!pathMatches(exchange.getRequestURI().getPath())) {
                reject(exchange, Rejection.NOT_FOUND, "404 page not found");
                return;
            }
            if (!auth.acceptsAuthorization(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                reject(exchange, Rejection.UNAUTHORIZED, "401 unauthorized: a valid bearer token is required");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reject(exchange, Rejection.METHOD_NOT_ALLOWED, method + " method not allowed");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.contains("application/json")) {
                reject(exchange, Rejection.WRONG_CONTENT_TYPE, "wrong Content Type");
                return;
            }
            long declared = declaredLength(exchange);
            if (declared > maxBody) {
                reject(exchange, Rejection.BODY_TOO_LARGE, tooLarge(declared + " bytes"));
                return;
            }
            byte[] body;
            try {
                body = readLimited(exchange.getRequestBody(), declared);
            } catch (BodyTooLarge e) {
                reject(exchange, Rejection.BODY_TOO_LARGE, tooLarge("more than " + maxBody + " bytes"));
                return;
            } catch (IOException e) {
                reject(exchange, Rejection.READ_FAILED, "bad request: " + e.getMessage());
                return;
            }
            AuditEvents.Outcome outcome = splitter.parse(body);
            if (outcome.isRejected()) {
                reject(exchange, outcome.problem(), outcome.reason());
                return;
            }
            if (!outcome.events().isEmpty() && !enqueue(outcome.events())) {
                reject(exchange, Rejection.SHUTTING_DOWN, "shutting down");
                return;
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private String tooLarge(String size) {
        return "request body too large: " + size + ", the limit is webhookMaxBatchSize=" + maxBody;
    }

    private boolean enqueue(List<AuditEvents.AuditEvent> events) {
        int permits = Math.min(events.size(), MAX_QUEUED_EVENTS);
        try {
            while (!eventBudget.tryAcquire(permits, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            Queued body = new Queued(events, permits);
            while (!closed) {
                if (queue.offer(body, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            eventBudget.release(permits);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Content-Length of the request, -1 when absent (chunked) or unreadable. */
    private static long declaredLength(HttpExchange exchange) {
        String text = exchange.getRequestHeaders().getFirst("Content-Length");
        if (text == null) {
            return -1;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Signals a body that grew past {@code webhookMaxBatchSize} while it was read. */
    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body too large");
        }
    }

    /** Reads the whole body, stopping as soon as it exceeds {@code maxBody} bytes. */
    private byte[] readLimited(InputStream in, long declared) throws IOException {
        long cap = Math.min(maxBody, Integer.MAX_VALUE - 16L);
        int size = declared >= 0 ? (int) Math.min(declared, cap) : (int) Math.min(FIRST_BUFFER, cap);
        byte[] buffer = new byte[Math.max(size, 1)];
        int filled = 0;
        while (true) {
            if (filled == buffer.length) {
                if (filled > cap) {
                    throw new BodyTooLarge();
                }
                // One byte beyond the limit is room enough to see that a body is too large.
                buffer = Arrays.copyOf(buffer, (int) Math.min(cap + 1, Math.max(2L * filled, 1)));
            }
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            if (filled > cap) {
                throw new BodyTooLarge();
            }
        }
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }

    private void reject(HttpExchange exchange, Rejection reason, String text) throws IOException {
        counters.reject(reason);
        log.warning(reason.label(), "webhook request from " + exchange.getRemoteAddress().getAddress().getHostAddress()
                + " rejected with " + reason.status() + ": " + text);
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (reason == Rejection.BODY_TOO_LARGE) {
            // The unread rest of the body is not worth draining: end the connection after the answer.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(reason.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        int added = 0;
        while (batch.remaining() > 0) {
            AuditEvents.AuditEvent event = pending.peekFirst();
            if (event == null) {
                Queued body = added == 0 ? poll() : queue.poll();
                if (body == null) {
                    break;
                }
                pending.addAll(body.events());
                eventBudget.release(body.permits());
                continue;
            }
            if (!batch.add(event.timestampNanos(), event.payload())) {
                break;
            }
            pending.removeFirst();
            added++;
        }
        return added == 0 ? BatchStatus.TIMEOUT : BatchStatus.SUCCESS;
    }

    private Queued poll() {
        try {
            return queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops accepting, lets running requests finish for up to 5 s, then stops the handler threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(5);
        handlers.shutdownNow();
    }
}
