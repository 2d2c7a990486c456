package org.storybot.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Makes the HTTP client connect to the addresses {@link Fetcher} checked, not to what a second DNS
 * lookup returns: a hostile DNS server could answer "public" to the check and "127.0.0.1" to the
 * connection (DNS rebinding). While a fetch runs, its host is pinned to the checked addresses;
 * every other lookup resolves as usual. The host name still goes into the Host header and TLS (SNI
 * and the certificate check), since only the lookup changes.
 *
 * <p>Installed for the whole JVM by {@code
 * META-INF/services/java.net.spi.InetAddressResolverProvider}.
 */
public final class PinnedResolver extends InetAddressResolverProvider {
  private record Pin(InetAddress[] addresses, int holders) {}

  private static final Map<String, Pin> PINS = new ConcurrentHashMap<>();
  private static volatile boolean installed;

  /** A pin, released by {@link #close}. */
  interface Pinned extends AutoCloseable {
    @Override
    void close();
  }

  /** Resolves {@code host} to {@code addresses} until the returned pin is closed. */
  static Pinned pin(String host, InetAddress[] addresses) {
    String key = key(host);
    PINS.compute(key, (k, p) -> new Pin(addresses.clone(), p == null ? 1 : p.holders() + 1));
    return () ->
        PINS.computeIfPresent(
            key, (k, p) -> p.holders() == 1 ? null : new Pin(p.addresses(), p.holders() - 1));
  }

  static boolean pinned(String host) {
    return PINS.containsKey(key(host));
  }

  /** Whether the JVM resolves names through this provider (it does once anything was resolved). */
  static boolean installed() {
    return installed;
  }

  private static String key(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    installed = true;
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        Pin pin = PINS.get(key(host));
        if (pin == null) return builtin.lookupByName(host, policy);
        InetAddress[] allowed = allowed(pin.addresses(), policy);
        if (allowed.length == 0) throw new UnknownHostException(host);
        return Arrays.stream(allowed);
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
      }
    };
  }

  private static InetAddress[] allowed(InetAddress[] addresses, LookupPolicy policy) {
    int c = policy.characteristics();
    boolean v4 = (c & LookupPolicy.IPV4) != 0, v6 = (c & LookupPolicy.IPV6) != 0;
    return Arrays.stream(addresses)
        .filter(
            a ->
                (v4 && a instanceof Inet4Address)
                    || (v6 && a instanceof Inet6Address)
                    || (!v4 && !v6))
        .toArray(InetAddress[]::new);
  }

  @Override
  public String name() {
    return "storybot-pinned";
  }
}
