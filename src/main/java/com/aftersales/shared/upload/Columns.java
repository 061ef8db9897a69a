package com.aftersales.shared.upload;

import com.aftersales.shared.error.ProblemException.Issue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns an import declares, and how strictly the file must keep to them: {@link #exactly} (every header a known
 * column, each once, every row as wide as the header) or {@link #amongOthers} (other columns are ignored, a repeated one
 * counts where it last appears, a short row reads as empty cells), for files that partners fill with columns of their own.
 */
public final class Columns {

    private final List<Column> list;
    private final boolean exact;

    private Columns(boolean exact, Column... columns) {
        this.list = List.of(columns);
        this.exact = exact;
        Set<String> seen = new HashSet<>();
        for (Column column : list) {
            for (String name : column.names()) {
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("Header name '" + name + "' is declared for two columns");
                }
            }
        }
    }

    public static Columns exactly(Column... columns) {
        return new Columns(true, columns);
    }

    public static Columns amongOthers(Column... columns) {
        return new Columns(false, columns);
    }

    boolean exact() {
        return exact;
    }

    /** Where each column is in the header; what is wrong with the header goes to issues, at line 1. */
    Map<Column, Integer> locate(List<String> header, List<Issue> issues) {
        Map<Column, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Column column = byHeader(header.get(i));
            if (column == null) {
                if (exact) {
                    issues.add(Issue.atLine(1, header.get(i), "import.unknown_column"));
                }
            } else if (exact && positions.containsKey(column)) {
                issues.add(Issue.atLine(1, header.get(i), "import.repeated_column"));
            } else {
                positions.put(column, i);
            }
        }
        for (Column column : list) {
            if (column.isRequired() && !positions.containsKey(column)) {
                issues.add(Issue.atLine(1, column.field(), "import.missing_column"));
            }
        }
        return positions;
    }

    private Column byHeader(String header) {
        for (Column column : list) {
            if (column.matches(header)) {
                return column;
            }
        }
        return null;
    }
}
