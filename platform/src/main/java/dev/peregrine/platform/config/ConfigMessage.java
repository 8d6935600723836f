package dev.peregrine.platform.config;

/**
 * A log line produced while loading the configuration. Loading happens before logging is set up
 * (the log settings are part of the configuration), so lines are collected and printed afterwards.
 *
 * @param level Falco log level name in lower case ({@code info}, {@code warning} ...)
 * @param text  the message without time stamp
 */
public record ConfigMessage(String level, String text) {

    static ConfigMessage info(String text) {
        return new ConfigMessage("info", text);
    }

    static ConfigMessage warning(String text) {
        return new ConfigMessage("warning", text);
    }
}
