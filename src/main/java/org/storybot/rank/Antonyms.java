package org.storybot.rank;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Antonyms from WordNet 3.0 ({@code antonyms.txt}, written by {@code tools/antonyms/extract.py}),
 * as the index's stems. A question that asks about the "smallest" or the "exports" where its
 * sentence says "largest" or "imports" asks something the sentence does not say: SQuAD 2.0's
 * writers made many of their unanswerable questions so.
 */
final class Antonyms {
  private static final String RESOURCE = "antonyms.txt";
  private static final Map<String, Set<String>> OF = load();

  private Antonyms() {}

  /**
   * Whether {@code question} holds a stem the sentence lacks whose antonym the sentence holds and
   * the question does not.
   */
  static boolean swapped(Set<String> question, Set<String> sentence) {
    for (String q : question) {
      if (sentence.contains(q)) continue;
      for (String a : OF.getOrDefault(q, Set.of())) {
        if (sentence.contains(a) && !question.contains(a)) return true;
      }
    }
    return false;
  }

  private static Map<String, Set<String>> load() {
    Map<String, Set<String>> of = new HashMap<>();
    try (InputStream in = Antonyms.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new ModelException(RESOURCE, "is missing from the jar", null);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] pair = line.split("\t");
        String a = stem(pair[0]), b = stem(pair[1]);
        if (a == null || b == null || a.equals(b)) continue;
        of.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        of.computeIfAbsent(b, k -> new HashSet<>()).add(a);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return of;
  }

  /** The word's stem as the index has it, or null for a stop word. */
  private static String stem(String word) {
    Set<String> s = Paraphrase.stems(word);
    return s.size() == 1 ? s.iterator().next() : null;
  }
}
