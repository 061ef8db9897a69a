package com.aftersales.shared.web;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import java.util.List;

/**
 * A resource method's operation as smallrye-openapi keys it in the document ("GET /api/v1/units/{serialNo}"), read from
 * the Jandex index by the build-time OpenAPI filters.
 */
public final class ResourceMethods {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private ResourceMethods() {
    }

    /** "POST /api/v1/customers"; fails when the method is not a resource method. */
    public static String operation(MethodInfo method) {
        return httpMethod(method) + " " + path(method);
    }

    private static String httpMethod(MethodInfo method) {
        return HTTP_METHODS.stream()
                .filter(m -> method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + m)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(method.declaringClass().name() + "#" + method.name()
                        + " is annotated for the OpenAPI document but is not a resource method"));
    }

    /** The operation's path as smallrye-openapi writes it: class and method {@code @Path} joined, no regular expressions. */
    private static String path(MethodInfo method) {
        AnnotationInstance classPath = method.declaringClass().declaredAnnotation(PATH);
        AnnotationInstance methodPath = method.declaredAnnotation(PATH);
        String joined = "/" + (classPath == null ? "" : classPath.value().asString())
                + "/" + (methodPath == null ? "" : methodPath.value().asString());
        String path = joined.replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
