package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsTest {
  static Config config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("STORYBOT_HOME", "."));
    env.putAll(extra);
    return Config.from(env);
  }

  @Test
  void noneMeansExtractive() {
    assertThat(Models.chatModel(config(Map.of()))).isNull();
  }

  @Test
  void misconfigurationIsReportedByName() {
    assertThatThrownBy(() -> Models.chatModel(config(Map.of("STORYBOT_LLM", "gpt"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("STORYBOT_LLM");
    assertThatThrownBy(
            () ->
                Models.chatModel(
                    config(Map.of("STORYBOT_LLM", "openai", "STORYBOT_LLM_MODEL", "m"))))
        .hasMessageContaining("OPENAI_API_KEY");
    assertThatThrownBy(
            () ->
                Models.chatModel(
                    config(
                        Map.of(
                            "STORYBOT_LLM", "ollama",
                            "STORYBOT_LLM_MODEL", "m",
                            "OLLAMA_BASE_URL", "localhost:11434"))))
        .hasMessageContaining("OLLAMA_BASE_URL");
  }

  @Test
  void theStreamingClientIsBuiltFromTheSameSettings() {
    assertThat(Models.streamingChatModel(config(Map.of()))).isNull();
    Map<String, String> openAi =
        Map.of("STORYBOT_LLM", "openai", "STORYBOT_LLM_MODEL", "m", "OPENAI_API_KEY", "k");
    assertThat(Models.streamingChatModel(config(openAi))).isNotNull();
    assertThat(
            Models.streamingChatModel(
                config(Map.of("STORYBOT_LLM", "ollama", "STORYBOT_LLM_MODEL", "m"))))
        .isNotNull();
    assertThatThrownBy(
            () ->
                Models.streamingChatModel(
                    config(Map.of("STORYBOT_LLM", "openai", "STORYBOT_LLM_MODEL", "m"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OPENAI_API_KEY");
    assertThatThrownBy(
            () ->
                Models.streamingChatModel(
                    config(
                        Map.of(
                            "STORYBOT_LLM", "openai",
                            "STORYBOT_LLM_MODEL", "m",
                            "OPENAI_API_KEY", "sk-very-secret",
                            "OPENAI_BASE_URL", "nope"))))
        .hasMessageContaining("OPENAI_BASE_URL")
        .hasMessageNotContaining("sk-very-secret");
  }

  @Test
  void theKeyStaysOutOfMessagesAndToString() {
    Map<String, String> env =
        Map.of(
            "STORYBOT_LLM",
            "openai",
            "OPENAI_API_KEY",
            "sk-very-secret",
            "OPENAI_BASE_URL",
            "nope");
    assertThatThrownBy(() -> Models.chatModel(config(env)))
        .hasMessageNotContaining("sk-very-secret");
    assertThat(config(env).toString()).doesNotContain("sk-very-secret");
  }
}
