package com.aftersales.shared.lambda;

/**
 * A hot path an area runs without a database before Lambda SnapStart takes its snapshot, so the snapshot holds its
 * classes loaded and its code compiled ({@link SnapStartPriming}). Must not touch the database, the network or any
 * state that a request could see.
 */
public interface Primer {

    /** Runs the path once; called {@code aftersales.snapstart.warm-iterations} times before the snapshot. */
    void prime();
}
