package com.aftersales.shared.paging;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One page of a list: the items and the cursor of the next page (null on the last page). */
@RegisterForReflection
public record Page<T>(List<T> items, String nextCursor, int limit) {
}
