package org.storybot.cli;

import org.storybot.answer.Answer;
import org.storybot.answer.Citation;

/** Renders answers as plain text for a terminal. */
final class Rendering {
  private Rendering() {}

  static String plain(Answer a) {
    StringBuilder sb = new StringBuilder(a.text());
    if (!a.citations().isEmpty()) sb.append("\n\nSources:");
    for (Citation c : a.citations()) {
      sb.append("\n[")
          .append(c.n())
          .append("] \u201c")
          .append(c.sentence())
          .append("\u201d\n    ")
          .append(c.title());
      if (c.published() != null) sb.append(" (").append(c.published()).append(')');
      if (c.url() != null) sb.append("\n    ").append(c.url());
    }
    return sb.toString();
  }
}
