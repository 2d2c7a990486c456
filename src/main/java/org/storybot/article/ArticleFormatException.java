package org.storybot.article;

import java.nio.file.Path;

/**
 * An article file that cannot be read: says which file, which line (from 1, or 0 if unknown) and
 * why.
 */
public final class ArticleFormatException extends RuntimeException {
  private final Path file;
  private final int line;

  public ArticleFormatException(Path file, int line, String reason) {
    this(file, line, reason, null);
  }

  public ArticleFormatException(Path file, int line, String reason, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }
}
