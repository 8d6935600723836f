package dev.peregrine.platform.rules.result;

/** Stops loading a file: carries the one error its result will report. */
public final class LoadException extends Exception {

    private final LoadCode code;
    private final transient Context context;

    public LoadException(LoadCode code, String message, Context context) {
        super(message, null, false, false);
        if (!code.isError()) {
            throw new IllegalArgumentException(code + " is not an error code");
        }
        this.code = code;
        this.context = context;
    }

    public LoadCode code() {
        return code;
    }

    public Context context() {
        return context;
    }
}
