package org.storybot.ingest;

import java.net.URI;

/**
 * One HTTP response: {@code uri} is where it came from after redirects; {@code status} is 200 or
 * 304 (not modified, empty body); {@code contentType} may be {@code null}.
 */
record Fetched(
    URI uri, int status, String contentType, byte[] body, String etag, String lastModified) {
  boolean notModified() {
    return status == 304;
  }

  /** The media type alone, lower case ({@code text/html}), or "" when the server sent none. */
  String mediaType() {
    if (contentType == null) return "";
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** The charset parameter of the content type, or {@code null}. */
  String charset() {
    if (contentType == null) return null;
    var m = java.util.regex.Pattern.compile("(?i)charset=\"?([\\w.:-]+)").matcher(contentType);
    return m.find() ? m.group(1) : null;
  }
}
