package org.storybot.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Simulated time for several threads: the clock stands still while any of them runs and moves, to
 * the earliest wake-up, only when every one of them sleeps. So nothing happens between a thread's
 * look at the clock and what it does next, as on an infinitely fast machine. Thread-safe.
 */
final class SimulatedThreads extends Clock implements Subscriptions.Sleeper {
  /** The work of one thread. */
  interface Task {
    void run() throws Exception;
  }

  private Instant now = Instant.parse("2024-04-15T08:00:00Z");
  private int running;
  private final PriorityQueue<Instant> wakeUps = new PriorityQueue<>();

  /**
   * Runs each task on a thread of its own until all have returned; rethrows the first failure. A
   * task that never returns fails the test after {@code patience} of real time (a deadlock).
   */
  void run(List<Task> tasks, Duration patience) throws Exception {
    synchronized (this) {
      running += tasks.size();
    }
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (Task task : tasks) {
      threads.add(
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      task.run();
                    } catch (Throwable e) {
                      failures.add(e);
                    } finally {
                      synchronized (this) {
                        running--;
                        advanceIfIdle();
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join(patience);
      if (t.isAlive()) throw new AssertionError("a task still runs after " + patience);
    }
    if (!failures.isEmpty()) {
      Throwable first = failures.getFirst();
      if (first instanceof Exception e) throw e;
      throw (Error) first;
    }
  }

  @Override
  public synchronized void sleep(Duration d) throws InterruptedException {
    if (d.isNegative() || d.isZero()) throw new AssertionError("asked to sleep " + d);
    Instant until = now.plus(d);
    wakeUps.add(until);
    running--;
    try {
      advanceIfIdle();
      while (now.isBefore(until)) wait();
    } finally {
      wakeUps.remove(until);
      running++;
    }
  }

  /** When every thread sleeps and none is due to wake: on to the earliest wake-up. */
  private void advanceIfIdle() {
    if (running == 0 && !wakeUps.isEmpty() && wakeUps.peek().isAfter(now)) {
      now = wakeUps.peek();
      notifyAll();
    }
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
