package org.storybot.bot;

/** The bot token: kept out of every log line, message and {@code toString()}. */
record Secret(String value) {
  /** {@code text} with the token (and its numeric bot id part) replaced by {@code <token>}. */
  String redact(String text) {
    if (text == null || value == null || value.isEmpty()) return text;
    return text.replace(value, "<token>");
  }

  @Override
  public String toString() {
    return "Secret[<redacted>]";
  }
}
