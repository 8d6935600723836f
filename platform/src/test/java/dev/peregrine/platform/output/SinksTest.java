package dev.peregrine.platform.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.engine.Priority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void stdoutWritesOneLinePerAlertAndFlushesWhenUnbuffered() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdoutSink sink = new StdoutSink(out, false);
        sink.write("one", Priority.DEBUG);
        assertEquals("one\n", out.toString(StandardCharsets.UTF_8));
        StdoutSink buffered = new StdoutSink(out, true);
        buffered.write("two", Priority.DEBUG);
        assertEquals("one\n", out.toString(StandardCharsets.UTF_8));
        buffered.flush();
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fileWithoutKeepAliveRecreatesADeletedFile() throws IOException {
        Path file = dir.resolve("events.txt");
        FileSink sink = new FileSink(file, false, false, log);
        sink.write("first", Priority.WARNING);
        Files.delete(file);
        sink.write("second", Priority.WARNING);
        assertEquals("second\n", Files.readString(file));
    }

    @Test
    void fileAppendsAndKeepAliveReopensOnRequest() throws IOException {
        Path file = dir.resolve("events.txt");
        Files.writeString(file, "old\n");
        FileSink sink = new FileSink(file, true, false, log);
        sink.write("a", Priority.WARNING);
        Path moved = dir.resolve("rotated.txt");
        Files.move(file, moved);
        sink.write("b", Priority.WARNING);
        sink.reopen();
        sink.write("c", Priority.WARNING);
        sink.close();
        assertEquals("old\na\nb\n", Files.readString(moved));
        assertEquals("c\n", Files.readString(file));
    }

    @Test
    void fileOpenFailureLogsFalcoError() throws IOException {
        Path file = dir.resolve("missing-dir/events.txt");
        new FileSink(file, false, false, log).write("x", Priority.WARNING);
        assertEquals(List.of("ERROR failed to open output file " + file), log.lines);
    }

    @Test
    void programWithoutKeepAliveRunsOneShellPerAlert() throws IOException {
        Path out = dir.resolve("program.txt");
        ProgramSink sink = new ProgramSink("cat >> " + out + "; echo run >> " + dir.resolve("runs.txt"),
                false, false, log);
        sink.write("a", Priority.WARNING);
        sink.write("b", Priority.WARNING);
        assertEquals("a\nb\n", Files.readString(out));
        assertEquals("run\nrun\n", Files.readString(dir.resolve("runs.txt")));
    }

    @Test
    void programWithKeepAliveReusesOneShellUntilClosed() throws IOException {
        Path out = dir.resolve("program.txt");
        ProgramSink sink = new ProgramSink("cat >> " + out + "; echo run >> " + dir.resolve("runs.txt"),
                true, false, log);
        sink.write("a", Priority.WARNING);
        sink.write("b", Priority.WARNING);
        sink.close();
        assertEquals("a\nb\n", Files.readString(out));
        assertEquals("run\n", Files.readString(dir.resolve("runs.txt")));
    }

    private record Request(String method, String contentType, String userAgent, String body) {
    }

    private String startServer(List<Request> requests, int status, String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("User-Agent"), body));
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static PeregrineConfig.HttpOutput http(String url, boolean echo) {
        return new PeregrineConfig.HttpOutput(true, url, "falcosecurity/falco", false, "", false, "", "",
                echo, false, false, 5);
    }

    @Test
    void httpPostsJsonWithFalcoHeadersAndEchoesTheResponse() {
        List<Request> requests = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        String url;
        try {
            url = startServer(requests, 200, "accepted");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        HttpSink sink = new HttpSink(http(url, true), true, log, new PrintStream(echoed, true, StandardCharsets.UTF_8));
        sink.write("{\"rule\":\"r\"}", Priority.WARNING);
        assertEquals(List.of(new Request("POST", "application/json", "falcosecurity/falco", "{\"rule\":\"r\"}")),
                requests);
        assertEquals("accepted", echoed.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), log.lines);
    }

    @Test
    void httpTextAlertsAreTextPlainAndServerErrorsAreNotRetried() throws IOException {
        List<Request> requests = new CopyOnWriteArrayList<>();
        String url = startServer(requests, 500, "");
        HttpSink sink = new HttpSink(http(url, false), false, log, new PrintStream(new ByteArrayOutputStream()));
        sink.write("12:00:00.000000000: Warning x", Priority.WARNING);
        assertEquals(1, requests.size());
        assertEquals("text/plain", requests.get(0).contentType());
        assertEquals(List.of(), log.lines);
    }

    @Test
    void httpUnreachableEndpointLogsTheLibcurlError() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpSink sink = new HttpSink(http("http://127.0.0.1:" + port + "/", false), true, log,
                new PrintStream(new ByteArrayOutputStream()));
        sink.write("{}", Priority.WARNING);
        assertEquals(1, log.lines.size());
        assertTrue(log.lines.get(0).startsWith("ERROR libcurl failed to perform call: "), log.lines.get(0));
    }

    @Test
    void syslogRecordIsRfc3164WithUserFacility() {
        SyslogSink sink = new SyslogSink("/dev/log", log, () -> Instant.parse("2024-03-05T07:08:09Z"), ZoneId.of("UTC"));
        assertEquals("<12>Mar  5 07:08:09 falco: hello", sink.record("hello", Priority.WARNING));
        assertEquals("<8>Mar  5 07:08:09 falco: x", sink.record("x", Priority.EMERGENCY));
    }

    @Test
    void syslogSendsUdpDatagramsWhenConfiguredSo() throws IOException {
        try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            receiver.setSoTimeout(5000);
            SyslogSink sink = new SyslogSink("udp://127.0.0.1:" + receiver.getLocalPort(), log,
                    () -> Instant.parse("2024-12-15T07:08:09Z"), ZoneId.of("UTC"));
            sink.write("alert text", Priority.DEBUG);
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[512], 512);
            receiver.receive(packet);
            assertEquals("<15>Dec 15 07:08:09 falco: alert text",
                    new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            sink.close();
        }
    }
}
