package dev.peregrine.platform.condition.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** inet_pton-like parsing and inet_ntop-like printing. */
class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "", "1.2.3.4 "})
    void rejectsMalformedIpv4(String text) {
        assertNull(IpAddresses.parseIpv4(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", "1:", ":1",
        "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4"})
    void rejectsMalformedIpv6(String text) {
        assertNull(IpAddresses.parseIpv6(text));
    }

    @Test
    void parsesCompressedAndEmbeddedForms() {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertArrayEquals(loopback, IpAddresses.parseIpv6("::1"));
        byte[] mapped = IpAddresses.parseIpv6("::ffff:10.0.0.1");
        assertEquals((byte) 0xFF, mapped[10]);
        assertEquals(10, mapped[12]);
        assertEquals(1, mapped[15]);
        assertArrayEquals(IpAddresses.parseIpv6("2001:db8:0:0:0:0:0:1"), IpAddresses.parseIpv6("2001:DB8::1"));
        assertArrayEquals(new byte[16], IpAddresses.parseIpv6("::"));
    }

    @Test
    void networkContainmentUsesThePrefixBits() {
        byte[] net = IpAddresses.parseIpv4("10.128.0.0");
        assertEquals(true, IpAddresses.inNetwork(IpAddresses.parseIpv4("10.191.1.1"), net, 4, 10));
        assertEquals(false, IpAddresses.inNetwork(IpAddresses.parseIpv4("10.192.1.1"), net, 4, 10));
        assertEquals(true, IpAddresses.inNetwork(IpAddresses.parseIpv4("1.2.3.4"), net, 4, 0));
    }
}
