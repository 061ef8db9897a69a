package com.aftersales.shared.security;

import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Set;

/**
 * What a verified token must also say to be accepted (issue 22): that it was issued to one of this service's app clients
 * ({@code client_id}, which Cognito access tokens carry, or one of the {@code aud} values of an id or OIDC token) and
 * that it is an access token ({@code token_use=access}). Signature, issuer and expiry are smallrye-jwt's checks.
 */
record TokenAcceptance(Set<String> clientIds, String useClaim, Set<String> uses) {

    static final String CLIENT_ID = "client_id";

    static TokenAcceptance of(List<String> clientIds, String useClaim, List<String> uses) {
        return new TokenAcceptance(Set.copyOf(clientIds), useClaim, Set.copyOf(uses));
    }

    void check(JsonWebToken token) throws ParseException {
        String use = text(token.getClaim(useClaim));
        if (use == null || !uses.contains(use)) {
            throw new ParseException("token refused: " + useClaim + " is " + use + ", accepted: " + uses);
        }
        String clientId = text(token.getClaim(CLIENT_ID));
        Set<String> audience = token.getAudience();
        boolean issuedToUs = clientId != null ? clientIds.contains(clientId)
                : audience != null && audience.stream().anyMatch(clientIds::contains);
        if (!issuedToUs) {
            throw new ParseException("token refused: issued to client " + (clientId != null ? clientId : audience)
                    + ", not to one of this service's app clients");
        }
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof JsonString s ? s.getString() : claim.toString();
    }
}
