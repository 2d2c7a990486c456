package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  static Map<String, String> webhook(String url, String listen, String secret) {
    Map<String, String> env = new HashMap<>();
    env.put("STORYBOT_HOME", "/tmp/storybot-config-test");
    if (url != null) env.put("STORYBOT_WEBHOOK_URL", url);
    if (listen != null) env.put("STORYBOT_WEBHOOK_LISTEN", listen);
    if (secret != null) env.put("STORYBOT_WEBHOOK_SECRET", secret);
    return env;
  }

  @Test
  void withoutAWebhookUrlTheBotPolls() {
    assertThat(Config.from(webhook(null, null, "ignored")).webhook()).isNull();
  }

  @Test
  void aWebhookListensOn8443ByDefaultAndNeverShowsItsSecret() {
    Config c = Config.from(webhook("https://bot.example.com/tg/updates", null, "Abc_123-x"));
    assertThat(c.webhook().host()).isEqualTo("0.0.0.0");
    assertThat(c.webhook().port()).isEqualTo(8443);
    assertThat(c.webhook().path()).isEqualTo("/tg/updates");
    assertThat(c.toString())
        .contains("https://bot.example.com/tg/updates")
        .doesNotContain("Abc_123-x");
  }

  @Test
  void theDatabaseUrlIsShownWithoutItsCredentials() {
    Map<String, String> env = webhook(null, null, null);
    env.put(
        "STORYBOT_DATABASE_URL", "jdbc:postgresql://bob:hunter2@db.example/story?password=hunter2");
    env.put("STORYBOT_DATABASE_PASSWORD", "hunter3");
    assertThat(Config.from(env).toString())
        .contains("database=jdbc:postgresql://db.example/story")
        .doesNotContain("hunter2", "hunter3", "bob");
  }

  @Test
  void aBadWebhookSettingIsAClearErrorThatNamesTheVariable() {
    assertThatThrownBy(() -> Config.from(webhook("https://bot.example.com/", null, null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("STORYBOT_WEBHOOK_SECRET is required");
    assertThatThrownBy(() -> Config.from(webhook("https://bot.example.com/", null, "no spaces!")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("1 to 256 characters")
        .hasMessageNotContaining("no spaces!");
    assertThatThrownBy(
            () -> Config.from(webhook("https://bot.example.com/", null, "x".repeat(257))))
        .hasMessageContaining("1 to 256 characters");
    assertThatThrownBy(() -> Config.from(webhook("http://bot.example.com/", null, "s")))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> Config.from(webhook("https://bot.example.com/", "8443", "s")))
        .hasMessageContaining("STORYBOT_WEBHOOK_LISTEN must be host:port");
    assertThatThrownBy(() -> Config.from(webhook("https://bot.example.com/", "h:99999", "s")))
        .hasMessageContaining("STORYBOT_WEBHOOK_LISTEN");
  }
}
