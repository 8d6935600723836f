package dev.peregrine.plugin.k8saudit;

/** Why the webhook refused a request; each reason has its own counter and log throttle. */
enum Rejection {
    /** The request path is not the webhook's path. */
    NOT_FOUND(404, "not_found"),
    /** A bearer token is required and the request carried none or a wrong one. */
    UNAUTHORIZED(401, "unauthorized"),
    /** Anything but POST. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** Content-Type is not application/json (upstream's check). */
    WRONG_CONTENT_TYPE(400, "wrong_content_type"),
    /** The body is larger than {@code webhookMaxBatchSize}. */
    BODY_TOO_LARGE(413, "body_too_large"),
    /** Every event of the body is larger than {@code maxEventSize}. */
    EVENT_TOO_LARGE(413, "event_too_large"),
    /** The body is not one well-formed JSON value. */
    MALFORMED_JSON(400, "malformed_json"),
    /** Well-formed JSON but no Event, EventList or array of them. */
    NOT_AUDIT_EVENTS(400, "not_audit_events"),
    /** Every event of the body lacks a readable {@code stageTimestamp}. */
    BAD_TIMESTAMP(400, "bad_timestamp"),
    /** The body could not be read (client went away, timed out, broken chunking). */
    READ_FAILED(400, "read_failed"),
    /** The server is closing; the body was not queued. */
    SHUTTING_DOWN(503, "shutting_down"),
    /** A TLS client certificate not signed by {@code webhookClientCA} (the handshake fails; no status). */
    CLIENT_CERTIFICATE(0, "client_certificate");

    private final int status;
    private final String label;

    Rejection(int status, String label) {
        this.status = status;
        this.label = label;
    }

    /** The HTTP status answered, 0 when the connection fails before HTTP. */
    int status() {
        return status;
    }

    /** The metric and log label, e.g. {@code body_too_large}. */
    String label() {
        return label;
    }
}
