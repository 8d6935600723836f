package dev.peregrine.platform.output;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The host name alerts report: {@code $FALCO_HOSTNAME} when set and non-empty, else the OS host name. */
public final class Hostname {

    private Hostname() {
    }

    /** Resolves once at startup; {@code environment} is System::getenv in production. */
    public static String resolve(Function<String, String> environment) {
        String fromEnv = environment.apply("FALCO_HOSTNAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (java.io.IOException | SecurityException e) {
            // not Linux or no procfs: fall through to the resolver's idea of our name
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
