package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginMetric;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of everything a plugin state rejected or dropped, shared by its streams' threads. */
final class Counters {

    /** Payloads (bodies or lines) dropped: not JSON, or not an audit event shape. */
    final AtomicLong droppedPayloads = new AtomicLong();
    /** Single events dropped: bad {@code stageTimestamp} or larger than {@code maxEventSize}. */
    final AtomicLong droppedEvents = new AtomicLong();
    /** Webhook requests answered with a 4xx or 5xx status. */
    final AtomicLong rejectedRequests = new AtomicLong();

    /** The counters as plugin metrics. */
    List<PluginMetric> metrics() {
        return List.of(
                new PluginMetric("k8saudit.payloads_dropped", true, droppedPayloads.get()),
                new PluginMetric("k8saudit.events_dropped", true, droppedEvents.get()),
                new PluginMetric("k8saudit.webhook_requests_rejected", true, rejectedRequests.get()));
    }
}
