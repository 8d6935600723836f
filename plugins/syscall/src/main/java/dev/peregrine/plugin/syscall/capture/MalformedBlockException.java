package dev.peregrine.plugin.syscall.capture;

/**
 * Internal signal from block decoders: the body is malformed at a buffer index. The reader turns it into
 * a {@link CaptureException} that carries the file, block and stream offset.
 */
final class MalformedBlockException extends RuntimeException {

    private final int bufferIndex;

    MalformedBlockException(int bufferIndex, String detail) {
        super(detail, null, false, false);
        this.bufferIndex = bufferIndex;
    }

    int bufferIndex() {
        return bufferIndex;
    }
}
