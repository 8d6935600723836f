package dev.peregrine.plugin.syscall.capture;

import java.io.IOException;

/**
 * A capture file that cannot be read: malformed, truncated or of an unsupported version. The message
 * names the file, the block (1-based number and kind) and the byte offset, and says what was expected.
 * Offsets of gzip-compressed files count bytes of the uncompressed stream.
 */
public final class CaptureException extends IOException {

    private final String file;
    private final long blockNumber;
    private final long offset;
    private final String detail;

    CaptureException(String file, long blockNumber, String blockKind, long offset, String detail) {
        super(format(file, blockNumber, blockKind, offset, detail));
        this.file = file;
        this.blockNumber = blockNumber;
        this.offset = offset;
        this.detail = detail;
    }

    CaptureException(String file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
        this.blockNumber = 0;
        this.offset = -1;
        this.detail = detail;
    }

    private static String format(String file, long blockNumber, String blockKind, long offset, String detail) {
        StringBuilder message = new StringBuilder(file).append(": ");
        if (blockNumber > 0) {
            message.append("block ").append(blockNumber);
            if (blockKind != null) {
                message.append(" (").append(blockKind).append(')');
            }
            message.append(", ");
        }
        return message.append("byte offset ").append(offset).append(": ").append(detail).toString();
    }

    /** The capture file as given to the reader. */
    public String file() {
        return file;
    }

    /** 1-based number of the failing block, 0 when the problem is not inside a block. */
    public long blockNumber() {
        return blockNumber;
    }

    /** Byte offset of the problem, -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** What was wrong, without the location. */
    public String detail() {
        return detail;
    }
}
