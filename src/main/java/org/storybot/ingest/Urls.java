package org.storybot.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** URL helpers: the normal form used to recognise the same article under two spellings. */
final class Urls {
  private Urls() {}

  /** True when {@code source} names a URL (has a scheme) rather than a file path. */
  static boolean looksLikeUrl(String source) {
    return source.matches("(?i)^[a-z][a-z0-9+.-]*:.*") && !source.matches("(?i)^[a-z]:[\\\\/].*");
  }

  /**
   * The canonical form of an http(s) URL: scheme and host lower case, default port, fragment,
   * {@code utm_*} parameters and trailing slash dropped. Other strings come back stripped; {@code
   * null} and blanks give {@code null}.
   */
  static String canonical(String url) {
    if (url == null || url.isBlank()) return null;
    String s = url.strip();
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
      if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) return s;
      int port = u.getPort();
      if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) port = -1;
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
      String query =
          u.getRawQuery() == null
              ? ""
              : Arrays.stream(u.getRawQuery().split("&"))
                  .filter(p -> !p.isEmpty() && !p.toLowerCase(Locale.ROOT).startsWith("utm_"))
                  .collect(Collectors.joining("&"));
      return scheme
          + "://"
          + u.getHost().toLowerCase(Locale.ROOT)
          + (port < 0 ? "" : ":" + port)
          + path
          + (query.isEmpty() ? "" : "?" + query);
    } catch (URISyntaxException e) {
      return s;
    }
  }
}
