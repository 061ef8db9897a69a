package com.aftersales.shared;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text and every list a request body can carry has a maximum (@Size, or a pattern of bounded length), down to
 * nested records, so a client
 * cannot store a 5 MB name or a 100,000-element list; over the maximum is a 422 naming the field.
 */
class RequestLimitsTest {

    @Test
    void everyTextAndListInARequestBodyIsBounded() {
        Set<String> unbounded = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        int checked = 0;
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.aftersales")) {
            if (!c.isAnnotatedWith(Path.class)) {
                continue;
            }
            for (JavaMethod m : c.getMethods()) {
                if (m.getAnnotations().stream().noneMatch(a -> a.getRawType().isAnnotatedWith(HttpMethod.class))) {
                    continue;
                }
                for (java.lang.reflect.Parameter p : m.reflect().getParameters()) {
                    if (p.getType().isRecord()) {
                        checked += walk(p.getType(), seen, unbounded);
                    }
                }
            }
        }
        assertThat(checked).as("request records checked").isGreaterThan(30);
        assertThat(unbounded).isEmpty();
    }

    private static int walk(Class<?> record, Set<Class<?>> seen, Set<String> unbounded) {
        if (!seen.add(record)) {
            return 0;
        }
        int n = 1;
        for (RecordComponent rc : record.getRecordComponents()) {
            Class<?> type = rc.getType();
            boolean sized = rc.getAccessor().isAnnotationPresent(Size.class) || rc.getAnnotatedType().isAnnotationPresent(Size.class)
                    || boundedPattern(rc.getAccessor().getAnnotation(Pattern.class));
            if ((type == String.class || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                    || type.isArray()) && !sized) {
                unbounded.add(record.getName().replace("com.aftersales.", "") + "." + rc.getName());
            }
            n += nested(rc.getGenericType(), seen, unbounded);
        }
        return n;
    }

    /** A pattern without unbounded repetition (*, +, {n,}) bounds the length of what it matches. */
    private static boolean boundedPattern(Pattern pattern) {
        return pattern != null && !pattern.regexp().matches(".*([*+]|\\{\\d+,}).*");
    }

    private static int nested(Type type, Set<Class<?>> seen, Set<String> unbounded) {
        if (type instanceof Class<?> c && c.isRecord() && c.getName().startsWith("com.aftersales.")) {
            return walk(c, seen, unbounded);
        }
        int n = 0;
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                n += nested(argument, seen, unbounded);
            }
        }
        return n;
    }
}
