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

import java.util.Set;

/**
 * Roles come from the standard "groups" claim (smallrye-jwt) or from Cognito's "cognito:groups".
 * Only names that are roles of this service count.
 */
@ApplicationScoped
public class CognitoGroupsAugmentor implements SecurityIdentityAugmentor {

    static final String COGNITO_GROUPS = "cognito:groups";
    private static final Set<String> KNOWN = Set.of(Roles.ALL);

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !jwt.containsClaim(COGNITO_GROUPS)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        Object groups = jwt.getClaim(COGNITO_GROUPS);
        if (groups instanceof JsonArray array) {
            array.forEach(value -> {
                if (value instanceof JsonString s && KNOWN.contains(s.getString())) {
                    builder.addRole(s.getString());
                }
            });
        } else if (groups instanceof Iterable<?> values) {
            values.forEach(value -> {
                if (KNOWN.contains(String.valueOf(value))) {
                    builder.addRole(String.valueOf(value));
                }
            });
        }
        return Uni.createFrom().item(builder.build());
    }
}
