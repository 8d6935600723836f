package dev.peregrine.api;

/** One suggested {@code open_params} value, with its meaning and an optional list separator. */
public record OpenParamSuggestion(String value, String description, String separator) {
}
