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
    Answer answer = answerer.answer(question);
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
