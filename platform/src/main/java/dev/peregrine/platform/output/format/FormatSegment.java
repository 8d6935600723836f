package dev.peregrine.platform.output.format;

/** One piece of a rule's output format: literal text or a field/transformer token. */
public sealed interface FormatSegment permits TextSegment, FieldSegment {
}
