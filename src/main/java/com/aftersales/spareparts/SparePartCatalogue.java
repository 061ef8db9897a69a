package com.aftersales.spareparts;

import com.aftersales.cases.PartCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue a visit's report links its parts used to: the spare parts by their number. */
@ApplicationScoped
class SparePartCatalogue implements PartCatalogue {

    @Inject
    SparePartRepository parts;

    @Override
    public Map<String, Entry> find(Collection<String> partNos) {
        if (partNos.isEmpty()) {
            return Map.of();
        }
        return parts.find("partNo in ?1", partNos.stream().map(PartCatalogue::key).distinct().toList()).list().stream()
                .map(p -> new Entry(p.id, p.partNo, p.name))
                .collect(Collectors.toMap(Entry::partNo, Function.identity()));
    }
}
