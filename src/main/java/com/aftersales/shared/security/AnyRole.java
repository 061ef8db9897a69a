package com.aftersales.shared.security;

import io.quarkus.security.PermissionsAllowed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint admits every signed-in role, {@link Roles#ANY}. {@code @RolesAllowed} cannot be reused as a
 * meta-annotation, so the group is a permission that {@link RoleGroup} grants to the roles it lists.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@PermissionsAllowed(AnyRole.PERMISSION)
public @interface AnyRole {

    String PERMISSION = "any-role";
}
