package com.aftersales.shared.security;

import io.quarkus.security.PermissionsAllowed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint admits every staff role, {@link Roles#STAFF}, and never a {@code CUSTOMER} account. Like
 * {@link AnyRole}, a permission that {@link RoleGroup} grants to the roles it lists.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@PermissionsAllowed(AnyStaff.PERMISSION)
public @interface AnyStaff {

    String PERMISSION = "any-staff";
}
