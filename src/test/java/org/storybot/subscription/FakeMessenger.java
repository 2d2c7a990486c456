package org.storybot.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Records every message it accepts, with the clock's time. Failures are scripted per call: a
 * function of the chat id that may return an exception to throw instead of accepting. Thread-safe.
 */
final class FakeMessenger implements Messenger {
  record Sent(long chatId, String html, Instant at) {}

  private final Clock clock;
  private final List<Sent> sent;
  private final Map<Long, Integer> calls = new HashMap<>();
  private LongFunction<RuntimeException> failure = chat -> null;

  FakeMessenger(Clock clock) {
    this(clock, new ArrayList<>());
  }

  /** Shares {@code sent} with an earlier instance: the same "Telegram" across a restart. */
  FakeMessenger(Clock clock, List<Sent> sent) {
    this.clock = clock;
    this.sent = sent;
  }

  synchronized FakeMessenger failingWith(LongFunction<RuntimeException> failure) {
    this.failure = failure;
    return this;
  }

  @Override
  public synchronized void send(long chatId, String html) {
    calls.merge(chatId, 1, Integer::sum);
    RuntimeException e = failure.apply(chatId);
    if (e != null) throw e;
    sent.add(new Sent(chatId, html, clock.instant()));
  }

  synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  synchronized List<Sent> sentTo(long chatId) {
    return sent.stream().filter(s -> s.chatId() == chatId).toList();
  }

  synchronized int calls(long chatId) {
    return calls.getOrDefault(chatId, 0);
  }

  List<Sent> log() {
    return sent;
  }
}
