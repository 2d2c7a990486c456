package org.storybot.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import org.storybot.article.Articles;
import org.storybot.index.Hit;
import org.storybot.index.MiniLmEmbedder;
import org.storybot.index.StoryIndex;

/**
 * Calibration aid (not a test): prints every dev question's candidates and their features as JSONL.
 */
public final class FeatureDump {
  static float dot(float[] a, float[] b) {
    float d = 0;
    for (int i = 0; i < a.length; i++) d += a[i] * b[i];
    return d;
  }

  static final java.util.Set<String> STOP =
      java.util.Set.of(
          "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
          "from", "is", "are", "was", "were", "be", "been", "did", "do", "does", "what", "who",
          "whom", "which", "when", "where", "why", "how", "will", "would", "could", "should", "it",
          "its", "his", "her", "their", "this", "that", "these", "those", "he", "she", "they", "we",
          "i", "you", "any", "there", "about", "after", "before", "as", "into", "than", "then", "s",
          "has", "have", "had", "not", "no", "up", "get", "got", "say", "said", "tell", "told");

  static java.util.List<String> words(String t) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String w : t.toLowerCase().split("[^\\p{L}\\p{N}]+"))
      if (!w.isEmpty() && !STOP.contains(w)) out.add(w);
    return out;
  }

  static float softCoverage(
      org.storybot.index.Embedder emb, String q, String s, java.util.Map<String, float[]> cache) {
    java.util.List<String> qw = words(q);
    java.util.List<String> sw = words(s);
    if (qw.isEmpty() || sw.isEmpty()) return 0;
    float total = 0;
    float min = 1;
    for (String a : qw) {
      float best = 0;
      float[] va = cache.computeIfAbsent(a, emb::embed);
      for (String b : sw)
        best = Math.max(best, a.equals(b) ? 1f : dot(va, cache.computeIfAbsent(b, emb::embed)));
      total += best;
      min = Math.min(min, best);
    }
    return System.getProperty("min") != null ? min : total / qw.size();
  }

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    org.storybot.index.Embedder emb = new MiniLmEmbedder();
    try (StoryIndex index = StoryIndex.inMemory(emb, Clock.systemUTC())) {
      for (String corpus : args) index.sync(Articles.readAll(Path.of(corpus)).articles());
      java.util.Map<String, float[]> cache = new java.util.HashMap<>();
      for (DevSet.Question q : DevSet.load()) {
        int rank = 0;
        for (Hit h : index.search(q.text(), Answerer.CANDIDATES)) {
          ObjectNode o = json.createObjectNode();
          o.put("q", q.text()).put("kind", q.kind()).put("rank", rank++);
          o.put("answer", q.answers().contains(h.sentence().text()));
          o.put("story", h.sentence().articleId().startsWith("000"));
          o.put("cos", h.similarity()).put("cov", h.coverage()).put("score", h.score());
          o.put("support", Support.of(q.text(), h));
          o.put("softcov", softCoverage(emb, q.text(), h.sentence().text(), cache));
          o.put("lexRank", h.lexicalRank())
              .put("vecRank", h.vectorRank())
              .put("ordinal", h.sentence().ordinal());
          o.put("text", h.sentence().text());
          float[] qv = emb.embedQuery(q.text());
          var nb = index.neighbours(h.sentence(), 1);
          String prev = h.sentence().ordinal() > 0 ? nb.getFirst().text() + " " : "";
          o.put("cosPrev", dot(qv, emb.embed(prev + h.sentence().text())));
          o.put(
              "cosTitle",
              dot(
                  qv,
                  emb.embed(
                      h.sentence().title()
                          + ". "
                          + (h.sentence().heading() == null ? "" : h.sentence().heading() + ". ")
                          + h.sentence().text())));
          System.out.println(json.writeValueAsString(o));
        }
      }
    }
  }
}
