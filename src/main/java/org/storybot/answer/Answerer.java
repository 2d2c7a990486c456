package org.storybot.answer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.index.ArticleInfo;
import org.storybot.index.Candidate;
import org.storybot.index.IndexedSentence;
import org.storybot.index.QueryTerm;
import org.storybot.index.Retrieved;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Ranker;

/**
 * Answers questions about the story from the indexed articles, citing the sentences it uses.
 *
 * <p>The pipeline: read what the message asks for ({@link Intent}); retrieve candidate sentences;
 * rank them and judge whether the best answers the question ({@link Ranker}, learned from labelled
 * data); compose the answer from the best ones, or abstain; number the citations in order of use.
 * Thread-safe: it holds no per-question state.
 */
public final class Answerer {
  /** How many articles' leads a summary of the story cites. */
  static final int SUMMARY_ARTICLES = 3;

  private static final Logger log = LoggerFactory.getLogger(Answerer.class);
  private final StoryIndex index;
  private final Ranker ranker;
  private final LlmAnswers llm;
  private final LlmStream stream;

  /** Extractive answers: built from the source sentences themselves, fully offline. */
  public Answerer(StoryIndex index, Ranker ranker) {
    this.index = index;
    this.ranker = ranker;
    this.llm = null;
    this.stream = null;
  }

  /**
   * Answers composed by {@code model} from the ranked sentences, every citation checked; when the
   * model fails, the extractive answer. The model is not called when nothing answers the question.
   */
  public Answerer(StoryIndex index, Ranker ranker, ChatModel model, Prompts prompts) {
    this.index = index;
    this.ranker = ranker;
    this.llm = new LlmAnswers(model, prompts);
    this.stream = null;
  }

  /**
   * As {@link #Answerer(StoryIndex, Ranker, ChatModel, Prompts)}, and {@link #answer(String,
   * Drafts)} streams through {@code streaming}: a stream that fails, is cut or sends nothing for
   * {@code stall} gives the extractive answer.
   */
  public Answerer(
      StoryIndex index,
      Ranker ranker,
      ChatModel model,
      StreamingChatModel streaming,
      Prompts prompts,
      Duration stall) {
    this.index = index;
    this.ranker = ranker;
    this.llm = new LlmAnswers(model, prompts);
    this.stream = new LlmStream(streaming, prompts, stall);
  }

  /**
   * Answers {@code question}.
   *
   * @throws EmptyQuestionException when the question has no words
   */
  public Answer answer(String question) {
    return respond(question, null);
  }

  /**
   * Answers {@code question} as {@link #answer(String)} does, streaming the LLM's answer into
   * {@code drafts} while it is written when a streaming model is configured. The answer returned is
   * the one {@link #answer(String)} would give for the same reply; {@code drafts} is not called at
   * all when no model is asked (no LLM, small talk, nothing in the articles answers it).
   *
   * @throws EmptyQuestionException when the question has no words
   */
  public Answer answer(String question, Drafts drafts) {
    return respond(question, Objects.requireNonNull(drafts, "drafts"));
  }

  /**
   * "what else did Biden say?": {@code question} without its "else", answered by a sentence whose
   * {@code earlier} answers of the conversation did not cite or quote: the best of the ranker's
   * first {@value #ELSE_DEPTH}, or, for a kind of question whose answer a sentence shows ({@link
   * Preferred}: Biden's words), the best that shows it; {@link #NOTHING_MORE} when none is left.
   * Streams into {@code drafts} as {@link #answer(String, Drafts)} does; {@code null} for none.
   *
   * @throws EmptyQuestionException when the question has no words
   */
  Answer answerElse(String question, List<Answer> earlier, Drafts drafts) {
    String q = words(question);
    Set<String> shown = new HashSet<>();
    for (Answer a : earlier) for (Citation c : a.citations()) shown.add(c.key());
    String asked = Intent.asked(ELSE.matcher(q).replaceAll("")); // "what did Biden say?"
    if (Intent.of(asked) != Intent.QUESTION || Compound.parts(asked).size() > 1) {
      return respond(question, drafts);
    }
    Found found = find(asked, shown);
    if (found.unnamed().isPresent()) return Answer.decline(q, notMentioned(found.unnamed().get()));
    if (!found.ranking().answers()) return Answer.abstain(q);
    List<Preferred> kinds = found.kinds(); // "what else did Biden say?": Biden's words
    List<Ranker.Scored> best = found.ranking().best();
    List<IndexedSentence> unseen = new ArrayList<>();
    for (int i = 0; i < best.size() && unseen.size() < LlmAnswers.SOURCES; i++) {
      Candidate c = best.get(i).candidate();
      if (shown.contains(c.sentence().key())
          || earlier.stream().anyMatch(a -> a.quotes(c.sentence().text()))) {
        continue;
      }
      if (kinds.isEmpty() ? i < ELSE_DEPTH : kinds.stream().anyMatch(k -> k.fits(c))) {
        unseen.add(c.sentence());
      }
    }
    if (unseen.isEmpty()) return Answer.reply(q, NOTHING_MORE);
    return compose(q, unseen, drafts, () -> List.of(unseen.getFirst()));
  }

  /** How deep {@link #answerElse} looks for a sentence not yet cited. */
  static final int ELSE_DEPTH = 4;

  /** The "else" of "what else did he say?", "who else was there?". */
  private static final Pattern ELSE = Pattern.compile("(?i)\\s+else\\b");

  /**
   * {@code message} stripped, when it has a word to search for.
   *
   * @throws EmptyQuestionException when it has none: "?!", an emoji, "12345" (a number alone
   *     matched whatever sentence holds a number, confidently)
   */
  static String words(String message) {
    String q = message == null ? "" : message.strip();
    if (q.codePoints().noneMatch(Character::isLetter)) throw new EmptyQuestionException();
    return q;
  }

  private Answer respond(String question, Drafts drafts) {
    String q = words(question);
    String asked = Intent.asked(q); // "hey, can you tell me what happened" -> "What happened?"
    switch (Intent.of(asked)) {
      case SMALL_TALK -> {
        return Answer.reply(q, hint(q));
      }
      case SUMMARY -> {
        return summary(q);
      }
      case SOURCES -> {
        return Answer.reply(q, sources());
      }
      case TASK -> {
        return Answer.decline(q, decline());
      }
      case OTHER_LANGUAGE -> {
        return Answer.decline(q, ENGLISH_ONLY);
      }
      case LINK -> {
        return Answer.decline(q, LINK_ONLY);
      }
      case QUESTION -> {}
    }
    List<String> parts = Compound.parts(asked); // "who is Kirby and what did he say?"
    if (parts.size() > 1) return compound(q, parts, drafts);
    Found found = find(asked);
    if (found.unnamed().isPresent()) return Answer.decline(q, notMentioned(found.unnamed().get()));
    if (!found.ranking().answers()) return Answer.abstain(q); // nothing answers it: no model call
    List<IndexedSentence> sources =
        found.ranking().best().stream()
            .limit(LlmAnswers.SOURCES)
            .map(s -> s.candidate().sentence())
            .toList();
    return compose(q, sources, drafts, () -> Extractive.choose(found.ranking(), index::terms));
  }

  /**
   * What the articles say to {@code question} (one question, as {@link Intent#asked} reads it): its
   * ranking, put in order by the kinds of question it is ("what did Kirby say?", "who is Biden?"),
   * and a name it asks about that the best answer's article never uses.
   */
  private record Found(Ranker.Ranking ranking, List<Preferred> kinds, Optional<String> unnamed) {
    boolean answers() {
      return ranking.answers() && unnamed.isEmpty();
    }
  }

  private Found find(String asked) {
    return find(asked, Set.of());
  }

  /** As {@link #find(String)}, preferring sentences whose keys are not in {@code shown}. */
  private Found find(String asked, Set<String> shown) {
    Ranker.Ranking ranking = rank(asked);
    List<Preferred> kinds = Preferred.kinds(asked);
    for (Preferred kind : kinds) ranking = kind.answer(ranking, shown).orElse(ranking);
    if (ranking.best().isEmpty()) return new Found(ranking, kinds, Optional.empty());
    // "what did Russia say?": named even when the models doubt the answer, so the reply says why
    return new Found(ranking, kinds, unnamed(asked, ranking, kinds));
  }

  /**
   * The answer composed by the LLM from {@code sources}, when one is configured and does not fail;
   * else the {@code extractive} sentences, cited.
   */
  private Answer compose(
      String q,
      List<IndexedSentence> sources,
      Drafts drafts,
      Supplier<List<IndexedSentence>> extractive) {
    if (llm != null) {
      try {
        return drafts == null || stream == null
            ? llm.answer(q, sources)
            : stream.answer(q, sources, drafts);
      } catch (RuntimeException e) {
        log.warn("the LLM failed ({}); answering extractively", reason(e));
      }
    }
    return cite(q, extractive.get());
  }

  /**
   * A message that asks several things ({@link Compound}): each part answered on its own, a later
   * part read as a follow-up of the one before ("what did he say?" after "who is Kirby?"), and the
   * answers' sentences cited together; a part nothing answers is named as such. A part that asks
   * for the story gets its leads; one that is small talk or asks the bot ("who are you?") is let
   * be. The LLM, when configured, reads the whole message with every part's best sentences.
   */
  private Answer compound(String q, List<String> parts, Drafts drafts) {
    Set<IndexedSentence> cited = new LinkedHashSet<>();
    List<List<IndexedSentence>> read = new ArrayList<>(); // each part's best, for the LLM
    List<String> unanswered = new ArrayList<>();
    Optional<String> unnamed = Optional.empty();
    List<Conversations.Turn> before = List.of();
    Set<String> shown = new HashSet<>();
    boolean looked = false;
    for (String part : parts) {
      switch (Intent.of(part)) {
        case SUMMARY -> { // "what is this story about and who is Kirby?"
          List<IndexedSentence> leads = leads();
          cited.addAll(leads);
          read.add(leads);
          leads.forEach(s -> shown.add(s.key()));
          continue;
        }
        case QUESTION -> looked = true;
        default -> {
          continue; // "who are you?", "thanks": nothing to look up
        }
      }
      Found found = find(FollowUps.standalone(part, before), shown);
      if (!found.answers()) {
        unanswered.add(part);
        if (unnamed.isEmpty()) unnamed = found.unnamed();
        continue;
      }
      List<IndexedSentence> chosen = Extractive.choose(found.ranking(), index::terms);
      cited.addAll(chosen);
      chosen.forEach(s -> shown.add(s.key()));
      read.add(
          found.ranking().best().stream()
              .limit(LlmAnswers.SOURCES)
              .map(s -> s.candidate().sentence())
              .toList());
      before = List.of(new Conversations.Turn(part, cite(part, chosen)));
    }
    if (cited.isEmpty()) {
      if (!looked) return Answer.reply(q, hint(q)); // "who are you and what do you do?"
      return unnamed.map(n -> Answer.decline(q, notMentioned(n))).orElse(Answer.abstain(q));
    }
    Answer answer = compose(q, inTurn(read, LlmAnswers.SOURCES), drafts, () -> List.copyOf(cited));
    if (unanswered.isEmpty() || answer.abstained()) return answer;
    StringBuilder text = new StringBuilder(answer.text());
    for (String part : unanswered) {
      text.append("\n\nThe articles I have don't answer \u201c").append(part).append("\u201d");
    }
    return new Answer(q, text.toString(), answer.citations(), false);
  }

  /**
   * The lists' sentences taken in turn, the best of each first, each once, at most {@code most}.
   */
  private static List<IndexedSentence> inTurn(List<List<IndexedSentence>> lists, int most) {
    Set<IndexedSentence> out = new LinkedHashSet<>();
    for (int i = 0; out.size() < most; i++) {
      boolean more = false;
      for (List<IndexedSentence> list : lists) {
        if (i >= list.size()) continue;
        more = true;
        if (out.size() < most) out.add(list.get(i));
      }
      if (!more) break;
    }
    return List.copyOf(out);
  }

  /**
   * The ranking of {@code question}'s candidates, as {@link #answer} ranks them: a question typed
   * all in lower case is read as the retrieved sentences spell its words ("what did bosworth say?"
   * as "what did Bosworth say?"), so that the ranker sees the names it learned to weigh.
   */
  public Ranker.Ranking rank(String question) {
    Retrieved retrieved = index.retrieve(question);
    Map<String, String> spelt =
        Names.spellings(
            question, retrieved.candidates().stream().map(c -> c.sentence().text()).toList());
    if (!spelt.isEmpty()) {
      List<QueryTerm> terms =
          retrieved.terms().stream()
              .map(t -> new QueryTerm(Names.recased(t.word(), spelt), t.stem(), t.idf(), t.known()))
              .toList();
      retrieved =
          new Retrieved(
              Names.recased(question, spelt), terms, retrieved.candidates(), retrieved.sentences());
    }
    return ranker.rank(retrieved);
  }

  /**
   * Whether {@code ranking} of {@code question}'s candidates is answered: the abstention model
   * judged its best sentence to answer, and that sentence's article names what the question names.
   * The same verdict as {@link #answer}'s, for measuring a ranking (the held-out folds).
   */
  public boolean answers(String question, Ranker.Ranking ranking) {
    return ranking.answers() && unnamed(question, ranking, Preferred.kinds(question)).isEmpty();
  }

  /**
   * A name {@code question} asks about ("What did Russia say?") that the article of the best answer
   * never uses. The ranker learned from questions that name what their article names; asked about
   * something the articles do not mention, it finds the closest sentence about something else, and
   * is sure of it.
   */
  private Optional<String> unnamed(String question, Ranker.Ranking ranking, List<Preferred> kinds) {
    List<List<String>> names =
        new ArrayList<>(
            Names.of(
                question,
                ranking.best().stream().map(s -> s.candidate().sentence().text()).toList()));
    // "what did putin say?", "who is kirbi?": whom they ask about is a name, however typed
    for (Preferred kind : kinds) if (!kind.subject().isEmpty()) names.add(kind.subject());
    if (names.isEmpty()) return Optional.empty(); // most questions: no need to read the article
    IndexedSentence best = ranking.best().getFirst().candidate().sentence();
    List<String> article =
        index.sentences(best.articleId()).stream().map(IndexedSentence::text).toList();
    return Names.missing(names, best.title(), article);
  }

  /**
   * What a question about something the best answer's article never names gets; a name typed in
   * lower case is given its capitals ("putin": “Putin”).
   */
  static String notMentioned(String name) {
    String spelt = name;
    if (name.codePoints().noneMatch(Character::isUpperCase)) {
      StringBuilder out = new StringBuilder();
      for (String w : name.split(" ")) {
        if (!out.isEmpty()) out.append(' ');
        out.append(Set.of("of", "the", "and").contains(w) ? w : capitalised(w));
      }
      spelt = out.toString();
    }
    return "The articles I have don't say. The closest one I found never mentions \u201c"
        + spelt
        + "\u201d.";
  }

  private static String capitalised(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /**
   * Why the LLM failed, for one log line: our own reasons in full, a client's exception by its
   * class only (its message may quote the server's reply or the request).
   */
  private static String reason(RuntimeException e) {
    return e instanceof LlmAnswers.LlmReplyException
        ? e.getMessage()
        : e.getClass().getSimpleName();
  }

  /**
   * What small talk gets: a greeting, a "you're welcome" or a goodbye, then what the bot does and
   * what to ask.
   */
  String hint(String message) {
    return Intent.opener(message)
        + " I answer "
        + whatItAnswers()
        + " Try \u201cWhat is this story about?\u201d, \u201cWhat's new?\u201d, or ask me anything"
        + " about it.";
  }

  /** How many articles "sources?" lists. */
  static final int SOURCES_LISTED = 10;

  /** What "sources?" gets: the articles answers come from, newest first, with their links. */
  String sources() {
    List<ArticleInfo> articles = index.articles();
    if (articles.isEmpty()) return "I have no articles yet, so I cannot answer anything.";
    StringBuilder out =
        new StringBuilder("I answer only from these articles, newest first, and cite them:");
    for (ArticleInfo a : articles.subList(0, Math.min(SOURCES_LISTED, articles.size()))) {
      out.append("\n\u2022 \u201c").append(a.title()).append('\u201d');
      if (a.published() != null) out.append(" (").append(a.published()).append(')');
      if (a.url() != null && !a.url().isBlank()) out.append(' ').append(a.url());
    }
    if (articles.size() > SOURCES_LISTED) {
      out.append("\n\u2026 and ").append(articles.size() - SOURCES_LISTED).append(" more.");
    }
    return out.toString();
  }

  /** What a message in another script gets: the articles and the models read English. */
  static final String ENGLISH_ONLY =
      "I can only read questions in English, the language of the articles I have. Try"
          + " \u201cWhat is this story about?\u201d, or ask me anything about it in English.";

  /** What a link sent alone gets: the bot answers from its own articles, and how one is added. */
  static final String LINK_ONLY =
      "That is a link, not a question: I answer from the articles I have, and do not read a page"
          + " because it is sent to me (the bot's admins add articles with /add and the link). Try"
          + " \u201cWhat is this story about?\u201d, or ask me anything about it.";

  /** What a task the bot does not do gets: what it does instead, and what to ask. */
  String decline() {
    return "I can't help with that. I only answer "
        + whatItAnswers()
        + " Try \u201cWhat is this story about?\u201d, or ask me anything about it.";
  }

  /** "questions about the news story “…” from the articles I have, and cite …": the bot's job. */
  private String whatItAnswers() {
    List<ArticleInfo> articles = index.articles();
    String story =
        articles.isEmpty() ? "" : " story \u201c" + articles.getFirst().title() + "\u201d";
    return "questions about the news"
        + story
        + " from the articles I have, and cite the sentences I use.";
  }

  /** The story in brief: the lead sentence of each of the newest articles, cited. */
  Answer summary(String question) {
    List<IndexedSentence> leads = leads();
    return leads.isEmpty() ? Answer.abstain(question) : cite(question, leads);
  }

  /** The lead sentences of the newest articles, as the summary cites them; empty with none. */
  private List<IndexedSentence> leads() {
    List<ArticleInfo> articles = index.articles();
    List<IndexedSentence> leads = new ArrayList<>();
    int perArticle = articles.size() == 1 ? 2 : 1;
    for (ArticleInfo a : articles.subList(0, Math.min(SUMMARY_ARTICLES, articles.size()))) {
      List<IndexedSentence> s = index.sentences(a.id());
      leads.addAll(s.subList(0, Math.min(perArticle, s.size())));
    }
    return leads;
  }

  /** How many sentences "tell me more" adds. */
  static final int MORE_SENTENCES = 2;

  /** What "tell me more" gets when the chat has been shown every sentence. */
  static final String NOTHING_MORE =
      "That's everything the articles I have say. Ask me about anything in them, or send /new to"
          + " start over.";

  /**
   * "Tell me more" after earlier {@code turns} (oldest first): the sentences after the one the last
   * answer rests on (its first citation), in its article, that the chat has not been shown; when
   * that article has none left, the first unseen sentence of the newest article that has one. With
   * nothing cited before, the summary.
   */
  Answer more(String question, List<Conversations.Turn> turns) {
    Set<String> shown = new HashSet<>();
    Citation anchor = null;
    for (Conversations.Turn t : turns) {
      List<Citation> cited = t.answer().citations();
      for (Citation c : cited) shown.add(c.key());
      if (!cited.isEmpty()) anchor = cited.getFirst();
    }
    if (anchor == null) return summary(question);
    List<IndexedSentence> next = new ArrayList<>();
    for (IndexedSentence s : index.sentences(anchor.articleId())) {
      if (next.size() == MORE_SENTENCES) break;
      if (s.ordinal() > anchor.ordinal() && !shown.contains(s.key())) next.add(s);
    }
    for (ArticleInfo a : index.articles()) {
      if (!next.isEmpty()) break;
      index.sentences(a.id()).stream()
          .filter(s -> !shown.contains(s.key()))
          .findFirst()
          .ifPresent(next::add);
    }
    return next.isEmpty() ? Answer.reply(question, NOTHING_MORE) : cite(question, next);
  }

  /**
   * {@code question} made standalone in the light of the earlier turns (oldest first): rewritten by
   * the LLM when one is configured, else by {@link FollowUps}.
   */
  String standalone(String question, List<Conversations.Turn> history) {
    if (Intent.of(question) != Intent.QUESTION) return question;
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
