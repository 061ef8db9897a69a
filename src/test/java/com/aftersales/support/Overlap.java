package com.aftersales.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much a set of requests overlapped, from when each began and ended where it was served: how many there were,
 * who served them (function processes in the scale-out IT, worker threads in the server build) and how many were in
 * flight at the same moment. The one measure of overlap for both the packaged scale-out IT
 * ({@code packaged.ScaleOutRuntimeApi}) and the {@code @QuarkusTest} races ({@link ServerRequests}).
 *
 * @param requests    the requests looked at
 * @param servers     who served them
 * @param maxInFlight most requests between their start and their end at one moment
 */
public record Overlap(int requests, Set<String> servers, int maxInFlight) {

    /** One served request: who served it, when it started and when it ended there (System.nanoTime). */
    public record Span(String server, long start, long end) {
    }

    /** A sweep over the starts (+1) and ends (-1); an end at the same instant as a start counts first. */
    public static Overlap of(Collection<Span> spans) {
        Set<String> servers = new TreeSet<>();
        List<long[]> events = new ArrayList<>();
        for (Span s : spans) {
            servers.add(s.server());
            events.add(new long[] {s.start(), +1});
            events.add(new long[] {s.end(), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int inFlight = 0;
        int max = 0;
        for (long[] e : events) {
            inFlight += (int) e[1];
            max = Math.max(max, inFlight);
        }
        return new Overlap(spans.size(), servers, max);
    }

    @Override
    public String toString() {
        return requests + " requests served by " + servers.size() + " " + servers + ", at most " + maxInFlight
                + " in flight at once";
    }
}
