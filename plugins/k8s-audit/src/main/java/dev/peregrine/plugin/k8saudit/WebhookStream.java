package dev.peregrine.plugin.k8saudit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The webhook source: an embedded HTTP(S) server accepting the API server's audit posts on one
 * path. A body is queued (blocking the poster while the queue is full) before the 200 is sent, so
 * an acknowledged body is never lost; it is parsed on the host's thread when events are read.
 */
final class WebhookStream implements EventStream {

    /** Bodies waiting to be parsed; a full queue pushes back on the posters. */
    static final int QUEUE_CAPACITY = 50;
    private static final long POLL_MILLIS = 30;
    private static final int HANDLER_THREADS = 16;
    /** Seconds a client may take to send a request or read the response before it is cut off. */
    private static final String CLIENT_TIMEOUT_SECONDS = "60";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final String path;
    private final long maxBody;
    private final AuditEvents splitter;
    private final BlockingQueue<byte[]> bodies = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ArrayDeque<AuditEvents.AuditEvent> pending = new ArrayDeque<>();
    private final List<AuditEvents.AuditEvent> scratch = new ArrayList<>();
    private final AtomicLong rejected;
    private final AuditEvents.Log log;
    private volatile boolean closed;

    private WebhookStream(HttpServer server, String path, long maxBody, AuditEvents splitter, AuditEvents.Log log,
                          Counters counters) {
        this.rejected = counters.rejectedRequests;
        this.log = log;
        this.server = server;
        this.path = path;
        this.maxBody = maxBody;
        this.splitter = splitter;
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "k8saudit-webhook");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /** Binds and starts the server for {@code target}; TLS uses {@code tls} when not null. */
    static WebhookStream start(OpenTarget.Webhook target, SSLContext tls, long maxBody, AuditEvents splitter,
                               AuditEvents.Log log, Counters counters) throws PluginException {
        InetSocketAddress address = target.host().isEmpty()
                ? new InetSocketAddress(target.port())
                : new InetSocketAddress(target.host(), target.port());
        limitSlowClients();
        HttpServer server;
        try {
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot listen on " + address + ": " + e.getMessage(), e);
        }
        WebhookStream stream = new WebhookStream(server, target.path(), maxBody, splitter, log, counters);
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

    /** Requests rejected with a 4xx status so far. */
    long rejected() {
        return rejected.get();
    }

    private boolean pathMatches(String requested) {
        // Go's mux: a pattern ending in "/" matches its subtree, any other pattern only itself.
        return path.endsWith("/") ? requested.startsWith(path) : requested.equals(path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!pathMatches(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, "404 page not found\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("POST")) {
                reply(exchange, 405, method + " method not allowed");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.contains("application/json")) {
                reply(exchange, 400, "wrong Content Type");
                return;
            }
            byte[] body;
            try {
                body = readLimited(exchange.getRequestBody());
            } catch (IOException e) {
                log.warning("bad request: " + e.getMessage());
                reply(exchange, 400, "bad request: " + e.getMessage());
                return;
            }
            try {
                bodies.put(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 503, "shutting down");
                return;
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(chunk)) >= 0) {
            total += read;
            if (total > maxBody) {
                throw new IOException("http: request body too large");
            }
            out.write(chunk, 0, read);
        }
        return out.toByteArray();
    }

    private void reply(HttpExchange exchange, int status, String text) throws IOException {
        if (status >= 400) {
            rejected.incrementAndGet();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
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
                byte[] body = added == 0 ? poll() : bodies.poll();
                if (body == null) {
                    break;
                }
                scratch.clear();
                splitter.split(body, scratch);
                pending.addAll(scratch);
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

    private byte[] poll() {
        try {
            return bodies.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
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
