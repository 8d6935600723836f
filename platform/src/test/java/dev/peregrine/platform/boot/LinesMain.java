package dev.peregrine.platform.boot;

import java.nio.charset.StandardCharsets;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/** A launcher for signal tests: Main with the in-process lines source and real signal handling. */
final class LinesMain {

    private LinesMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new Main(out, err, System::getenv, System.getProperties(), true,
                path -> LinesPlugin.provider()).run(args));
    }
}
