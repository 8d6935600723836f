package dev.peregrine.plugin.syscall.bpf;

/** The eBPF probe could not be loaded, attached or read; the message is a sentence for the user. */
public final class BpfException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code sentence}. */
    public BpfException(String sentence) {
        super(sentence);
    }
}
