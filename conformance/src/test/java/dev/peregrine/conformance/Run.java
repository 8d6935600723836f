package dev.peregrine.conformance;

/** What one launcher run left behind. */
record Run(int exitCode, String stdout, String stderr, String commandLine) {

    String describe() {
        return "command: " + commandLine + "\nexit code: " + exitCode
                + "\n--- stdout ---\n" + clip(stdout) + "\n--- stderr ---\n" + clip(stderr);
    }

    private static String clip(String text) {
        return text.length() <= 6000 ? text : text.substring(0, 6000) + "\n[... " + (text.length() - 6000) + " more chars]";
    }
}
