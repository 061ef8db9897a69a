package com.aftersales.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versioned migrations the package ships (src/main/resources/db/migration): a new migration moves both figures. */
public final class ShippedMigrations {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__.*\\.sql");

    private ShippedMigrations() {
    }

    public static List<Integer> versions() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> NAME.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int count() {
        return versions().size();
    }

    public static String latest() {
        return String.valueOf(versions().get(versions().size() - 1));
    }
}
