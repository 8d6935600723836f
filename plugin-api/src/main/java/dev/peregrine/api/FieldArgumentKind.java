package dev.peregrine.api;

/** Which argument forms ({@code field[arg]}) a field accepts. */
public enum FieldArgumentKind {
    /** No argument allowed. */
    NONE,
    /** A numeric index ({@code proc.aname[2]}). */
    INDEX,
    /** A free-text key ({@code json.value[/a/b]}). */
    KEY,
    /** Either an index or a key. */
    INDEX_OR_KEY
}
