package org.storybot.cli;

import java.io.Console;
import java.io.PrintWriter;
import org.storybot.answer.Drafts;

/**
 * A streamed answer on a terminal: the checked sentences are printed as the model finishes them,
 * then the rest of the final answer and its sources. When the final answer does not go on from what
 * was printed (the stream failed and the answer is the extractive one), it is printed whole after a
 * blank line. Not thread-safe: the thread answering owns it.
 */
final class TerminalDrafts implements Drafts {
  private final PrintWriter out;
  private String printed = "";

  TerminalDrafts(PrintWriter out) {
    this.out = out;
  }

  /**
   * Whether standard output is a terminal a person reads: only then are answers streamed. Since JDK
   * 22 {@link System#console()} is there even when output is redirected, and {@code
   * Console.isTerminal()} (JDK 22, looked up so the code still runs on 21) tells the two apart.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console is only there for a terminal
    }
  }

  @Override
  public void show(String checkedSoFar) {
    if (checkedSoFar.length() <= printed.length() || !checkedSoFar.startsWith(printed)) return;
    out.print(plain(checkedSoFar.substring(printed.length())));
    out.flush();
    printed = checkedSoFar;
  }

  /**
   * Prints what {@code answer} (the whole rendered answer) adds to what was shown, and a newline.
   */
  void finish(String answer) {
    if (answer.startsWith(printed)) out.println(plain(answer.substring(printed.length())));
    else out.println("\n\n" + plain(answer));
    out.flush();
  }

  /** No escape sequences from a model or an article reach the terminal. */
  private static String plain(String text) {
    return text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "");
  }
}
