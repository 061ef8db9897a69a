package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where a webhook may be sent: its host is resolved and every address it resolves to must be public. Refused:
 * loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 — the cloud metadata service —,
 * fe80::/10), unique-local (fc00::/7) and site-local (fec0::/10), multicast (224/4, ff00::/8), any-local (0/8, ::),
 * CGNAT (100.64/10), IETF and benchmarking ranges (192.0.0/24, 198.18/15), reserved and broadcast (240/4), and the
 * IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16), judged by the IPv4 address they carry. The check runs when an endpoint is saved and again before
 * every delivery, since DNS can change; redirects are never followed (WebhookSender). Only the configured
 * {@code aftersales.webhooks.internal-allow-list} (tests and dev; unset in prod) admits an internal address.
 */
@ApplicationScoped
public class WebhookTargets {

    /** Why a target is refused; the message names the host, never the URL (its query may hold the robot's key). */
    public static final class Refused extends RuntimeException {
        public final boolean unresolved;

        Refused(String message, boolean unresolved) {
            super(message);
            this.unresolved = unresolved;
        }
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> INTERNAL_V4 = List.of(range("0.0.0.0/8"), range("10.0.0.0/8"), range("100.64.0.0/10"),
            range("127.0.0.0/8"), range("169.254.0.0/16"), range("172.16.0.0/12"), range("192.0.0.0/24"),
            range("192.168.0.0/16"), range("198.18.0.0/15"), range("224.0.0.0/4"), range("240.0.0.0/4"));
    private static final List<Range> INTERNAL_V6 = List.of(range("::/128"), range("::1/128"), range("fc00::/7"),
            range("fe80::/10"), range("fec0::/10"), range("ff00::/8"));

    @Inject
    AftersalesConfig config;

    /** The addresses of the URL's host, each checked; {@link Refused} when one is internal or none is found. */
    public List<InetAddress> check(URI url) {
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("the webhook URL has no host", true);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new Refused("the webhook host " + host + " does not resolve", true);
        }
        List<Range> allowed = config.webhooks().internalAllowList().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(WebhookTargets::range).toList();
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(r -> r.contains(address.getAddress()))) {
                throw new Refused("the webhook host " + host + " resolves to an internal address (" + address.getHostAddress() + ")",
                        false);
            }
        }
        return List.of(addresses);
    }

    static boolean internal(InetAddress address) {
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            return INTERNAL_V4.stream().anyMatch(r -> r.contains(a));
        }
        if (address instanceof Inet6Address) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || address.isMulticastAddress() || address.isAnyLocalAddress()
                    || INTERNAL_V6.stream().anyMatch(r -> r.contains(a))) {
                return true;
            }
            Optional<byte[]> v4 = embeddedV4(a);
            return v4.isPresent() && INTERNAL_V4.stream().anyMatch(r -> r.contains(v4.get()));
        }
        return true;
    }

    /** The IPv4 address an IPv6 address carries: mapped, compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
    private static Optional<byte[]> embeddedV4(byte[] a) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= a[i] == 0;
        }
        boolean mapped = zeros80 && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && a[10] == 0 && a[11] == 0;
        boolean nat64 = (a[0] & 0xff) == 0 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = a[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return Optional.of(new byte[] {a[12], a[13], a[14], a[15]});
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return Optional.of(new byte[] {a[2], a[3], a[4], a[5]});
        }
        return Optional.empty();
    }

    private static Range range(String cidr) {
        String[] parts = cidr.strip().split("/");
        try {
            // A literal address only: getByName does not look up a name that is an IPv4 or IPv6 literal.
            if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an address: " + cidr);
            }
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            return new Range(network, bits);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address range: " + cidr, e);
        }
    }
}
