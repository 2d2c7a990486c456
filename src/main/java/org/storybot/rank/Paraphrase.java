package org.storybot.rank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Which labelled questions are worded unlike their answer: the gold sentence shares at most {@value
 * #MAX_SHARED} content word (stemmed, stop words and question words aside) with the question.
 *
 * <p>SQuAD's questions mostly borrow their answer sentence's words; people asking a bot about the
 * news mostly do not. The abstention threshold must keep false abstention low on this slice too, or
 * it learns that a question without shared words is never answerable.
 */
final class Paraphrase {
  static final int MAX_SHARED = 1;
  private static final Set<String> ASKING =
      Set.of("who", "whom", "whose", "what", "when", "where", "why", "which", "how", "do", "did");
  private static final Analyzer ANALYZER = new EnglishAnalyzer();

  private Paraphrase() {}

  /**
   * Whether an answerable group's question is worded unlike every one of its gold sentences (false
   * when no gold sentence was retrieved: then nothing says how it is worded).
   */
  static boolean isParaphrased(Group g) {
    if (!g.answerable()) return false;
    Set<String> question = stems(g.question());
    boolean found = false;
    for (int i = 0; i < g.gold().length; i++) {
      if (!g.gold()[i]) continue;
      if (shared(question, stems(g.texts().get(i))) > MAX_SHARED) return false;
      found = true;
    }
    return found;
  }

  static int shared(Set<String> question, Set<String> sentence) {
    int n = 0;
    for (String s : question) if (sentence.contains(s)) n++;
    return n;
  }

  static Set<String> stems(String text) {
    Set<String> out = new HashSet<>();
    try (TokenStream ts = ANALYZER.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        if (!ASKING.contains(t)) out.add(t);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
