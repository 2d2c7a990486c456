package org.storybot.index;

/**
 * A sentence as stored in the index, with the article fields a citation needs.
 *
 * @param text the sentence exactly as it stands in the article
 */
public record IndexedSentence(
    String articleId,
    int ordinal,
    int paragraph,
    String heading,
    String text,
    String title,
    String url,
    String published) {

  /** A key unique across the index: {@code articleId#ordinal}. */
  public String key() {
    return key(articleId, ordinal);
  }

  /** The {@link #key()} of sentence {@code ordinal} of article {@code articleId}. */
  public static String key(String articleId, int ordinal) {
    return articleId + "#" + ordinal;
  }
}
