package org.storybot.subscription;

import java.util.List;
import java.util.Optional;
import org.storybot.article.Article;
import org.storybot.article.Sentence;

/**
 * Writes a digest's prose from an article's new sentences: the seam where an LLM plugs in. Without
 * one, or when it returns nothing, the new sentences are sent verbatim.
 */
public interface DigestWriter {
  /** Sends the new sentences verbatim. */
  DigestWriter VERBATIM = (article, facts) -> Optional.empty();

  /**
   * Prose about {@code facts} of {@code article}, or empty to send them verbatim.
   *
   * @param facts the article's new sentences, earliest first
   */
  Optional<Written> write(Article article, List<Sentence> facts);

  /** Prose whose {@code [n]} markers point at {@code sources.get(n - 1)}, each one of the facts. */
  record Written(String text, List<Sentence> sources) {
    public Written {
      sources = List.copyOf(sources);
    }
  }
}
