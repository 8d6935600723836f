package dev.peregrine.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Load generator for the k8saudit webhook of an already running Peregrine (it starts nothing).
 * Posts real audit events from Falco's trace files as {@code EventList}s over C connections,
 * N events per POST, for a fixed time; every K-th event carries a unique user name
 * ({@code bench-<run>-<seq>}) that the upstream rules print in their output (the others become
 * reads by a system service account, which no upstream rule reports), and the alert
 * lines of Peregrine's stdout (redirected to a file this program follows) are matched back to
 * the send time of their event. Prints accepted events/s, latency percentiles and, given the
 * pid, Peregrine's peak RSS.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.peregrine.benchmarks.K8sAuditWebhookLoad \
 *   --url http://127.0.0.1:9765/k8s-audit --traces ../shared/compat/legacy/trace_files/k8s_audit \
 *   --alerts /tmp/peregrine-alerts.json --pid $(cat /tmp/peregrine.pid) \
 *   --connections 4 --batch 100 --duration 60 --warmup 10 [--rate 20000] [--alert-every 1]
 * </pre>
 */
public final class K8sAuditWebhookLoad {

    private static final int CHUNK = 1 << 20;
    private static final char ID_SLOT = '\u0001';
    private static final char USER_SLOT = '\u0002';
    private static final char VERB_SLOT = '\u0003';
    private static final String QUIET_USER = "system:serviceaccount:kube-system:bench-quiet";

    private final Options options;
    private final List<String[]> templates;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
    private final String marker;
    private final AtomicLong sequence = new AtomicLong();
    /** Send time (ns) of every event, indexed by sequence number, in chunks made on demand. */
    private final AtomicReferenceArray<long[]> sendTimes = new AtomicReferenceArray<>(4096);
    private final LongAdder accepted = new LongAdder();
    private final LongAdder acceptedPosts = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();
    private volatile long measureStart;
    private volatile long measureEnd;
    private volatile long cpuTicksAtStart = -1;
    private volatile long cpuTicksAtEnd = -1;
    private volatile java.util.Map<String, Long> threadTicksAtStart = java.util.Map.of();
    private volatile java.util.Map<String, Long> threadTicksAtEnd = java.util.Map.of();
    private final AtomicLong firstMeasuredSeq = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastMeasuredSeq = new AtomicLong(-1);

    /** Command-line settings. */
    record Options(URI url, Path traces, Path alerts, long pid, int connections, int batch, int durationSeconds,
                   int warmupSeconds, long rate, int alertEvery) {

        static Options parse(String[] args) {
            URI url = URI.create("http://127.0.0.1:9765/k8s-audit");
            Path traces = Path.of("../shared/compat/legacy/trace_files/k8s_audit");
            Path alerts = null;
            long pid = -1;
            int connections = 4;
            int batch = 100;
            int duration = 60;
            int warmup = 10;
            long rate = 0;
            int alertEvery = 1;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--url" -> url = URI.create(value);
                    case "--traces" -> traces = Path.of(value);
                    case "--alerts" -> alerts = Path.of(value);
                    case "--pid" -> pid = Long.parseLong(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--duration" -> duration = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--rate" -> rate = Long.parseLong(value);
                    case "--alert-every" -> alertEvery = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (alerts == null) {
                throw new IllegalArgumentException("--alerts <file receiving Peregrine's stdout> is required");
            }
            return new Options(url, traces, alerts, pid, connections, batch, duration, warmup, rate, alertEvery);
        }
    }

    private K8sAuditWebhookLoad(Options options) throws IOException {
        this.options = options;
        this.templates = templates(options.traces());
        this.marker = "bench-" + run + "-";
    }

    public static void main(String[] args) throws Exception {
        new K8sAuditWebhookLoad(Options.parse(args)).execute();
    }

    /** Every audit event line of the trace files, split around its auditID and user name values. */
    private static List<String[]> templates(Path dir) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                String withId = replaceValue(text, "\"auditID\":\"", ID_SLOT);
                String withUser = withId == null ? null : replaceUser(withId);
                if (withUser != null) {
                    // The verb stays, marked: marked events keep it, quiet ones become reads ("get").
                    int verb = withUser.indexOf("\"verb\":\"");
                    if (verb >= 0) {
                        int at = verb + "\"verb\":\"".length();
                        withUser = withUser.substring(0, at) + VERB_SLOT + withUser.substring(at);
                    }
                }
                if (withUser != null && text.contains("\"kind\":\"Event\"")) {
                    out.add(split(withUser));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no audit events with auditID and user.username in " + dir);
        }
        return out;
    }

    private static String replaceValue(String text, String key, char slot) {
        int start = text.indexOf(key);
        if (start < 0) {
            return null;
        }
        int valueStart = start + key.length();
        int valueEnd = text.indexOf('"', valueStart);
        return text.substring(0, valueStart) + slot + text.substring(valueEnd);
    }

    /** The template with the value of {@code user.username} replaced by the user slot, or null. */
    private static String replaceUser(String text) {
        int user = text.indexOf("\"user\":{");
        if (user < 0) {
            return null;
        }
        int close = text.indexOf('}', user);
        int name = text.indexOf("\"username\":\"", user);
        if (name < 0 || name > close) {
            return null;
        }
        return replaceValue(text.substring(name), "\"username\":\"", USER_SLOT) == null ? null
                : text.substring(0, name) + replaceValue(text.substring(name), "\"username\":\"", USER_SLOT);
    }

    /** Pieces of a template: literal text, with the slot characters as one-character pieces. */
    private static String[] split(String template) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == ID_SLOT || c == USER_SLOT) {
                pieces.add(template.substring(from, i));
                pieces.add(String.valueOf(c));
                from = i + 1;
            } else if (c == VERB_SLOT) {
                int close = template.indexOf('"', i);
                pieces.add(template.substring(from, i));
                pieces.add(template.substring(i, close));
                from = close;
                i = close - 1;
            }
        }
        pieces.add(template.substring(from));
        return pieces.toArray(String[]::new);
    }

    private void recordSend(long seq, long nanos) {
        int chunk = (int) (seq / CHUNK);
        long[] times = sendTimes.get(chunk);
        if (times == null) {
            sendTimes.compareAndSet(chunk, null, new long[CHUNK]);
            times = sendTimes.get(chunk);
        }
        times[(int) (seq % CHUNK)] = nanos;
    }

    private long sendTime(long seq) {
        long[] times = sendTimes.get((int) (seq / CHUNK));
        return times == null ? 0 : times[(int) (seq % CHUNK)];
    }

    /** Builds one EventList body of {@code batch} events starting at sequence {@code first}. */
    private byte[] body(long first, int batch) {
        StringBuilder out = new StringBuilder(batch * 1200);
        out.append("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[");
        for (int i = 0; i < batch; i++) {
            long seq = first + i;
            if (i > 0) {
                out.append(',');
            }
            for (String piece : templates.get((int) (seq % templates.size()))) {
                if (piece.length() == 1 && piece.charAt(0) == ID_SLOT) {
                    out.append(run).append('-').append(seq);
                } else if (piece.length() == 1 && piece.charAt(0) == USER_SLOT) {
                    if (seq % options.alertEvery() == 0) {
                        out.append(marker).append(seq);
                    } else {
                        out.append(QUIET_USER);
                    }
                } else if (!piece.isEmpty() && piece.charAt(0) == VERB_SLOT) {
                    out.append(seq % options.alertEvery() == 0 ? piece.substring(1) : "get");
                } else {
                    out.append(piece);
                }
            }
        }
        out.append("]}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void poster(HttpClient client, long endNanos, long intervalNanos, long startNanos) {
        long next = startNanos;
        while (true) {
            if (intervalNanos > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next += intervalNanos;
            }
            long first = sequence.getAndAdd(options.batch());
            byte[] body = body(first, options.batch());
            long sent = System.nanoTime();
            if (sent >= endNanos) {
                return;
            }
            for (int i = 0; i < options.batch(); i++) {
                recordSend(first + i, sent);
            }
            int status;
            try {
                status = client.send(HttpRequest.newBuilder(options.url()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                failures.increment();
                continue;
            } catch (InterruptedException e) {
                return;
            }
            long done = System.nanoTime();
            boolean measured = sent >= measureStart && done <= measureEnd;
            if (status == 200) {
                if (measured) {
                    accepted.add(options.batch());
                    acceptedPosts.increment();
                    firstMeasuredSeq.accumulateAndGet(first, Math::min);
                    lastMeasuredSeq.accumulateAndGet(first + options.batch() - 1, Math::max);
                }
            } else {
                otherStatuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        }
    }

    /** Follows the alert file from its current end, recording the latency of every marked alert. */
    private final class AlertFollower implements Runnable {
        private final long[][] latencies = new long[1][];
        private int count;
        private long alertLines;
        private long measuredAlerts;
        private volatile boolean stop;
        private volatile long lastMatchNanos = System.nanoTime();

        AlertFollower() {
            latencies[0] = new long[1 << 16];
        }

        @Override
        public void run() {
            byte[] markerBytes = ("user=" + marker).getBytes(StandardCharsets.US_ASCII);
            try (InputStream in = Files.newInputStream(options.alerts())) {
                in.skip(Files.size(options.alerts()));
                byte[] buffer = new byte[1 << 20];
                int filled = 0;
                while (!stop) {
                    int read = in.read(buffer, filled, buffer.length - filled);
                    if (read <= 0) {
                        Thread.sleep(0, 200_000);
                        continue;
                    }
                    long now = System.nanoTime();
                    filled += read;
                    int lineStart = 0;
                    for (int i = 0; i < filled; i++) {
                        if (buffer[i] == '\n') {
                            line(buffer, lineStart, i, markerBytes, now);
                            lineStart = i + 1;
                        }
                    }
                    System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                    filled -= lineStart;
                    if (filled == buffer.length) {
                        filled = 0; // a line longer than 1 MiB: not an alert of ours
                    }
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("alert follower stopped: " + e);
            }
        }

        private void line(byte[] bytes, int start, int end, byte[] markerBytes, long now) {
            alertLines++;
            int at = indexOf(bytes, start, end, markerBytes);
            if (at < 0) {
                return;
            }
            long seq = 0;
            for (int i = at + markerBytes.length; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
                seq = seq * 10 + (bytes[i] - '0');
            }
            lastMatchNanos = now;
            long sent = sendTime(seq);
            if (sent == 0 || sent < measureStart || sent > measureEnd) {
                return;
            }
            measuredAlerts++;
            if (count == latencies[0].length) {
                latencies[0] = Arrays.copyOf(latencies[0], count * 2);
            }
            latencies[0][count++] = now - sent;
        }

        private static int indexOf(byte[] bytes, int start, int end, byte[] needle) {
            outer:
            for (int i = start; i <= end - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    private void execute() throws Exception {
        System.out.printf(Locale.ROOT, "templates: %d audit events from %s; run id %s%n", templates.size(), options.traces(), run);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        AlertFollower follower = new AlertFollower();
        Thread followerThread = new Thread(follower, "alert-follower");
        followerThread.setDaemon(true);
        followerThread.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        measureStart = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        long interval = options.rate() <= 0 ? 0
                : (long) (1e9 * options.batch() * options.connections() / options.rate());
        Thread cpuProbe = new Thread(() -> {
            try {
                sleepUntil(measureStart);
                cpuTicksAtStart = cpuTicks();
                threadTicksAtStart = threadTicks();
                sleepUntil(measureEnd);
                cpuTicksAtEnd = cpuTicks();
                threadTicksAtEnd = threadTicks();
            } catch (InterruptedException | IOException e) {
                System.err.println("cpu probe: " + e);
            }
        }, "cpu-probe");
        cpuProbe.setDaemon(true);
        cpuProbe.start();
        List<Thread> posters = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            long offset = interval == 0 ? 0 : interval * c / options.connections();
            Thread thread = new Thread(() -> poster(client, measureEnd, interval, start + offset), "poster-" + c);
            thread.start();
            posters.add(thread);
        }
        for (Thread thread : posters) {
            thread.join();
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        // Let the alerts of the last posts arrive: stop 3 s after the last marked alert was seen.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && System.nanoTime() - follower.lastMatchNanos < TimeUnit.SECONDS.toNanos(3)) {
            Thread.sleep(100);
        }
        follower.stop = true;
        followerThread.join(2000);

        double seconds = options.durationSeconds();
        long expected = 0;
        if (lastMeasuredSeq.get() >= 0) {
            for (long s = firstMeasuredSeq.get(); s <= lastMeasuredSeq.get(); s++) {
                long sent = sendTime(s);
                if (s % options.alertEvery() == 0 && sent >= measureStart && sent <= measureEnd) {
                    expected++;
                }
            }
        }
        long[] sorted = Arrays.copyOf(follower.latencies[0], follower.count);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "connections=%d batch=%d duration=%ds warmup=%ds target rate=%s alert every %d event(s)%n",
                options.connections(), options.batch(), options.durationSeconds(), options.warmupSeconds(),
                options.rate() <= 0 ? "unlimited" : options.rate() + "/s", options.alertEvery());
        System.out.printf(Locale.ROOT, "accepted: %d events in %d posts = %.0f events/s; other statuses %s; failed posts %d%n",
                accepted.sum(), acceptedPosts.sum(), accepted.sum() / seconds, otherStatuses, failures.sum());
        System.out.printf(Locale.ROOT, "alerts: %d marked alerts matched of ~%d expected (%d alert lines read in all)%n",
                follower.measuredAlerts, expected, follower.alertLines);
        if (sorted.length > 0) {
            System.out.printf(Locale.ROOT, "latency POST sent -> alert line: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }
        System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
        cpuProbe.join(1000);
        if (cpuTicksAtStart >= 0 && cpuTicksAtEnd >= 0 && accepted.sum() > 0) {
            double cpuSeconds = (cpuTicksAtEnd - cpuTicksAtStart) / 100.0;
            System.out.printf(Locale.ROOT, "peregrine CPU in the window: %.1f s = %.0f us per accepted event "
                    + "(%.0f events/s if it had both cores to itself)%n", cpuSeconds, cpuSeconds * 1e6 / accepted.sum(),
                    2 * accepted.sum() / cpuSeconds);
            for (var entry : new java.util.TreeMap<>(threadTicksAtEnd).entrySet()) {
                long ticks = entry.getValue() - threadTicksAtStart.getOrDefault(entry.getKey(), 0L);
                if (ticks >= 50) {
                    System.out.printf(Locale.ROOT, "  threads '%s': %.1f s = %.0f us per event%n", entry.getKey(),
                            ticks / 100.0, ticks / 100.0 * 1e6 / accepted.sum());
                }
            }
        }
        if (options.pid() > 0) {
            Path status = Path.of("/proc/" + options.pid() + "/status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) {
                        System.out.println("peregrine " + line.replaceAll("\\s+", " "));
                    }
                }
            }
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** utime + stime of Peregrine in clock ticks (USER_HZ, 100 on Linux), -1 without a pid. */
    private long cpuTicks() throws IOException {
        if (options.pid() <= 0) {
            return -1;
        }
        String stat = Files.readString(Path.of("/proc/" + options.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU ticks of Peregrine's threads, summed by thread name (as the kernel keeps it: 15 characters). */
    private java.util.Map<String, Long> threadTicks() throws IOException {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        if (options.pid() <= 0) {
            return ticks;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + options.pid() + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException gone) {
                    // the thread ended between listing and reading
                }
            }
        }
        return ticks;
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
