package dev.peregrine.platform.output.format;

/** Literal text of an output format, printed as is. */
public record TextSegment(String text) implements FormatSegment {
}
