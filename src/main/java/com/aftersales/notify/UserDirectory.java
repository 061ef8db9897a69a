package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.security.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who a user is now, read from where users live: the Cognito user pool (its groups are the roles, the customer claim's
 * attribute holds a CUSTOMER account's customer). Used by the notice sender, so that a notice reaches the people who
 * hold its role when it is sent, and nobody disabled or removed.
 */
@ApplicationScoped
public class UserDirectory {

    /** A user as the directory has them now; {@code customerId} only for a CUSTOMER account. */
    public record Person(boolean enabled, Set<String> roles, UUID customerId) {
    }

    @Inject
    AftersalesConfig config;

    private volatile CognitoIdentityProviderClient client;

    /** The user with this subject ({@code sub}); empty when the pool has no such user. Errors throw. */
    public Optional<Person> lookup(String subject) {
        String pool = config.notices().userPoolId()
                .orElseThrow(() -> new IllegalStateException("aftersales.notices.user-pool-id is not set"));
        List<UserType> users = client().listUsers(b -> b.userPoolId(pool).limit(1)
                .filter("sub = \"" + subject.replace("\\", "").replace("\"", "") + "\"")).users();
        if (users.isEmpty()) {
            return Optional.empty();
        }
        UserType user = users.get(0);
        Set<String> known = Set.of(Roles.ALL);
        Set<String> roles = new TreeSet<>();
        String next = null;
        do {
            String token = next;
            var page = client().adminListGroupsForUser(b -> b.userPoolId(pool).username(user.username()).nextToken(token));
            page.groups().stream().map(GroupType::groupName).filter(known::contains).forEach(roles::add);
            next = page.nextToken();
        } while (next != null);
        UUID customer = null;
        if (roles.contains(Roles.CUSTOMER)) {
            String claim = config.security().customerClaim();
            customer = user.attributes().stream().filter(a -> a.name().equals(claim)).map(AttributeType::value).findFirst()
                    .flatMap(UserDirectory::uuid).orElse(null);
        }
        return Optional.of(new Person(Boolean.TRUE.equals(user.enabled()), roles, customer));
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private CognitoIdentityProviderClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    var builder = CognitoIdentityProviderClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
                    config.notices().cognitoEndpoint().ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
