package dev.peregrine.platform.condition.eval;

/** Parsing (like inet_pton) and printing (like inet_ntop) of IPv4 and IPv6 addresses. */
final class IpAddresses {

    private IpAddresses() {
    }

    /** Strict dotted quad, four decimal parts 0..255; null when malformed. */
    static byte[] parseIpv4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // inet_pton rejects leading zeros
                }
                value = (value < 0 ? 0 : value) * 10 + (c - '0');
                if (value > 255 || ++digits > 3) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** RFC 4291 text form, with {@code ::} and an optional dotted IPv4 tail; null when malformed. */
    static byte[] parseIpv6(String text) {
        byte[] out = new byte[16];
        if (text.isEmpty()) {
            return null;
        }
        int gap = -1;
        int count = 0; // bytes written
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (text.length() == 2) {
                return out;
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < text.length()) {
            int groupStart = i;
            int value = 0;
            int digits = 0;
            while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && digits < 5) {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                digits++;
                i++;
            }
            if (i < text.length() && text.charAt(i) == '.') {
                byte[] tail = parseIpv4(text.substring(groupStart));
                if (tail == null || count + 4 > 16) {
                    return null;
                }
                System.arraycopy(tail, 0, out, count, 4);
                count += 4;
                i = text.length();
                break;
            }
            if (digits == 0 || digits > 4 || count + 2 > 16) {
                return null;
            }
            out[count++] = (byte) (value >>> 8);
            out[count++] = (byte) value;
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < text.length() && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == text.length()) {
                    break;
                }
            } else if (i == text.length()) {
                return null;
            }
        }
        if (gap >= 0) {
            if (count == 16) {
                return null;
            }
            int tailLength = count - gap;
            System.arraycopy(out, gap, out, 16 - tailLength, tailLength);
            java.util.Arrays.fill(out, gap, 16 - tailLength, (byte) 0);
        } else if (count != 16) {
            return null;
        }
        return out;
    }

    static boolean inNetwork(byte[] address, byte[] network, int length, int prefixLength) {
        int bits = Math.min(prefixLength, length * 8);
        int fullBytes = bits / 8;
        for (int k = 0; k < fullBytes; k++) {
            if (address[k] != network[k]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** Dotted quad for 4 bytes, inet_ntop's IPv6 form for 16. */
    static void format(byte[] address, int length, StringBuilder out) {
        if (length == 4) {
            for (int k = 0; k < 4; k++) {
                if (k > 0) {
                    out.append('.');
                }
                out.append(address[k] & 0xFF);
            }
            return;
        }
        if (length != 16) {
            for (int k = 0; k < length; k++) {
                out.append(String.format("%02x", address[k] & 0xFF));
            }
            return;
        }
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = (address[2 * g] & 0xFF) << 8 | address[2 * g + 1] & 0xFF;
        }
        // longest run of two or more zero groups, first one on ties
        int bestStart = -1;
        int bestLength = 0;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && groups[g] == 0) {
                g++;
            }
            if (g - start > bestLength && g - start >= 2) {
                bestStart = start;
                bestLength = g - start;
            }
        }
        boolean ipv4Tail = bestStart == 0 && (bestLength == 6 || bestLength == 5 && groups[5] == 0xFFFF);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                out.append("::");
                g += bestLength - 1;
                continue;
            }
            if (ipv4Tail && g == 6) {
                if (out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                format(new byte[] {address[12], address[13], address[14], address[15]}, 4, out);
                return;
            }
            if (g > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[g]));
        }
    }
}
