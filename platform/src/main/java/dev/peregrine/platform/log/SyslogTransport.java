package dev.peregrine.platform.log;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Delivers RFC 3164 records to the local syslog daemon.
 *
 * <p>Falco writes datagrams to {@code /dev/log}. The JDK supports Unix-domain sockets only as streams, so
 * without native code we connect a Unix stream socket to the configured path (syslog-ng and rsyslog can
 * listen that way; records are newline-terminated) and, when the socket refuses streams (the usual
 * datagram-only {@code /dev/log}), fall back to UDP datagrams to {@code 127.0.0.1:514}. A
 * {@code udp://host:port} value selects UDP directly. Not thread-safe: one owner thread.
 */
public final class SyslogTransport implements AutoCloseable {

    private static final int LOG_USER = 1;
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", java.util.Locale.ROOT);

    private final String socket;
    private SocketChannel stream;
    private DatagramChannel datagram;
    private InetSocketAddress udpTarget;
    private String fallbackReason;

    /** @param socket a Unix socket path or {@code udp://host:port} */
    public SyslogTransport(String socket) {
        this.socket = socket;
    }

    /** {@code <PRI>Mmm dd hh:mm:ss falco: <msg>} for facility LOG_USER and the given severity (0–7). */
    public static String record(java.time.Instant time, java.time.ZoneId zone, int severity, String message) {
        return "<" + (LOG_USER * 8 + severity) + ">"
                + STAMP.format(java.time.LocalDateTime.ofInstant(time, zone)) + " falco: " + message;
    }

    /** Why the Unix socket was not used, once it was tried and refused; null otherwise. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** Sends one record (without framing). */
    public void send(String record) throws IOException {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
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
                    : new InetSocketAddress(hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1)));
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
                fallbackReason = e.getMessage();
            }
        } catch (UnsupportedOperationException e) {
            fallbackReason = "no Unix-domain sockets on this platform";
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
