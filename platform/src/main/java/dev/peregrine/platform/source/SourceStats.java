package dev.peregrine.platform.source;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one source loop, read by the metrics layer.
 *
 * @param events     events handed to the sink
 * @param drops      events a plugin tried to add to a full batch
 * @param rejections events refused for exceeding the payload limit
 */
public record SourceStats(AtomicLong events, AtomicLong drops, AtomicLong rejections) {

    public static SourceStats zero() {
        return new SourceStats(new AtomicLong(), new AtomicLong(), new AtomicLong());
    }
}
