package dev.peregrine.plugin.syscall.capture;

/**
 * The section header block that opens a capture (and every section of a concatenated one).
 *
 * @param major          format major version (1 for every known writer)
 * @param minor          format minor version (0, 1 or 2)
 * @param sectionLength  declared section length; writers store -1 (unknown)
 * @param optionsLength  bytes of pcapng options after the fixed fields (skipped)
 */
public record SectionHeader(int major, int minor, long sectionLength, int optionsLength) {
}
