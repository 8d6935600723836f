package dev.peregrine.plugin.k8saudit;

import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * The plugin's {@code init_config}. Keys match exactly or case-insensitively (Go's decoder);
 * values of the wrong type keep their defaults (the host checks types against {@link #SCHEMA} first);
 * the client-authentication files are read and checked by {@link ClientAuth#load} at init.
 *
 * @param sslCertificate      PEM file holding certificate and key for the https webhook
 * @param maxEventSize        largest re-serialised event in bytes; larger ones are dropped
 * @param webhookMaxBatchSize largest webhook request body in bytes
 * @param webhookClientCA     PEM CA bundle that webhook clients' TLS certificates must chain to; empty: off
 * @param webhookBearerTokenFile file holding the bearer token webhook requests must carry; empty: off
 */
public record K8sAuditConfig(String sslCertificate, long maxEventSize, long webhookMaxBatchSize,
                             String webhookClientCA, String webhookBearerTokenFile) {

    /** Default PEM file of the https webhook. */
    public static final String DEFAULT_SSL_CERTIFICATE = "/etc/falco/falco.pem";
    /** Default largest event. */
    public static final long DEFAULT_MAX_EVENT_SIZE = 262_144;
    /** Default largest webhook body (12 MiB). */
    public static final long DEFAULT_WEBHOOK_MAX_BATCH_SIZE = 12_582_912;

    /** The published JSON Schema: every key optional, unknown keys allowed, types constrained. */
    public static final String SCHEMA = """
            {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{\
            "sslCertificate":{"type":"string","title":"SSL certificate",\
            "description":"PEM file holding both certificate and private key for the https webhook (default /etc/falco/falco.pem)",\
            "default":"/etc/falco/falco.pem"},\
            "maxEventSize":{"type":"integer","minimum":0,"title":"Maximum event size",\
            "description":"Largest audit event in bytes; larger events are dropped (default 262144)","default":262144},\
            "webhookMaxBatchSize":{"type":"integer","minimum":0,"title":"Maximum webhook batch size",\
            "description":"Largest webhook request body in bytes (default 12582912)","default":12582912},\
            "webhookClientCA":{"type":"string","title":"Webhook client CA",\
            "description":"PEM file of CA certificates; when set, the https webhook requires client certificates signed by one of them (default empty: off)",\
            "default":""},\
            "webhookBearerTokenFile":{"type":"string","title":"Webhook bearer token file",\
            "description":"File holding the token webhook requests must send as Authorization: Bearer <token> (default empty: off)",\
            "default":""},\
            "useAsync":{"type":"boolean","title":"Use async extraction",\
            "description":"Accepted for compatibility; has no effect here (default true)","default":true}\
            },"additionalProperties":true}""";

    /** The defaults ({@code ""} and {@code {}} mean these). */
    public static K8sAuditConfig defaults() {
        return new K8sAuditConfig(DEFAULT_SSL_CERTIFICATE, DEFAULT_MAX_EVENT_SIZE, DEFAULT_WEBHOOK_MAX_BATCH_SIZE, "", "");
    }

    /** Reads {@code text}; anything that is not a JSON object leaves every default in place. */
    public static K8sAuditConfig parse(String text) {
        String ssl = DEFAULT_SSL_CERTIFICATE;
        long maxEvent = DEFAULT_MAX_EVENT_SIZE;
        long maxBatch = DEFAULT_WEBHOOK_MAX_BATCH_SIZE;
        String clientCa = "";
        String tokenFile = "";
        JsonValue root = new JsonDocumentParser().parse(text.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (root instanceof JsonValue.JsonObject object) {
            for (int i = 0; i < object.keys().size(); i++) {
                String key = object.keys().get(i);
                JsonValue value = object.values().get(i);
                if (key.equalsIgnoreCase("sslCertificate") && value instanceof JsonValue.JsonString s) {
                    ssl = s.value();
                } else if (key.equalsIgnoreCase("maxEventSize")) {
                    maxEvent = unsigned(value, maxEvent);
                } else if (key.equalsIgnoreCase("webhookMaxBatchSize")) {
                    maxBatch = unsigned(value, maxBatch);
                } else if (key.equalsIgnoreCase("webhookClientCA") && value instanceof JsonValue.JsonString s) {
                    clientCa = s.value().strip();
                } else if (key.equalsIgnoreCase("webhookBearerTokenFile") && value instanceof JsonValue.JsonString s) {
                    tokenFile = s.value().strip();
                }
                // useAsync only tunes the Go runtime: accepted and ignored.
            }
        }
        return new K8sAuditConfig(ssl, maxEvent, maxBatch, clientCa, tokenFile);
    }

    private static long unsigned(JsonValue value, long fallback) {
        if (value instanceof JsonValue.JsonLiteral literal) {
            try {
                long number = Long.parseLong(literal.text());
                return number < 0 ? fallback : number;
            } catch (NumberFormatException notAnInteger) {
                return fallback;
            }
        }
        return fallback;
    }
}
