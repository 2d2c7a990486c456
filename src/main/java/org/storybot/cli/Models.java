package org.storybot.cli;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URI;

/** Builds the chat model {@code STORYBOT_LLM} names, checking its settings at start-up. */
final class Models {
  private Models() {}

  /**
   * The configured model, or null for {@code none} (extractive answers).
   *
   * @throws ConfigException naming the setting at fault (never its secret value)
   */
  static ChatModel chatModel(Config c) {
    return switch (c.llm()) {
      case "none", "" -> null;
      case "openai" -> {
        String model = required(c.llmModel(), "STORYBOT_LLM_MODEL", "openai");
        String key = required(c.openAiApiKey(), "OPENAI_API_KEY", "openai");
        yield OpenAiChatModel.builder()
            .baseUrl(url(c.openAiBaseUrl(), "OPENAI_BASE_URL"))
            .apiKey(key)
            .modelName(model)
            .timeout(c.llmTimeout())
            .maxRetries(c.llmRetries())
            .build();
      }
      case "ollama" ->
          OllamaChatModel.builder()
              .baseUrl(url(c.ollamaBaseUrl(), "OLLAMA_BASE_URL"))
              .modelName(required(c.llmModel(), "STORYBOT_LLM_MODEL", "ollama"))
              .timeout(c.llmTimeout())
              .maxRetries(c.llmRetries())
              .build();
      default ->
          throw new ConfigException(
              "STORYBOT_LLM must be none, openai or ollama, not '" + c.llm() + "'");
    };
  }

  /**
   * The streaming client of the same model, or null for {@code none}: answers show as the model
   * writes them. No retries (a stream that fails half way is answered extractively); {@code
   * STORYBOT_LLM_TIMEOUT} bounds the wait for the server's first answer, and the answerer gives up
   * on a stream that sends nothing for as long.
   *
   * @throws ConfigException as {@link #chatModel}
   */
  static StreamingChatModel streamingChatModel(Config c) {
    return switch (c.llm()) {
      case "none", "" -> null;
      case "openai" ->
          OpenAiStreamingChatModel.builder()
              .baseUrl(url(c.openAiBaseUrl(), "OPENAI_BASE_URL"))
              .apiKey(required(c.openAiApiKey(), "OPENAI_API_KEY", "openai"))
              .modelName(required(c.llmModel(), "STORYBOT_LLM_MODEL", "openai"))
              .timeout(c.llmTimeout())
              .build();
      case "ollama" ->
          OllamaStreamingChatModel.builder()
              .baseUrl(url(c.ollamaBaseUrl(), "OLLAMA_BASE_URL"))
              .modelName(required(c.llmModel(), "STORYBOT_LLM_MODEL", "ollama"))
              .timeout(c.llmTimeout())
              .build();
      default ->
          throw new ConfigException(
              "STORYBOT_LLM must be none, openai or ollama, not '" + c.llm() + "'");
    };
  }

  private static String required(String value, String name, String provider) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(name + " is required when STORYBOT_LLM=" + provider);
    }
    return value.strip();
  }

  private static String url(String value, String name) {
    try {
      URI u = URI.create(value.strip());
      if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return value.strip();
    } catch (RuntimeException e) {
      throw new ConfigException(name + " is not a usable URL: '" + value + "'");
    }
  }
}
