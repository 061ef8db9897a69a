package com.aftersales.shared.security;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * Dev mode only: a signed token for any role, so that Swagger UI and curl can be used at once.
 * The bean does not exist in the test or prod build (build profile), so no prod function can mint tokens.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
public class DevTokenResource {

    @Inject
    AftersalesConfig config;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Dev mode only: a bearer token for the given roles (comma separated)")
    public String token(@QueryParam("role") String role, @QueryParam("customerId") String customerId,
                        @QueryParam("sub") String subject) {
        Set<String> known = Set.of(Roles.ALL);
        String[] roles = role == null ? new String[]{Roles.ADMIN} : role.split(",");
        for (String r : roles) {
            if (!known.contains(r)) {
                throw ProblemException.badParameter("role", "validation.one_of", String.join(", ", Roles.ALL));
            }
        }
        // An access token issued to the dev app client, as Cognito issues them (the service refuses anything else).
        JwtClaimsBuilder claims = Jwt.subject(subject == null ? "dev-" + String.join("-", roles).toLowerCase() : subject)
                .claim("client_id", config.security().clientIds().orElseThrow().get(0))
                .claim("token_use", "access")
                .upn(subject == null ? "dev@aftersales.local" : subject)
                .groups(Set.copyOf(Arrays.asList(roles)));
        if (customerId != null) {
            claims.claim(config.security().customerClaim(), UUID.fromString(customerId).toString());
        }
        return claims.sign();
    }
}
