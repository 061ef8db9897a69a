package com.aftersales.shared.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role groups are decisions, not derivations: a role added to {@link Roles#ALL} fails here until someone puts it
 * into {@link Roles#STAFF} or {@link Roles#NOT_STAFF}, and into {@link Roles#ANY}; a customer account never becomes staff.
 */
class RoleGroupsTest {

    @Test
    void everyRoleIsStaffOrDeliberatelyNotAndCustomersAreNeverStaff() {
        List<String> sorted = new ArrayList<>();
        for (String role : Roles.ALL) {
            assertThat(Roles.STAFF.contains(role) ^ Roles.NOT_STAFF.contains(role))
                    .as("%s must be in exactly one of Roles.STAFF and Roles.NOT_STAFF", role).isTrue();
            sorted.add(role);
        }
        assertThat(Roles.STAFF).doesNotContain(Roles.CUSTOMER).doesNotHaveDuplicates();
        assertThat(Roles.STAFF).doesNotContain(Roles.SERVICE_STATION);
        assertThat(Roles.NOT_STAFF).containsExactly(Roles.CUSTOMER, Roles.SERVICE_STATION);
        assertThat(sorted).containsAll(Roles.STAFF).containsAll(Roles.NOT_STAFF);
    }

    @Test
    void anyRoleListsEveryRoleButTheStationOnPurpose() {
        assertThat(Roles.ANY).containsExactlyElementsOf(java.util.Arrays.stream(Roles.ALL)
                .filter(role -> !role.equals(Roles.SERVICE_STATION)).toList());
    }

    @Test
    void aTokenHoldingTheStationRoleIsAStationTokenWhateverElseItHolds() {
        assertThat(Caller.effectiveRoles(Set.of(Roles.SERVICE_STATION, Roles.ADMIN, Roles.CUSTOMER)))
                .containsExactly(Roles.SERVICE_STATION);
        assertThat(Caller.effectiveRoles(Set.of(Roles.CUSTOMER, Roles.ADMIN))).containsExactly(Roles.CUSTOMER);
        assertThat(Caller.effectiveRoles(Set.of(Roles.FINANCE, Roles.SALES))).containsExactlyInAnyOrder(Roles.FINANCE, Roles.SALES);
    }

    @Test
    void eachGroupAnnotationNamesItsGroup() {
        assertThat(RoleGroup.byPermission(AnyRole.PERMISSION)).contains(RoleGroup.ANY_ROLE);
        assertThat(RoleGroup.byPermission(AnyStaff.PERMISSION)).contains(RoleGroup.ANY_STAFF);
        assertThat(RoleGroup.ANY_ROLE.roles()).isEqualTo(Roles.ANY);
        assertThat(RoleGroup.ANY_STAFF.roles()).isEqualTo(Roles.STAFF);
        assertThat(RoleGroup.byPermission("no-such-group")).isEmpty();
    }

    @Test
    void aGroupAdmitsAnIdentityWithOneOfItsRolesAndNoOneElse() {
        assertThat(RoleGroup.ANY_STAFF.admits(identity(Roles.WAREHOUSE))).isTrue();
        assertThat(RoleGroup.ANY_STAFF.admits(identity(Roles.CUSTOMER))).isFalse();
        assertThat(RoleGroup.ANY_STAFF.admits(identity("NOT_A_ROLE"))).isFalse();
        assertThat(RoleGroup.ANY_ROLE.admits(identity(Roles.CUSTOMER))).isTrue();
        assertThat(RoleGroup.ANY_ROLE.admits(identity(Roles.SERVICE_STATION))).isFalse();
        assertThat(RoleGroup.ANY_STAFF.admits(identity(Roles.SERVICE_STATION))).isFalse();
        assertThat(RoleGroup.ANY_STAFF.admits(identity(Roles.FINANCE))).isTrue();
        assertThat(RoleGroup.ANY_ROLE.admits(identity())).isFalse();
    }

    private static SecurityIdentity identity(String... roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(() -> "someone").addRoles(Set.of(roles)).build();
    }
}
