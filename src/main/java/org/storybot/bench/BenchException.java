package org.storybot.bench;

/** A benchmark could not run (missing data, a child process failed). Not worth retrying as is. */
public final class BenchException extends RuntimeException {
  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
