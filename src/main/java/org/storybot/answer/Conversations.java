package org.storybot.answer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conversations with many chats at once: each chat's last few turns, kept in memory, so that a
 * follow-up question can be read in the light of what came before.
 *
 * <p>A follow-up ("and Austin?", "what did he say after that?") is first made a standalone
 * question: by the LLM when one is configured, otherwise by carrying the previous question's names
 * forward. The answer's {@link Answer#question()} is the question as it was answered.
 *
 * <p>Thread-safe. Turns of one chat are recorded in the order their answers complete.
 */
public final class Conversations {
  /** One question and the answer it got. */
  public record Turn(String question, Answer answer) {}

  private final Answerer answerer;
  private final int maxTurns;
  private final Map<Long, Deque<Turn>> history = new ConcurrentHashMap<>();

  /**
   * @param maxTurns how many turns of each chat are remembered (older ones are forgotten)
   */
  public Conversations(Answerer answerer, int maxTurns) {
    if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be >= 1: " + maxTurns);
    this.answerer = answerer;
    this.maxTurns = maxTurns;
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
    List<Turn> before = history(chatId);
    String standalone =
        before.isEmpty() || question == null ? question : answerer.standalone(question, before);
    Answer answer =
        drafts == null ? answerer.answer(standalone) : answerer.answer(standalone, drafts);
    remember(chatId, new Turn(question, answer));
    return answer;
  }

  /** The chat's remembered turns, oldest first. */
  public List<Turn> history(long chatId) {
    Deque<Turn> turns = history.get(chatId);
    if (turns == null) return List.of();
    synchronized (turns) {
      return List.copyOf(turns);
    }
  }

  /** Forgets the chat's turns ({@code /start}, {@code /new}). */
  public void reset(long chatId) {
    history.remove(chatId);
  }

  private void remember(long chatId, Turn turn) {
    Deque<Turn> turns = history.computeIfAbsent(chatId, id -> new ArrayDeque<>());
    synchronized (turns) {
      turns.addLast(turn);
      while (turns.size() > maxTurns) turns.removeFirst();
    }
  }
}
