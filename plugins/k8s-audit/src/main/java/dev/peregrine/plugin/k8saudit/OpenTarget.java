package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginException;
import java.net.URI;
import java.net.URISyntaxException;

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
        int colon = text.indexOf("://");
        if (colon < 0) {
            return new Replay(text);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot parse open params \"" + text + "\": " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return switch (scheme) {
            case "http", "https" -> new Webhook(scheme.equals("https"), uri.getHost() == null ? "" : uri.getHost(),
                    uri.getPort(), uri.getPath() == null ? "" : uri.getPath());
            case "file" -> new Watch(uri.getPath() == null ? "" : uri.getPath());
            default -> throw new PluginException("scheme \"" + scheme + "\" is not supported");
        };
    }
}
