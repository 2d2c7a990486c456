package org.storybot.ingest;

/**
 * A source could not be fetched or read as an article or feed. The message says why, in words fit
 * for the person who asked for it; the caller adds which source it was.
 */
final class FetchException extends RuntimeException {
  FetchException(String message) {
    super(message);
  }

  FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
