package dev.peregrine.platform.boot;

import dev.peregrine.platform.log.Log;
import sun.misc.Signal;

/**
 * Falco's signal handling: SIGINT/SIGTERM stop the sources for a graceful shutdown, SIGUSR1 reopens the
 * file and program outputs, SIGHUP asks for a validated restart.
 */
final class Signals {

    private Signals() {
    }

    static void install(Log log, Runnable shutdown, Runnable reopen, Runnable restart) {
        handle("INT", s -> {
            log.info("SIGINT received, exiting...");
            shutdown.run();
        });
        handle("TERM", s -> {
            log.info("SIGINT received, exiting...");
            shutdown.run();
        });
        handle("USR1", s -> {
            log.info("SIGUSR1 received, reopening outputs...");
            reopen.run();
        });
        handle("HUP", s -> restart.run());
    }

    private static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            // the signal is not available on this platform or reserved by the JVM
        }
    }
}
