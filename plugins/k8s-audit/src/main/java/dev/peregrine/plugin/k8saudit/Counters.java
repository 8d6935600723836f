package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts of everything a plugin state rejected or dropped, shared by its streams' threads. */
final class Counters {

    /** Payloads (bodies or lines) dropped: not JSON, or not an audit event shape. */
    final AtomicLong droppedPayloads = new AtomicLong();
    /** Single events dropped: bad {@code stageTimestamp} or larger than {@code maxEventSize}. */
    final AtomicLong droppedEvents = new AtomicLong();
    /** Webhook requests (and TLS handshakes) refused, whatever the reason. */
    final AtomicLong rejectedRequests = new AtomicLong();

    private final AtomicLongArray rejectedByReason = new AtomicLongArray(Rejection.values().length);

    /** Counts one refused request. */
    void reject(Rejection reason) {
        rejectedByReason.incrementAndGet(reason.ordinal());
        rejectedRequests.incrementAndGet();
    }

    /** Requests refused for {@code reason} so far. */
    long rejected(Rejection reason) {
        return rejectedByReason.get(reason.ordinal());
    }

    /** The counters as plugin metrics: totals, then one counter per rejection reason. */
    List<PluginMetric> metrics() {
        List<PluginMetric> metrics = new ArrayList<>();
        metrics.add(new PluginMetric("k8saudit.payloads_dropped", true, droppedPayloads.get()));
        metrics.add(new PluginMetric("k8saudit.events_dropped", true, droppedEvents.get()));
        metrics.add(new PluginMetric("k8saudit.webhook_requests_rejected", true, rejectedRequests.get()));
        for (Rejection reason : Rejection.values()) {
            metrics.add(new PluginMetric("k8saudit.webhook_requests_rejected." + reason.label(), true, rejected(reason)));
        }
        return List.copyOf(metrics);
    }
}
