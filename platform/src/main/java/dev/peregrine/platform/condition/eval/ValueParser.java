package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.FieldType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses the constant right side of a check into the left field's type, once, at compile time,
 * with libsinsp's error messages.
 */
final class ValueParser {

    private final ServiceNames services;

    ValueParser(ServiceNames services) {
        this.services = services;
    }

    /** Parses {@code text} for a comparison of a {@code type} value with {@code operator}. */
    void parseInto(String text, FieldType type, String operator, ValueBuffer out) throws ConditionCompileException {
        if (operator.equals("bcontains") || operator.equals("bstartswith")) {
            out.addBytes(parseHex(text), 0, text.length() / 2);
            return;
        }
        switch (type.kind()) {
            case NUMBER -> parseNumber(text, type, out);
            case BOOL -> {
                if (text.equals("true")) {
                    out.addBoolean(true);
                } else if (text.equals("false")) {
                    out.addBoolean(false);
                } else {
                    throw new ConditionCompileException("filter error: unrecognized boolean value " + text);
                }
            }
            case BUFFER -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                out.addBytes(bytes, 0, bytes.length);
            }
            case IP_ADDRESS -> out.addAddress(parseAddress(text, type));
            case IP_NETWORK -> parseNetwork(text, type, out);
            case STRING, DYNAMIC -> {
                if (text.indexOf('\0') >= 0) {
                    throw new ConditionCompileException("filter error: filter value cannot contain a NUL byte (\\x00)");
                }
                out.addString(text);
            }
        }
    }

    private void parseNumber(String text, FieldType type, ValueBuffer out) throws ConditionCompileException {
        if (type == FieldType.PORT) {
            out.addLong(parsePort(text));
            return;
        }
        if (type == FieldType.DOUBLE) {
            // libsinsp parses the constant of a double field as a 32-bit integer
            out.addDouble((int) parseInteger(text));
            return;
        }
        long value = parseInteger(text);
        out.addLong(switch (type) {
            case INT8 -> (byte) value;
            case INT16 -> (short) value;
            case INT32 -> (int) value;
            case UINT8 -> value & 0xFFL;
            case UINT16 -> value & 0xFFFFL;
            case UINT32, FLAGS32, MODE -> value & 0xFFFF_FFFFL;
            default -> value;
        });
    }

    private static long parseInteger(String text) throws ConditionCompileException {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (start == text.length()) {
            throw notANumber(text);
        }
        for (int k = start; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                throw notANumber(text);
            }
        }
        // wraps modulo 2^64 like the C parsers; narrower types are truncated by the caller
        return new BigInteger(text.charAt(0) == '+' ? text.substring(1) : text).longValue();
    }

    private static ConditionCompileException notANumber(String text) {
        return new ConditionCompileException(text + " is not a valid number");
    }

    private long parsePort(String text) throws ConditionCompileException {
        if (text.isEmpty()) {
            return 0;
        }
        boolean digits = text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digits) {
            return new BigInteger(text).longValue() & 0xFFFFL;
        }
        return services.port(text)
                .orElseThrow(() -> new ConditionCompileException("unrecognized protocol " + text));
    }

    private static byte[] parseHex(String text) throws ConditionCompileException {
        if (text.length() % 2 != 0) {
            throw hexOnly();
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int k = 0; k < bytes.length; k++) {
            int high = Character.digit(text.charAt(2 * k), 16);
            int low = Character.digit(text.charAt(2 * k + 1), 16);
            if (high < 0 || low < 0) {
                throw hexOnly();
            }
            bytes[k] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    private static ConditionCompileException hexOnly() {
        return new ConditionCompileException("filter error: bcontains and bstartswith operator support hex strings only");
    }

    private static byte[] parseAddress(String text, FieldType type) throws ConditionCompileException {
        if (type == FieldType.IPV4ADDR || text.indexOf('.') >= 0 && !text.contains(":")) {
            byte[] address = IpAddresses.parseIpv4(text);
            if (address == null) {
                throw new ConditionCompileException("unrecognized IPv4 address " + text);
            }
            return address;
        }
        byte[] address = IpAddresses.parseIpv6(text);
        if (address == null) {
            throw new ConditionCompileException("unrecognized IPv6 address " + text);
        }
        return address;
    }

    private static void parseNetwork(String text, FieldType type, ValueBuffer out) throws ConditionCompileException {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new ConditionCompileException("unrecognized IP network " + text);
        }
        String host = text.substring(0, slash);
        String mask = text.substring(slash + 1);
        boolean ipv4 = type == FieldType.IPV4NET || text.indexOf('.') >= 0 && !host.contains(":");
        byte[] address = ipv4 ? IpAddresses.parseIpv4(host) : IpAddresses.parseIpv6(host);
        if (address == null) {
            throw new ConditionCompileException(
                    (ipv4 ? "unrecognized IP address " : "unrecognized IPv6 address ") + text);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(mask);
        } catch (NumberFormatException malformed) {
            throw new ConditionCompileException(mask + " is not a valid number");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new ConditionCompileException("invalid netmask " + mask);
        }
        out.addNetwork(address, prefix);
    }
}
