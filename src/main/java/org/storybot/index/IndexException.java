package org.storybot.index;

import java.nio.file.Path;

/** The index cannot be opened, read or written. Not retriable without operator action. */
public final class IndexException extends RuntimeException {
  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }

  static IndexException at(Path dir, String what, Throwable cause) {
    return new IndexException(what + " (index at " + dir + "): " + cause.getMessage(), cause);
  }
}
