package dev.peregrine.platform.output;

import dev.peregrine.platform.log.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code syslog_output}: one RFC 3164 record per alert, {@code <PRI>Mmm dd hh:mm:ss falco: <msg>}, facility
 * LOG_USER, severity = priority.
 *
 * <p>Falco writes datagrams to {@code /dev/log}. The JDK supports Unix-domain sockets only as streams, so
 * without native code we connect a Unix stream socket to {@code platform.syslog_socket} (syslog-ng and
 * rsyslog can listen that way; records are newline-terminated) and, when the socket refuses streams (the
 * usual datagram-only {@code /dev/log}), fall back to UDP datagrams to {@code 127.0.0.1:514}. A
 * {@code udp://host:port} value selects UDP directly.
 */
public final class SyslogSink implements OutputSink {

    private static final int LOG_USER = 1;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final String socket;
    private final Log log;
    private final Supplier<Instant> clock;
    private final ZoneId zone;
    private SocketChannel stream;
    private DatagramChannel datagram;
    private InetSocketAddress udpTarget;
    private boolean fallbackLogged;

    public SyslogSink(String socket, Log log, Supplier<Instant> clock, ZoneId zone) {
        this.socket = socket;
        this.log = log;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String name() {
        return "syslog";
    }

    /** The record text for one alert, without transport framing. */
    String record(String line, AlertPriority priority) {
        int pri = LOG_USER * 8 + priority.severity();
        return "<" + pri + ">" + STAMP.format(LocalDateTime.ofInstant(clock.get(), zone)) + " falco: " + line;
    }

    @Override
    public void write(String line, AlertPriority priority) throws IOException {
        byte[] bytes = record(line, priority).getBytes(StandardCharsets.UTF_8);
        if (datagram == null && stream == null) {
            connect();
        }
        if (stream != null) {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
                while (buffer.hasRemaining()) {
                    stream.write(buffer);
                }
                return;
            } catch (IOException e) {
                stream.close();
                stream = null;
                throw e;
            }
        }
        datagram.send(ByteBuffer.wrap(bytes), udpTarget);
    }

    private void connect() throws IOException {
        if (socket.startsWith("udp://")) {
            String hostPort = socket.substring("udp://".length());
            int colon = hostPort.lastIndexOf(':');
            udpTarget = colon < 0 ? new InetSocketAddress(hostPort, 514)
                    : new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            datagram = DatagramChannel.open();
            return;
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(Path.of(socket)));
                stream = channel;
                return;
            } catch (IOException e) {
                channel.close();
                if (!fallbackLogged) {
                    fallbackLogged = true;
                    log.debug("syslog socket " + socket + " does not accept streams (" + e.getMessage()
                            + "), sending UDP datagrams to 127.0.0.1:514");
                }
            }
        } catch (UnsupportedOperationException e) {
            // no Unix-domain sockets on this platform
        }
        udpTarget = new InetSocketAddress("127.0.0.1", 514);
        datagram = DatagramChannel.open();
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        if (datagram != null) {
            datagram.close();
            datagram = null;
        }
    }
}
