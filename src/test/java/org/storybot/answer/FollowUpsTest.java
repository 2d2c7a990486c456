package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FollowUpsTest {
  @Test
  void namesAreCapitalisedRunsWithoutQuestionWords() {
    assertThat(FollowUps.names("What did Lloyd Austin tell Yoav Gallant about the IRGC's threat?"))
        .containsExactly("Lloyd Austin", "Yoav Gallant", "IRGC");
  }

  @Test
  void shortOrPronounQuestionsAreFollowUps() {
    assertThat(FollowUps.looksLikeFollowUp("and Austin?")).isTrue();
    assertThat(FollowUps.looksLikeFollowUp("What did he say after that call with the press?"))
        .isTrue();
    assertThat(FollowUps.looksLikeFollowUp("Is the US looking for a wider war with Iran?"))
        .isFalse();
  }
}
