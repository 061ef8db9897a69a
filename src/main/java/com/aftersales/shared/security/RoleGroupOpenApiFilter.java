package com.aftersales.shared.security;

import io.quarkus.security.PermissionsAllowed;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the operations of {@link AnyRole} and {@link AnyStaff} endpoints the security requirement that
 * {@code @RolesAllowed} gets: the group's roles as scopes (Quarkus lists none for a permission) and the 401 and 403
 * responses, so the document, and the clients generated from it, do not see the difference. Runs at build time on the
 * Jandex index; an annotated method whose operation is not in the document fails the build.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RoleGroupOpenApiFilter implements OASFilter {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** "GET /api/v1/units/{serialNo}" → the group its method admits. */
    private final Map<String, RoleGroup> groups = new LinkedHashMap<>();

    public RoleGroupOpenApiFilter(IndexView index) {
        for (RoleGroup group : RoleGroup.values()) {
            for (ClassInfo annotation : groupAnnotations(index, group)) {
                for (AnnotationInstance use : index.getAnnotations(annotation.name())) {
                    MethodInfo method = use.target().asMethod();
                    String operation = httpMethod(method) + " " + path(method);
                    RoleGroup other = groups.put(operation, group);
                    if (other != null && other != group) {
                        // Two media-type variants of one operation share one security requirement in the document.
                        throw new IllegalStateException(operation + " is both " + other + " and " + group);
                    }
                }
            }
        }
    }

    /** The annotation types that carry {@code @PermissionsAllowed} with the group's permission. */
    private static List<ClassInfo> groupAnnotations(IndexView index, RoleGroup group) {
        return index.getAnnotations(DotName.createSimple(PermissionsAllowed.class)).stream()
                .filter(a -> a.target().kind() == AnnotationTarget.Kind.CLASS)
                .filter(a -> a.target().asClass().isAnnotation())
                .filter(a -> List.of(a.value().asStringArray()).equals(List.of(group.permission())))
                .map(a -> a.target().asClass())
                .toList();
    }

    private static String httpMethod(MethodInfo method) {
        return HTTP_METHODS.stream()
                .filter(m -> method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + m)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(method.declaringClass().name() + "#" + method.name()
                        + " carries a role group but is not a resource method"));
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

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, ?> schemes = openAPI.getComponents().getSecuritySchemes();
        if (schemes == null || schemes.size() != 1) {
            throw new IllegalStateException("Expected the one bearer security scheme, found " + schemes);
        }
        String scheme = schemes.keySet().iterator().next();
        Map<String, RoleGroup> missing = new LinkedHashMap<>(groups);
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            RoleGroup group = missing.remove(method.name() + " " + path);
            if (group != null) {
                secure(operation, scheme, group);
            }
        }));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Role-group endpoints not found in the OpenAPI document: " + missing.keySet());
        }
    }

    private static void secure(Operation operation, String scheme, RoleGroup group) {
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(scheme, group.roles())));
        APIResponses responses = operation.getResponses();
        if (responses.hasAPIResponse("401") && responses.hasAPIResponse("403")) {
            return;
        }
        // Quarkus adds these before its own trailing "400 Bad Request" for @RolesAllowed: the same order here.
        Map<String, APIResponse> ordered = new LinkedHashMap<>(responses.getAPIResponses());
        APIResponse badRequest = isAddedBadRequest(ordered) ? ordered.remove("400") : null;
        ordered.putIfAbsent("401", OASFactory.createAPIResponse().description("Not Authorized"));
        ordered.putIfAbsent("403", OASFactory.createAPIResponse().description("Not Allowed"));
        if (badRequest != null) {
            ordered.put("400", badRequest);
        }
        responses.setAPIResponses(ordered);
    }

    /** The bare "400 Bad Request" Quarkus appends to writes after every declared response. */
    private static boolean isAddedBadRequest(Map<String, APIResponse> responses) {
        String last = responses.keySet().stream().reduce((a, b) -> b).orElse(null);
        APIResponse response = responses.get("400");
        return "400".equals(last) && "Bad Request".equals(response.getDescription()) && response.getContent() == null
                && response.getHeaders() == null && response.getLinks() == null;
    }
}
