package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;

class KeywordQueryTest {
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final MemoryIndex article =
      KeywordQuery.indexOf(
          Articles.of(
              "a1",
              "Oil prices fall as Gulf tension eases",
              null,
              null,
              null,
              "Brent crude dropped in early trading on Monday.\n\n"
                  + "Traders said the White House statement calmed the markets."),
          analyzer);

  private boolean matches(String keywords) {
    return KeywordQuery.parse(keywords, analyzer).matches(article);
  }

  @Test
  void matchesStemmedWordsInTitleOrText() {
    assertThat(matches("oil")).isTrue();
    assertThat(matches("Trader")).isTrue(); // "Traders" stems to the same term
    assertThat(matches("dropping")).isTrue();
    assertThat(matches("ceasefire")).isFalse();
  }

  @Test
  void needsBothOfTwoWordsAndMostOfMore() {
    assertThat(matches("oil crude")).isTrue();
    assertThat(matches("oil ceasefire")).isFalse();
    assertThat(matches("oil crude ceasefire")).isTrue(); // 2 of 3
    assertThat(matches("oil ceasefire hostages")).isFalse(); // 1 of 3
    assertThat(KeywordQuery.parse("a b c d e", analyzer).required()).isEqualTo(3);
  }

  @Test
  void quotedPhrasesMustAppearInOrder() {
    assertThat(matches("\"white house\"")).isTrue();
    assertThat(matches("\"house white\"")).isFalse();
    assertThat(matches("\"white house\" oil")).isTrue();
    assertThat(KeywordQuery.parse("\"white house\" oil", analyzer).clauses()).isEqualTo(2);
  }

  @Test
  void rejectsKeywordsWithNothingToSearch() {
    assertThatThrownBy(() -> KeywordQuery.parse("the and of", analyzer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no searchable word");
    assertThatThrownBy(() -> KeywordQuery.parse("x".repeat(201), analyzer))
        .hasMessageContaining("200 characters");
  }
}
