package org.storybot.answer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conversations with many chats at once: each chat's last few turns, kept in memory, so that a
 * follow-up question can be read in the light of what came before.
 *
 * <p>A follow-up ("and Austin?", "what did he say after that?") is first made a standalone
 * question: by the LLM when one is configured, otherwise by carrying the previous question's names
 * forward. The answer's {@link Answer#question()} is the question as it was answered. "Tell me
 * more" goes on from the last answer's source ({@link Answerer#more}).
 *
 * <p>The turns are kept in this process's memory, or, for replicas sharing a database, in a {@link
 * Memory} there, so that a follow-up reaching another replica is read with the question before it.
 *
 * <p>Thread-safe. Turns of one chat are recorded in the order their answers complete.
 */
public final class Conversations {
  /** One question and the answer it got. */
  public record Turn(String question, Answer answer) {}

  /**
   * Where the turns of every chat are kept: each method is one atomic step, safe from many threads
   * and, for a shared one, from many processes.
   */
  public interface Memory {
    /** The chat's last {@code maxTurns} turns, oldest first. */
    List<Turn> turns(long chatId, int maxTurns);

    /** Adds a turn to the chat, forgetting all but its last {@code maxTurns}. */
    void add(long chatId, Turn turn, int maxTurns);

    /** Forgets the chat's turns. */
    void forget(long chatId);
  }

  private final Answerer answerer;
  private final int maxTurns;
  private final Memory memory;

  /**
   * In this process's memory.
   *
   * @param maxTurns how many turns of each chat are remembered (older ones are forgotten)
   */
  public Conversations(Answerer answerer, int maxTurns) {
    this(answerer, maxTurns, new InMemory());
  }

  /** As above, the turns kept in {@code memory}. */
  public Conversations(Answerer answerer, int maxTurns, Memory memory) {
    if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be >= 1: " + maxTurns);
    this.answerer = answerer;
    this.maxTurns = maxTurns;
    this.memory = memory;
  }

  /**
   * Answers {@code question} asked in chat {@code chatId}, and remembers the turn.
   *
   * @throws EmptyQuestionException when the question has no words
   */
  public Answer ask(long chatId, String question) {
    return ask(chatId, question, null);
  }

  /**
   * As {@link #ask(long, String)}, streaming the answer into {@code drafts} while the LLM writes it
   * (see {@link Answerer#answer(String, Drafts)}); {@code null} for no streaming.
   *
   * @throws EmptyQuestionException when the question has no words
   */
  public Answer ask(long chatId, String question, Drafts drafts) {
    String q = Answerer.words(question); // before any work: a rewrite of "12345" is wasted
    List<Turn> before = history(chatId);
    Answer answer;
    if (!before.isEmpty() && Intent.asksForMore(q)) {
      answer = answerer.more(q, before);
    } else {
      String standalone = before.isEmpty() ? question : answerer.standalone(question, before);
      if (!before.isEmpty() && Intent.asksForElse(question)) { // "what else did he say?"
        answer =
            answerer.answerElse(standalone, before.stream().map(Turn::answer).toList(), drafts);
      } else if (drafts == null) {
        answer = answerer.answer(standalone);
      } else {
        answer = answerer.answer(standalone, drafts);
      }
      if (!before.isEmpty()) {
        Answer previous = before.getLast().answer();
        Optional<String> word = FollowUps.saysNoMore(question, answer, previous);
        if (word.isPresent()) answer = Answer.decline(standalone, noMore(word.get()));
      }
    }
    memory.add(chatId, new Turn(question, answer), maxTurns);
    return answer;
  }

  /** What a bare "why?" is told when the articles say no more than the answer before it. */
  static String noMore(String word) {
    return "The articles I have don't say " + word + ", beyond the sentence I quoted above.";
  }

  /** The chat's remembered turns, oldest first. */
  public List<Turn> history(long chatId) {
    return memory.turns(chatId, maxTurns);
  }

  /** Forgets the chat's turns ({@code /start}, {@code /new}). */
  public void reset(long chatId) {
    memory.forget(chatId);
  }

  /** The single process's memory: each chat's turns in a deque of its own. */
  private static final class InMemory implements Memory {
    private final Map<Long, Deque<Turn>> history = new ConcurrentHashMap<>();

    @Override
    public List<Turn> turns(long chatId, int maxTurns) {
      Deque<Turn> turns = history.get(chatId);
      if (turns == null) return List.of();
      synchronized (turns) {
        List<Turn> all = List.copyOf(turns);
        return all.subList(Math.max(0, all.size() - maxTurns), all.size());
      }
    }

    @Override
    public void add(long chatId, Turn turn, int maxTurns) {
      Deque<Turn> turns = history.computeIfAbsent(chatId, id -> new ArrayDeque<>());
      synchronized (turns) {
        turns.addLast(turn);
        while (turns.size() > maxTurns) turns.removeFirst();
      }
    }

    @Override
    public void forget(long chatId) {
      history.remove(chatId);
    }
  }
}
