package org.storybot.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Fetcher} fetches URLs.
 *
 * @param connectTimeout longest wait for a connection
 * @param requestTimeout longest wait for a whole response, body included
 * @param maxBytes responses larger than this are refused (reading stops there)
 * @param allowPrivate whether URLs may point at loopback, private or link-local addresses ({@code
 *     STORYBOT_ALLOW_PRIVATE_URLS}); off by default, on in tests against 127.0.0.1
 */
public record FetchPolicy(
    Duration connectTimeout, Duration requestTimeout, long maxBytes, boolean allowPrivate) {
  public FetchPolicy {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive");
  }

  /** 5 s to connect, 20 s for the whole response, 5 MB at most, public addresses only. */
  public static FetchPolicy defaults() {
    return new FetchPolicy(Duration.ofSeconds(5), Duration.ofSeconds(20), 5L << 20, false);
  }

  public FetchPolicy withAllowPrivate(boolean allow) {
    return new FetchPolicy(connectTimeout, requestTimeout, maxBytes, allow);
  }

  public FetchPolicy withRequestTimeout(Duration timeout) {
    return new FetchPolicy(connectTimeout, timeout, maxBytes, allowPrivate);
  }

  public FetchPolicy withMaxBytes(long max) {
    return new FetchPolicy(connectTimeout, requestTimeout, max, allowPrivate);
  }
}
