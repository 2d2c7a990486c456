package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveReplyTest {
  @Test
  void aDraftIsPlainTextMarkedAsUnfinished() {
    assertThat(LiveReply.draft("Kirby said no [1]. <b>Austin</b> called [2]."))
        .isEqualTo("Kirby said no [1]. <b>Austin</b> called [2]. \u2026");
    assertThat(LiveReply.draft("Kirby\u0000 said\u001b[31m no [1]."))
        .isEqualTo("Kirby said[31m no [1]. \u2026");
  }

  @Test
  void aDraftLongerThanAMessageShowsItsBeginningCutAtASpace() {
    String text = "The war is not wanted [1]. ".repeat(300).strip();
    String draft = LiveReply.draft(text);
    assertThat(draft.length()).isLessThanOrEqualTo(Html.LIMIT).isGreaterThan(Html.LIMIT - 20);
    String shown = draft.substring(0, draft.length() - LiveReply.STILL_WRITING.length());
    assertThat(text).startsWith(shown);
    assertThat(text.charAt(shown.length())).isEqualTo(' ');
  }
}
