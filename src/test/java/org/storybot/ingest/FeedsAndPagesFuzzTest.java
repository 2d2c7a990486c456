package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes what is done with a fetched response, as {@code Sources.fromFetched} does it without the
 * network: {@link Feeds#kind}, then {@link Pages#extract} or {@link Feeds#parse}. Whatever the
 * bytes and the content type, the result is a usable draft or feed items, or a {@link
 * FetchException}.
 *
 * <p>An input is the content type on the first line ({@code -} for none), the page's address on the
 * second, then the body's bytes as they are. Seeds are in {@code
 * FeedsAndPagesFuzzTestInputs/readsAnyResponse}.
 */
class FeedsAndPagesFuzzTest {
  private static final URI FALLBACK = URI.create("https://news.example.com/story");

  @FuzzTest(maxDuration = "5m")
  void readsAnyResponse(byte[] input) {
    int first = indexOf(input, 0);
    int second = first < 0 ? -1 : indexOf(input, first + 1);
    if (second < 0) return;
    String type = new String(input, 0, first, StandardCharsets.UTF_8).strip();
    URI uri = uri(new String(input, first + 1, second - first - 1, StandardCharsets.UTF_8).strip());
    byte[] body = Arrays.copyOfRange(input, second + 1, input.length);
    Fetched f = new Fetched(uri, 200, type.equals("-") ? null : type, body, null, null);
    // Sources.fromFetched refuses these before any parser sees them.
    if (body.length == 0 || indexOf(body, 0, (byte) 0) >= 0) return;

    try {
      switch (Feeds.kind(f)) {
        case PAGE -> {
          Draft d = Pages.extract(f.uri(), f.body(), f.charset());
          assertThat(d.title()).isNotBlank();
          assertThat(d.body()).isNotBlank();
          assertThat(d.url()).isNotBlank();
        }
        case FEED -> {
          for (Feeds.Item item : Feeds.parse(f.body())) {
            assertThat(item.link()).isNotBlank();
            assertThat(item.text()).isNotNull();
          }
        }
        case OTHER -> {}
      }
    } catch (FetchException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static URI uri(String s) {
    try {
      URI u = new URI(s);
      return u.isAbsolute() && u.getHost() != null ? u : FALLBACK;
    } catch (URISyntaxException e) {
      return FALLBACK;
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    return indexOf(bytes, from, (byte) '\n');
  }

  private static int indexOf(byte[] bytes, int from, byte b) {
    for (int i = from; i < Math.min(bytes.length, 8192); i++) if (bytes[i] == b) return i;
    return -1;
  }
}
