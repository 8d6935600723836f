package dev.peregrine.platform.condition.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port numbers of service names, as getservbyname(3) finds them: the services database when one
 * is readable, else a built-in table of common IANA names so results do not depend on the host.
 */
final class ServiceNames {

    private static final Map<String, Integer> BUILT_IN = Map.ofEntries(
            Map.entry("ftp-data", 20), Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23),
            Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("bootps", 67), Map.entry("bootpc", 68),
            Map.entry("tftp", 69), Map.entry("gopher", 70), Map.entry("finger", 79), Map.entry("http", 80),
            Map.entry("kerberos", 88), Map.entry("pop3", 110), Map.entry("sunrpc", 111), Map.entry("auth", 113),
            Map.entry("nntp", 119), Map.entry("ntp", 123), Map.entry("netbios-ns", 137),
            Map.entry("netbios-dgm", 138), Map.entry("netbios-ssn", 139), Map.entry("imap2", 143),
            Map.entry("snmp", 161), Map.entry("snmp-trap", 162), Map.entry("bgp", 179), Map.entry("irc", 194),
            Map.entry("ldap", 389), Map.entry("https", 443), Map.entry("microsoft-ds", 445),
            Map.entry("syslog", 514), Map.entry("printer", 515), Map.entry("submission", 587),
            Map.entry("ldaps", 636), Map.entry("rsync", 873), Map.entry("imaps", 993), Map.entry("pop3s", 995),
            Map.entry("socks", 1080), Map.entry("openvpn", 1194), Map.entry("ms-sql-s", 1433),
            Map.entry("mysql", 3306), Map.entry("postgresql", 5432), Map.entry("x11", 6000),
            Map.entry("http-alt", 8080));

    private final Map<String, Integer> ports;

    private ServiceNames(Map<String, Integer> ports) {
        this.ports = ports;
    }

    /** The host's services database (/etc/services) layered over the built-in names. */
    static ServiceNames system() {
        Map<String, Integer> ports = new HashMap<>(BUILT_IN);
        Path services = Path.of("/etc/services");
        if (Files.isReadable(services)) {
            try {
                readInto(Files.readAllLines(services), ports);
            } catch (IOException | RuntimeException unreadable) {
                // keep the built-in table: a broken services file must not break rule loading
            }
        }
        return new ServiceNames(Map.copyOf(ports));
    }

    /** Only the built-in names (for reproducible tests). */
    static ServiceNames builtIn() {
        return new ServiceNames(BUILT_IN);
    }

    Optional<Integer> port(String name) {
        return Optional.ofNullable(ports.get(name));
    }

    private static void readInto(List<String> lines, Map<String, Integer> ports) {
        for (String line : lines) {
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] words = content.split("\\s+");
            if (words.length < 2 || !words[1].contains("/")) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(words[1].substring(0, words[1].indexOf('/')));
            } catch (NumberFormatException notANumber) {
                continue;
            }
            for (int k = 0; k < words.length; k++) {
                if (k != 1) {
                    ports.putIfAbsent(words[k], port);
                }
            }
        }
    }
}
