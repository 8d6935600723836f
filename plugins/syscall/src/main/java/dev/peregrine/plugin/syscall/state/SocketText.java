package dev.peregrine.plugin.syscall.state;

/** Text forms of socket addresses as libsinsp prints them in {@code fd.name} and parameters. */
public final class SocketText {

    private SocketText() {
    }

    /** Dotted decimal for 4 bytes, compressed IPv6 text for 16 (IPv4-mapped shown as IPv4). */
    public static String ip(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
        if (isIpv4Mapped(address)) {
            return (address[12] & 0xFF) + "." + (address[13] & 0xFF) + "." + (address[14] & 0xFF) + "."
                    + (address[15] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** True for {@code ::ffff:a.b.c.d} addresses. */
    public static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return (address[10] & 0xFF) == 0xFF && (address[11] & 0xFF) == 0xFF;
    }

    /** The IPv4 part of an IPv4-mapped IPv6 address, or the address itself. */
    public static byte[] unmap(byte[] address) {
        if (!isIpv4Mapped(address)) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    /** {@code ip:port} (IPv6 addresses keep their colons, as libsinsp prints them). */
    public static String endpoint(byte[] address, int port) {
        return ip(address) + ":" + port;
    }

    /** {@code sip:sport->dip:dport}. */
    public static String tuple(byte[] sip, int sport, byte[] dip, int dport) {
        return endpoint(sip, sport) + "->" + endpoint(dip, dport);
    }

    /** Unix tuple text: lower-case hex kernel pointers, then the path. */
    public static String unixTuple(long source, long destination, String path) {
        return Long.toHexString(source) + "->" + Long.toHexString(destination) + " " + path;
    }
}
