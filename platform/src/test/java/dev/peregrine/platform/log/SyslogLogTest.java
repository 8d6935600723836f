package dev.peregrine.platform.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SyslogLogTest {

    @Test
    void operationalMessagesGoToSyslogWithTheLevelAsSeverity() throws IOException {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            receiver.setSoTimeout(5000);
            SyslogLog log = new SyslogLog("udp://127.0.0.1:" + receiver.getLocalPort(),
                    () -> Instant.parse("2024-01-02T03:04:05Z"), ZoneId.of("UTC"));
            log.log(LogLevel.ERROR, "Outputs queue out of memory. Drop event and continue on ...\n");
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            receiver.receive(packet);
            assertEquals("<11>Jan  2 03:04:05 falco: Outputs queue out of memory. Drop event and continue on ...",
                    new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void stderrLineHasCtimeStampOrIsoStampAndRespectsTheThreshold() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        StderrLog log = new StderrLog(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8),
                () -> Instant.parse("2019-03-27T15:28:22Z"), ZoneId.of("UTC"), LogLevel.INFO);
        log.info("a");
        log.debug("hidden");
        log.configure(LogLevel.DEBUG, true, true);
        log.debug("b");
        log.configure(LogLevel.DEBUG, false, true);
        log.error("not on stderr");
        assertEquals("Wed Mar 27 15:28:22 2019: a\n2019-03-27T15:28:22+0000: b\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
