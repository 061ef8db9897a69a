package com.aftersales.shared.security;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The named role groups: the permission behind each group annotation and the roles that hold it. The checks run on the
 * identity as authentication and {@link CognitoGroupsAugmentor} left it, so they see the same roles
 * {@code @RolesAllowed} sees; an anonymous caller holds no role and gets 401, a signed-in one outside the group 403.
 */
public enum RoleGroup {
    ANY_ROLE(AnyRole.PERMISSION, Roles.ANY),
    ANY_STAFF(AnyStaff.PERMISSION, Roles.STAFF);

    private final String permission;
    private final List<String> roles;

    RoleGroup(String permission, List<String> roles) {
        this.permission = permission;
        this.roles = roles;
    }

    public String permission() {
        return permission;
    }

    /** The group's roles, in the order the OpenAPI document lists them. */
    public List<String> roles() {
        return roles;
    }

    public boolean admits(SecurityIdentity identity) {
        return roles.stream().anyMatch(identity::hasRole);
    }

    public static Optional<RoleGroup> byPermission(String permission) {
        return Stream.of(values()).filter(g -> g.permission.equals(permission)).findFirst();
    }

    /** Grants each group's permission; one method per group, as {@code @PermissionChecker} names one permission. */
    @ApplicationScoped
    static class Checks {

        @PermissionChecker(AnyRole.PERMISSION)
        boolean anyRole(SecurityIdentity identity) {
            return ANY_ROLE.admits(identity);
        }

        @PermissionChecker(AnyStaff.PERMISSION)
        boolean anyStaff(SecurityIdentity identity) {
            return ANY_STAFF.admits(identity);
        }
    }
}
