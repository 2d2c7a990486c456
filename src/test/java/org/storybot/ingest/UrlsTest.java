package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void canonicalFormIgnoresCaseFragmentTrackingAndTrailingSlash() {
    assertThat(
            Urls.canonical(
                "HTTPS://News.Example.COM:443/World/Story/?utm_source=tg&id=7&utm_medium=x#top"))
        .isEqualTo("https://news.example.com/World/Story?id=7");
    assertThat(Urls.canonical("http://example.com/")).isEqualTo("http://example.com");
    assertThat(Urls.canonical("http://example.com:8080/a")).isEqualTo("http://example.com:8080/a");
    assertThat(Urls.canonical("  ")).isNull();
  }

  @Test
  void pathsAreNotUrls() {
    assertThat(Urls.looksLikeUrl("https://example.com/a")).isTrue();
    assertThat(Urls.looksLikeUrl("ftp://example.com/a")).isTrue();
    assertThat(Urls.looksLikeUrl("index/articles/001-a.md")).isFalse();
    assertThat(Urls.looksLikeUrl("/tmp/corpus.jsonl")).isFalse();
  }

  @Test
  void onlyPublicAddressesArePublic() throws Exception {
    for (String a :
        new String[] {
          "127.0.0.1",
          "10.1.2.3",
          "172.16.0.1",
          "192.168.1.1",
          "169.254.169.254",
          "0.0.0.0",
          "100.64.0.1",
          "::1",
          "fe80::1",
          "fc00::1",
          "224.0.0.1"
        }) {
      assertThat(Fetcher.isPublic(InetAddress.getByName(a))).as(a).isFalse();
    }
    assertThat(Fetcher.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
    assertThat(Fetcher.isPublic(InetAddress.getByName("2606:2800:220:1::1"))).isTrue();
  }
}
