package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalDraftsTest {
  final StringWriter text = new StringWriter();
  final TerminalDrafts drafts = new TerminalDrafts(new PrintWriter(text));

  @Test
  void printsEachCheckedSentenceOnceThenTheRestOfTheAnswer() {
    drafts.show("");
    assertThat(text.toString()).isEmpty();
    drafts.show("Kirby said no [1].");
    drafts.show("Kirby said no [1].");
    assertThat(text.toString()).isEqualTo("Kirby said no [1].");
    drafts.show("Kirby said no [1]. Austin called [2].");
    drafts.finish("Kirby said no [1]. Austin called [2]. Biden spoke [1].\n\nSources:\n[1] ...");
    assertThat(text.toString())
        .isEqualTo("Kirby said no [1]. Austin called [2]. Biden spoke [1].\n\nSources:\n[1] ...\n");
  }

  @Test
  void anAnswerThatDoesNotGoOnFromTheDraftIsPrintedWholeBelowIt() {
    drafts.show("Kirby said no [1].");
    drafts.finish("Austin called Gallant [1].\n\nSources:\n[1] ...");
    assertThat(text.toString())
        .isEqualTo("Kirby said no [1].\n\nAustin called Gallant [1].\n\nSources:\n[1] ...\n");
  }

  @Test
  void anAnswerThatWasNotStreamedIsPrintedAsBefore() {
    drafts.finish("The articles I have don't say.");
    assertThat(text.toString()).isEqualTo("The articles I have don't say.\n");
  }

  @Test
  void escapeSequencesNeverReachTheTerminal() {
    drafts.show("Kirby\u001b[2J said no [1].");
    assertThat(text.toString()).isEqualTo("Kirby[2J said no [1].");
  }
}
