package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** What an {@code open_params} string asks for: a webhook server, a watched file or a replay. */
sealed interface OpenTarget {

    /** Replay of a file, a directory or a glob of files. */
    record Replay(String path) implements OpenTarget {
    }

    /** Continuous watch of one file ({@code file://}). */
    record Watch(String path) implements OpenTarget {
    }

    /** Embedded webhook server. */
    record Webhook(boolean tls, String host, int port, String path) implements OpenTarget {
    }

    /** Classifies {@code openParams} by URL scheme. */
    static OpenTarget parse(String openParams) throws PluginException {
        String text = openParams == null ? "" : openParams.strip();
        int separator = text.indexOf("://");
        if (separator < 0) {
            return new Replay(text);
        }
        String scheme = text.substring(0, separator).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(separator + 3);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = decode(slash < 0 ? "" : rest.substring(slash), text);
        return switch (scheme) {
            case "http", "https" -> webhook(scheme.equals("https"), authority, path, text);
            // With file://rel/x the first segment is the URL host and is dropped, as upstream does.
            case "file" -> new Watch(path);
            default -> throw new PluginException("scheme \"" + scheme + "\" is not supported");
        };
    }

    private static Webhook webhook(boolean tls, String authority, String path, String text) throws PluginException {
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.endsWith("]")) {
            throw new PluginException(K8sAuditPlugin.NAME + ": open params \"" + text + "\" must give a port, e.g. http://:9765/k8s-audit");
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": invalid port in open params \"" + text + "\"", e);
        }
        if (port < 0 || port > 65535) {
            throw new PluginException(K8sAuditPlugin.NAME + ": invalid port in open params \"" + text + "\"");
        }
        return new Webhook(tls, host, port, path.isEmpty() ? "/" : path);
    }

    private static String decode(String path, String text) throws PluginException {
        if (path.indexOf('%') < 0) {
            return path;
        }
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot parse open params \"" + text + "\": " + e.getMessage(), e);
        }
    }
}
