package com.aftersales.shared.security;

import com.aftersales.shared.web.ResourceMethods;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
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
 * {@code @RolesAllowed} gets: the group's roles as scopes (Quarkus lists none for a permission), so the document, and
 * the clients generated from it, do not see the difference (the 401 and 403 responses come from
 * {@code ContractOpenApiFilter}, as for every operation). Runs at build time on the
 * Jandex index; an annotated method whose operation is not in the document fails the build.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RoleGroupOpenApiFilter implements OASFilter {

    /** "GET /api/v1/units/{serialNo}" → the group its method admits. */
    private final Map<String, RoleGroup> groups = new LinkedHashMap<>();

    public RoleGroupOpenApiFilter(IndexView index) {
        for (RoleGroup group : RoleGroup.values()) {
            for (ClassInfo annotation : groupAnnotations(index, group)) {
                for (AnnotationInstance use : index.getAnnotations(annotation.name())) {
                    MethodInfo method = use.target().asMethod();
                    String operation = ResourceMethods.operation(method);
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

    /** The 401 and 403 answers every operation gets are added by {@code ContractOpenApiFilter}. */
    private static void secure(Operation operation, String scheme, RoleGroup group) {
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(scheme, group.roles())));
    }
}
