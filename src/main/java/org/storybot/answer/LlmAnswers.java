package org.storybot.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.index.IndexedSentence;

/**
 * Answers composed by an LLM from numbered source sentences, then checked: markers that point at no
 * source are dropped, sentences left without a valid citation are dropped, and so is a sentence its
 * sources do not bear out (see {@link #supported}); citations are renumbered in order of use and
 * mapped back to the exact source sentences. The model is not trusted: an article can try to take
 * it over, and so can whoever runs the server it is on.
 */
final class LlmAnswers {
  /** What the model replies when the sources do not answer the question. */
  static final String NOT_FOUND = "NOT_FOUND";

  /** How many of the strongest candidates the model sees. */
  static final int SOURCES = 8;

  private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=\\S)");

  /**
   * Link-like text (Telegram makes it clickable): a model may only repeat links its sources hold.
   */
  private static final Pattern LINK =
      Pattern.compile(
          "(?i)(?:https?://|tg://|www\\.)\\S+"
              + "|[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}(?:/\\S*)?|@\\w{4,}");

  /** Numbers, dates, codes and keys: quoted from the sources, never made up. */
  private static final Pattern EXACT = Pattern.compile("\\S*(?:\\d|\\w[-_:/@]\\w)\\S*");

  private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
  private static final String EDGES = ".,;:!?\"'()[]{}‹›«»“”‘’*_<>";
  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "that",
          "this",
          "with",
          "from",
          "have",
          "been",
          "were",
          "does",
          "will",
          "would",
          "said",
          "says",
          "about",
          "also",
          "they",
          "their",
          "there",
          "what",
          "when",
          "where",
          "which",
          "while",
          "than",
          "then",
          "into",
          "over",
          "more",
          "most",
          "some",
          "such",
          "only",
          "very",
          "just",
          "like",
          "after",
          "before",
          "because",
          "could",
          "should",
          "being",
          "other",
          "these",
          "those",
          "them",
          "each",
          "both",
          "your",
          "according",
          "told",
          "stated");

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
    ChatResponse response = model.chat(messages(prompts, question, sources));
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

  /** The system and user messages that ask for an answer (streamed or not: the same prompt). */
  static List<ChatMessage> messages(
      Prompts prompts, String question, List<IndexedSentence> sources) {
    String user =
        Prompts.fill(prompts.answerUser(), Map.of("question", question, "sources", fence(sources)));
    return List.of(SystemMessage.from(prompts.answerSystem()), UserMessage.from(user));
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
    return check(question, reply, sources, false);
  }

  /**
   * The checked text of the sentences a model has finished so far ({@code partial} is what it has
   * written yet), by the very check {@link #check(String, String, List)} runs on the whole reply:
   * the last piece, which may be cut, is left out. As the check keeps or drops each sentence on its
   * own and numbers citations in order of use, every draft is the start of the final checked text;
   * empty while nothing is kept yet.
   */
  static String draft(String question, String partial, List<IndexedSentence> sources) {
    Answer a = check(question, partial, sources, true);
    return a.abstained() ? "" : a.text();
  }

  private static Answer check(
      String question, String reply, List<IndexedSentence> sources, boolean partial) {
    String text = reply.strip();
    if (text.startsWith(NOT_FOUND) || text.equals(NOT_FOUND + ".")) return Answer.abstain(question);
    Map<Integer, Integer> renumber = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    // Stray markers go before the split: "war.[7] Austin" must become two sentences, not one.
    text = withoutStrayMarkers(text.replace(NOT_FOUND, "").strip(), sources.size());
    List<String> pieces = List.of(SENTENCE_END.split(text));
    if (partial) pieces = pieces.subList(0, Math.max(0, pieces.size() - 1));
    for (String sentence : pieces) {
      StringBuilder cited = new StringBuilder();
      for (Matcher m = MARKER.matcher(sentence); m.find(); ) {
        cited.append(sources.get(Integer.parseInt(m.group(1)) - 1).text()).append('\n');
      }
      if (cited.isEmpty() || !supported(sentence, cited.toString())) continue;
      Matcher m = MARKER.matcher(sentence);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        int to = renumber.computeIfAbsent(Integer.parseInt(m.group(1)), k -> renumber.size() + 1);
        m.appendReplacement(out, "[" + to + "]");
      }
      m.appendTail(out);
      String s =
          out.toString().replaceAll("\\s+([.,;:!?])", "$1").replaceAll("\\s{2,}", " ").strip();
      if (s.codePoints().anyMatch(Character::isLetter)) kept.add(s);
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
   * Whether the sentences it cites bear {@code sentence} out: every link-like text and every token
   * with a digit or inner punctuation (a number, date, code, key) appears in them verbatim, and at
   * least half of its content words (4+ letters, compared by their first 5) occur in them. A
   * compromised model's "the API key is sk-…" or "log in at evil.example" fails; a faithful
   * paraphrase passes.
   */
  static boolean supported(String sentence, String cited) {
    String plain = MARKER.matcher(sentence).replaceAll(" ");
    String sources = cited.toLowerCase(Locale.ROOT);
    for (Pattern exact : List.of(LINK, EXACT)) {
      for (Matcher m = exact.matcher(plain); m.find(); ) {
        String token = trim(m.group()).toLowerCase(Locale.ROOT);
        if (!token.isEmpty() && !sources.contains(token)) return false;
      }
    }
    Set<String> stems = new HashSet<>();
    for (Matcher m = WORD.matcher(sources); m.find(); ) stems.add(stem(m.group()));
    int words = 0, found = 0;
    for (Matcher m = WORD.matcher(plain.toLowerCase(Locale.ROOT)); m.find(); ) {
      if (FUNCTION_WORDS.contains(m.group())) continue;
      words++;
      if (stems.contains(stem(m.group()))) found++;
    }
    return found * 2 >= words;
  }

  private static String stem(String word) {
    return word.length() > 5 ? word.substring(0, 5) : word;
  }

  private static String trim(String token) {
    int from = 0, to = token.length();
    while (from < to && EDGES.indexOf(token.charAt(from)) >= 0) from++;
    while (to > from && EDGES.indexOf(token.charAt(to - 1)) >= 0) to--;
    return token.substring(from, to);
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
