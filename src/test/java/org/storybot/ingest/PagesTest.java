package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PagesTest {
  static byte[] fixture(String name) throws IOException {
    try (InputStream in = PagesTest.class.getResourceAsStream("/ingest/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void readabilityKeepsTheArticleAndDropsHeaderSidebarCommentsAndFooter() throws IOException {
    Draft d =
        Pages.extract(
            URI.create("https://un.example.org/council"), fixture("cluttered.html"), null);

    assertThat(d.title()).isEqualTo("Security Council meets after the attack");
    assertThat(d.body().split("\n\n")).hasSize(4);
    assertThat(d.body())
        .startsWith("The United Nations Security Council met")
        .doesNotContain("recipes")
        .doesNotContain("newsletter")
        .doesNotContain("reader")
        .doesNotContain("sign in");
    // Without metadata, the page's own address and host stand in.
    assertThat(d.url()).isEqualTo("https://un.example.org/council");
    assertThat(d.source()).isEqualTo("un.example.org");
    assertThat(d.published()).isNull();
  }

  @Test
  void jsonLdFillsInWhatOpenGraphLacks() {
    String html =
        """
        <html><head><script type="application/ld+json">
        {"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"], "headline": "From JSON-LD",
          "datePublished": "2024-04-15", "publisher": {"name": "LD Times"}}]}
        </script></head><body><p>One paragraph of text that says something about the story.</p></body></html>
        """;

    Draft d =
        Pages.extract(
            URI.create("https://ld.example.com/a"), html.getBytes(StandardCharsets.UTF_8), "utf-8");

    assertThat(d.title()).isEqualTo("From JSON-LD");
    assertThat(d.published()).isEqualTo("2024-04-15");
    assertThat(d.source()).isEqualTo("LD Times");
  }

  @Test
  void aCharsetThisJvmDoesNotKnowFallsBackToThePagesOwn() {
    byte[] html =
        "<meta charset=\"utf-8\"><title>Caf\u00e9</title><p>Caf\u00e9 au lait, the story said.</p>"
            .getBytes(StandardCharsets.UTF_8);
    for (String charset : new String[] {"utf", "none", ":bad"}) {
      Draft d = Pages.extract(URI.create("https://e.example.com/a"), html, charset);
      assertThat(d.title()).isEqualTo("Caf\u00e9");
    }
  }

  @Test
  void aPageWithoutTextIsRefused() throws IOException {
    assertThatThrownBy(
            () -> Pages.extract(URI.create("https://x.example.com/"), fixture("empty.html"), null))
        .isInstanceOf(FetchException.class)
        .hasMessage("no article text found on the page");
  }
}
