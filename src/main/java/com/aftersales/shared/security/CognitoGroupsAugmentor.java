package com.aftersales.shared.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Roles come from the standard "groups" claim (smallrye-jwt) or from Cognito's "cognito:groups".
 * Only names that are roles of this service count, and a token holding CUSTOMER is a customer token whatever else it
 * holds ({@link Caller#effectiveRoles}): the identity every check sees (@RolesAllowed, the role groups, {@link Caller})
 * then has CUSTOMER only.
 */
@ApplicationScoped
public class CognitoGroupsAugmentor implements SecurityIdentityAugmentor {

    static final String COGNITO_GROUPS = "cognito:groups";
    private static final Set<String> KNOWN = Set.of(Roles.ALL);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new LinkedHashSet<>(identity.getRoles());
        Object groups = jwt.containsClaim(COGNITO_GROUPS) ? jwt.getClaim(COGNITO_GROUPS) : null;
        if (groups instanceof JsonArray array) {
            array.forEach(value -> {
                if (value instanceof JsonString s && KNOWN.contains(s.getString())) {
                    roles.add(s.getString());
                }
            });
        } else if (groups instanceof Iterable<?> values) {
            values.forEach(value -> {
                if (KNOWN.contains(String.valueOf(value))) {
                    roles.add(String.valueOf(value));
                }
            });
        }
        Set<String> effective = Caller.effectiveRoles(roles);
        if (effective.equals(identity.getRoles())) {
            return Uni.createFrom().item(identity);
        }
        // A fresh identity: the builder copied from the old one could add roles but never take one away.
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(effective)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .build());
    }
}
