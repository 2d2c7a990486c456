package org.storybot.answer;

import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.index.Hit;
import org.storybot.index.IndexedSentence;
import org.storybot.index.StoryIndex;

/**
 * Answers questions about the story from the indexed articles, citing the sentences it uses.
 *
 * <p>The pipeline: retrieve candidate sentences, weigh how well each supports an answer, compose
 * the answer from the best ones (or abstain), and number the citations in order of use.
 * Thread-safe: it holds no per-question state.
 */
public final class Answerer {
  /** How many fused candidates are weighed for each question. */
  static final int CANDIDATES = 50;

  private static final Logger log = LoggerFactory.getLogger(Answerer.class);
  private final StoryIndex index;
  private final LlmAnswers llm;

  /** Extractive answers: built from the source sentences themselves, fully offline. */
  public Answerer(StoryIndex index) {
    this.index = index;
    this.llm = null;
  }

  /**
   * Answers composed by {@code model} from the retrieved sentences, every citation checked; when
   * the model fails, the extractive answer.
   */
  public Answerer(StoryIndex index, ChatModel model, Prompts prompts) {
    this.index = index;
    this.llm = new LlmAnswers(model, prompts);
  }

  /**
   * Answers {@code question}.
   *
   * @throws EmptyQuestionException when the question has no words
   */
  public Answer answer(String question) {
    String q = question == null ? "" : question.strip();
    if (q.isEmpty() || q.codePoints().noneMatch(Character::isLetterOrDigit)) {
      throw new EmptyQuestionException();
    }
    List<Evidence> ranked = weigh(q, index.search(q, CANDIDATES));
    List<Evidence> chosen = Extractive.choose(ranked, index::terms);
    if (chosen.isEmpty()) return Answer.abstain(q); // nothing supports an answer: no model call
    if (llm != null) {
      List<IndexedSentence> sources =
          ranked.subList(0, Math.min(LlmAnswers.SOURCES, ranked.size())).stream()
              .map(Evidence::sentence)
              .toList();
      try {
        return llm.answer(q, sources);
      } catch (RuntimeException e) {
        log.warn("the LLM failed ({}); answering extractively", e.getClass().getSimpleName());
      }
    }
    return cite(q, chosen.stream().map(Evidence::sentence).toList());
  }

  /**
   * {@code question} made standalone in the light of the earlier turns (oldest first): rewritten by
   * the LLM when one is configured, else by {@link FollowUps}.
   */
  String standalone(String question, List<Conversations.Turn> history) {
    if (llm != null) {
      try {
        String rewritten = llm.rewrite(question, history);
        if (rewritten != null && !rewritten.isBlank()) return rewritten;
      } catch (RuntimeException e) {
        log.warn("the LLM could not rewrite a follow-up ({})", e.getClass().getSimpleName());
      }
    }
    return FollowUps.standalone(question, history);
  }

  /**
   * Summarises one article in up to {@code sentences} cited sentences: its lead, as news puts the
   * most informative sentences first.
   *
   * @throws IllegalArgumentException when the article is not indexed
   */
  public Answer summarize(String articleId, int sentences) {
    List<IndexedSentence> all = index.sentences(articleId);
    if (all.isEmpty())
      throw new IllegalArgumentException("no article '" + articleId + "' in the index");
    String title = all.getFirst().title();
    return cite(title, all.subList(0, Math.min(sentences, all.size())));
  }

  /**
   * A digest of an article's new {@code facts} written by the LLM, every citation checked against
   * {@code facts}. Empty when no LLM is configured, when it fails or when nothing it wrote cites a
   * fact: the caller then sends the facts verbatim.
   */
  public Optional<Answer> digest(String title, List<IndexedSentence> facts) {
    if (llm == null || facts.isEmpty()) return Optional.empty();
    try {
      Answer a = llm.digest(title, facts);
      return a.abstained() ? Optional.empty() : Optional.of(a);
    } catch (RuntimeException e) {
      log.warn("the LLM could not write a digest ({})", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** The candidates with their support, strongest first. */
  static List<Evidence> weigh(String question, List<Hit> hits) {
    List<Evidence> out = new ArrayList<>(hits.size());
    for (Hit hit : hits) out.add(new Evidence(hit, Support.of(question, hit)));
    out.sort(Comparator.comparingDouble(Evidence::support).reversed());
    return out;
  }

  /** An answer made of {@code sentences} verbatim, each followed by its citation marker. */
  static Answer cite(String question, List<IndexedSentence> sentences) {
    Map<String, Citation> citations = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    for (IndexedSentence s : sentences) {
      Citation c = citations.computeIfAbsent(s.key(), k -> Citation.of(citations.size() + 1, s));
      if (!text.isEmpty()) text.append(' ');
      text.append(s.text()).append(" [").append(c.n()).append(']');
    }
    return new Answer(question, text.toString(), List.copyOf(citations.values()), false);
  }
}
