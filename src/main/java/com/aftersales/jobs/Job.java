package com.aftersales.jobs;

import java.time.OffsetDateTime;

/** A scheduled function: finds what is due at {@code now} and creates its notices, safe to run twice or concurrently. */
public interface Job {

    String name();

    Result run(OffsetDateTime now);

    /** What a run did: items found due, notices created (new ones only), sent, failed. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Result(int found, int created, int sent, int failed) {
    }
}
