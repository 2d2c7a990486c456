package org.storybot.store;

/** The database cannot be opened, migrated or used. Usually not retriable: check STORYBOT_DATA. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }
}
