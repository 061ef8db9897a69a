package com.aftersales.shared.security;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: subject, roles and, for a CUSTOMER account, the one customer whose data it may see.
 * Services ask it for the customer scope instead of reading tokens themselves.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    AftersalesConfig config;

    /** A stable id of the caller: the token's subject. */
    public String subject() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /**
     * The one rule on mixed tokens: a token holding CUSTOMER is a customer account whatever other groups it is in (least
     * privilege), so its identity keeps CUSTOMER only ({@link CognitoGroupsAugmentor} applies this before any check:
     * {@code @RolesAllowed}, the role groups, {@link #hasRole}, {@link #isCustomerAccount}); other roles stay as given.
     */
    public static Set<String> effectiveRoles(Set<String> roles) {
        if (roles.contains(Roles.SERVICE_STATION)) {
            // A station token is a station token whatever else it holds (issue 21), a customer group included.
            return Set.of(Roles.SERVICE_STATION);
        }
        return roles.contains(Roles.CUSTOMER) ? Set.of(Roles.CUSTOMER) : Set.copyOf(roles);
    }

    /** A customer account sees only its own customer's data (its identity holds CUSTOMER only: {@link #effectiveRoles}). */
    public boolean isCustomerAccount() {
        return identity.hasRole(Roles.CUSTOMER);
    }

    /** A service station's account (its identity holds SERVICE_STATION only: {@link #effectiveRoles}). */
    public boolean isStationAccount() {
        return identity.hasRole(Roles.SERVICE_STATION);
    }

    /** The company's own people: every signed-in caller that is neither a customer nor a service station account. */
    public boolean isStaff() {
        return !identity.isAnonymous() && !isCustomerAccount() && !isStationAccount();
    }

    /** The customer a CUSTOMER account is limited to; empty for staff, who see every customer. */
    public Optional<UUID> customerScope() {
        if (!isCustomerAccount()) {
            return Optional.empty();
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(config.security().customerClaim()) : null;
        String value = claim == null ? null : claim.toString().replace("\"", "");
        try {
            return Optional.of(UUID.fromString(value));
        } catch (RuntimeException e) {
            // A customer account without a valid customer claim may see nothing.
            throw new ProblemException(403, "customer_claim_missing", config.security().customerClaim());
        }
    }

    /**
     * The service station (a customer of type SERVICE_STATION) a SERVICE_STATION account acts for; 403 without a valid
     * station claim. Only a station account has one: anyone else is refused (403) too, so a staff path never takes it.
     */
    public UUID stationScope() {
        if (!isStationAccount()) {
            throw new ProblemException(403, "station_claim_missing", config.security().stationClaim());
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(config.security().stationClaim()) : null;
        String value = claim == null ? null : claim.toString().replace("\"", "");
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            // A station account without a valid station claim may see nothing.
            throw new ProblemException(403, "station_claim_missing", config.security().stationClaim());
        }
    }

    /**
     * True when the caller may see the given customer's data: staff see every customer, a customer account its own; a
     * station account no customer's records through the customers' and staff's endpoints (its own are the station's).
     */
    public boolean maySee(UUID customerId) {
        if (isStationAccount()) {
            return false;
        }
        return customerScope().map(scope -> scope.equals(customerId)).orElse(true);
    }
}
