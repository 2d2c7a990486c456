package org.storybot.ingest;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches web pages and feeds under a {@link FetchPolicy}: http and https only, public addresses
 * only (unless allowed), every redirect checked again, a deadline for the whole response and a size
 * cap beyond which reading stops.
 *
 * <p>Each hop's host is resolved once, checked, and pinned to the checked addresses while the
 * client connects ({@link PinnedResolver}), so a DNS server cannot answer "public" to the check and
 * "loopback" to the connection.
 *
 * <p>Thread-safe. Owns its {@link HttpClient}; close it when done.
 */
public final class Fetcher implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;
  private static final String ACCEPT =
      "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml,"
          + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";

  private final FetchPolicy policy;
  private final Resolver resolver;
  private final HttpClient client;

  public Fetcher(FetchPolicy policy) {
    this(policy, Resolver.SYSTEM);
  }

  Fetcher(FetchPolicy policy, Resolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(policy.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, each hop re-checked
            .build();
  }

  public FetchPolicy policy() {
    return policy;
  }

  /** GETs {@code uri}; throws {@link FetchException} with a clear reason on any failure. */
  Fetched get(URI uri) {
    return get(uri, null, null);
  }

  /** A conditional GET: a 304 answer comes back as {@link Fetched#notModified()}. */
  Fetched get(URI uri, String etag, String lastModified) {
    URI current = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      InetAddress[] checked = check(current);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .timeout(policy.requestTimeout())
              .header("User-Agent", "Storybot/0.1 (news story bot)")
              .header("Accept", ACCEPT);
      if (etag != null) request.header("If-None-Match", etag);
      if (lastModified != null) request.header("If-Modified-Since", lastModified);
      HttpResponse<CappedBody.Result> response;
      try (PinnedResolver.Pinned pin = PinnedResolver.pin(current.getHost(), checked)) {
        response = send(request.build());
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) throw new FetchException("HTTP " + status + " without a Location");
        try {
          current = current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
          throw new FetchException("redirected to a malformed URL: " + location);
        }
        continue;
      }
      if (status >= 400) throw new FetchException("HTTP " + status + " from " + current);
      if (status != 200 && status != 304) {
        throw new FetchException("unexpected HTTP " + status + " from " + current);
      }
      CappedBody.Result body = response.body();
      if (body.truncated()) {
        throw new FetchException(
            "response larger than " + (policy.maxBytes() >> 10) + " KB: stopped reading");
      }
      return new Fetched(
          current,
          status,
          response.headers().firstValue("Content-Type").orElse(null),
          body.bytes(),
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null));
    }
    throw new FetchException("more than " + MAX_REDIRECTS + " redirects");
  }

  private HttpResponse<CappedBody.Result> send(HttpRequest request) {
    CompletableFuture<HttpResponse<CappedBody.Result>> future =
        client.sendAsync(request, info -> new CappedBody(policy.maxBytes()));
    long millis = policy.requestTimeout().toMillis();
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FetchException("no complete answer within " + seconds(millis));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new FetchException("no answer within " + seconds(millis), cause);
      }
      if (cause instanceof IOException) {
        String why =
            cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        throw new FetchException("cannot fetch: " + why, cause);
      }
      throw new FetchException("cannot fetch: " + cause, cause);
    }
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /**
   * Refuses schemes other than http(s) and, unless allowed, non-public addresses.
   *
   * @return the host's addresses, all checked
   */
  InetAddress[] check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          "only http and https URLs can be fetched, not '"
              + (scheme.isEmpty() ? uri : scheme + ":")
              + "'");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) throw new FetchException("the URL has no host");
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new FetchException("unknown host " + host);
    }
    if (addresses == null || addresses.length == 0)
      throw new FetchException("unknown host " + host);
    if (policy.allowPrivate()) return addresses;
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        throw new FetchException(
            "refused: "
                + host
                + (host.equals(a.getHostAddress()) ? " is" : " resolves to")
                + " a loopback, private or link-local address ("
                + a.getHostAddress()
                + "); set STORYBOT_ALLOW_PRIVATE_URLS=true to allow such URLs");
      }
    }
    return addresses;
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
    int first = b[0] & 0xff, second = b[1] & 0xff;
    return first != 0 && !(first == 100 && second >= 64 && second < 128); // 0/8, 100.64/10 CGNAT
  }

  @Override
  public void close() {
    client.shutdownNow(); // abandon requests in flight rather than wait out their timeouts
    client.close();
  }
}
