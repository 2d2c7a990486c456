package org.storybot.answer;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.index.IndexedSentence;

/**
 * Answers composed by an LLM from numbered source sentences, then checked: markers that point at no
 * source are dropped, sentences left without a valid citation are dropped, citations are renumbered
 * in order of use and mapped back to the exact source sentences.
 */
final class LlmAnswers {
  /** What the model replies when the sources do not answer the question. */
  static final String NOT_FOUND = "NOT_FOUND";

  /** How many of the strongest candidates the model sees. */
  static final int SOURCES = 8;

  private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=\\S)");

  private final ChatModel model;
  private final Prompts prompts;

  LlmAnswers(ChatModel model, Prompts prompts) {
    this.model = model;
    this.prompts = prompts;
  }

  /**
   * Asks the model and checks its reply.
   *
   * @throws LlmReplyException when the reply is empty (the caller falls back)
   */
  Answer answer(String question, List<IndexedSentence> sources) {
    String user =
        Prompts.fill(prompts.answerUser(), Map.of("question", question, "sources", fence(sources)));
    ChatResponse response =
        model.chat(SystemMessage.from(prompts.answerSystem()), UserMessage.from(user));
    String reply =
        response == null || response.aiMessage() == null ? null : response.aiMessage().text();
    if (reply == null || reply.isBlank())
      throw new LlmReplyException("the model sent an empty reply");
    return check(question, reply, sources);
  }

  /**
   * A subscriber's digest of the new {@code facts} of an article titled {@code title}, by the
   * digest prompt, checked like an answer (the title stands in for the question).
   *
   * @throws LlmReplyException when the reply is empty
   */
  Answer digest(String title, List<IndexedSentence> facts) {
    String prompt =
        Prompts.fill(prompts.digest(), Map.of("title", data(title), "sources", fence(facts)));
    ChatResponse response = model.chat(UserMessage.from(prompt));
    String reply =
        response == null || response.aiMessage() == null ? null : response.aiMessage().text();
    if (reply == null || reply.isBlank())
      throw new LlmReplyException("the model sent an empty reply");
    return check(title, reply, facts);
  }

  /** The follow-up {@code question} as a standalone question, by the rewriting prompt. */
  String rewrite(String question, List<Conversations.Turn> history) {
    StringBuilder h = new StringBuilder();
    for (Conversations.Turn t : history) {
      h.append("Q: ").append(data(t.question())).append('\n');
      h.append("A: ").append(data(t.answer().text())).append('\n');
    }
    String prompt =
        Prompts.fill(
            prompts.rewrite(), Map.of("history", h.toString().strip(), "question", question));
    ChatResponse r = model.chat(UserMessage.from(prompt));
    String text = r == null || r.aiMessage() == null ? null : r.aiMessage().text();
    return text == null ? null : text.strip().lines().findFirst().orElse("").strip();
  }

  /** The numbered sources, one per line, with anything that could close the fence neutralised. */
  static String fence(List<IndexedSentence> sources) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sources.size(); i++) {
      IndexedSentence s = sources.get(i);
      sb.append('[').append(i + 1).append("] ").append(data(s.text())).append(" (from \"");
      sb.append(data(s.title())).append('"');
      if (s.published() != null) sb.append(", ").append(data(s.published()));
      sb.append(")\n");
    }
    return sb.toString().strip();
  }

  private static String data(String text) {
    return text.replace('<', '‹').replace('>', '›').replaceAll("\\s+", " ");
  }

  /** The checked answer: only cited sentences, markers renumbered, citations exact. */
  static Answer check(String question, String reply, List<IndexedSentence> sources) {
    String text = reply.strip();
    if (text.startsWith(NOT_FOUND) || text.equals(NOT_FOUND + ".")) return Answer.abstain(question);
    Map<Integer, Integer> renumber = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    // Stray markers go before the split: "war.[7] Austin" must become two sentences, not one.
    text = withoutStrayMarkers(text.replace(NOT_FOUND, "").strip(), sources.size());
    for (String sentence : SENTENCE_END.split(text)) {
      Matcher m = MARKER.matcher(sentence);
      StringBuilder out = new StringBuilder();
      boolean cited = false;
      while (m.find()) {
        int to = renumber.computeIfAbsent(Integer.parseInt(m.group(1)), k -> renumber.size() + 1);
        m.appendReplacement(out, "[" + to + "]");
        cited = true;
      }
      m.appendTail(out);
      String s =
          out.toString().replaceAll("\\s+([.,;:!?])", "$1").replaceAll("\\s{2,}", " ").strip();
      if (cited && s.codePoints().anyMatch(Character::isLetter)) kept.add(s);
    }
    // markers of dropped sentences must not be listed: keep only citations the kept text uses
    Map<Integer, Integer> used = new LinkedHashMap<>();
    StringBuilder answer = new StringBuilder();
    for (String s : kept) {
      Matcher m = MARKER.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        int source = sourceOf(renumber, Integer.parseInt(m.group(1)));
        int to = used.computeIfAbsent(source, k -> used.size() + 1);
        m.appendReplacement(out, "[" + to + "]");
      }
      m.appendTail(out);
      if (!answer.isEmpty()) answer.append(' ');
      answer.append(out);
    }
    if (used.isEmpty()) return Answer.abstain(question);
    List<Citation> citations = new ArrayList<>();
    for (var e : used.entrySet()) {
      IndexedSentence s = sources.get(e.getKey() - 1);
      citations.add(Citation.of(e.getValue(), s));
    }
    return new Answer(question, answer.toString(), citations, false);
  }

  /**
   * {@code text} without markers that point at no source, removed until none is left: taking out
   * "[9]" from "[[9]5]" leaves "[5]".
   */
  private static String withoutStrayMarkers(String text, int sources) {
    String before;
    String after = text;
    do {
      before = after;
      after =
          MARKER
              .matcher(before)
              .replaceAll(
                  m -> {
                    int n = Integer.parseInt(m.group(1));
                    return n >= 1 && n <= sources ? m.group() : "";
                  });
    } while (!after.equals(before));
    return after;
  }

  private static int sourceOf(Map<Integer, Integer> renumber, int n) {
    for (var e : renumber.entrySet()) if (e.getValue() == n) return e.getKey();
    throw new IllegalStateException("no source for [" + n + "]");
  }

  /** The model's reply cannot be used. */
  static final class LlmReplyException extends RuntimeException {
    LlmReplyException(String message) {
      super(message);
    }
  }
}
