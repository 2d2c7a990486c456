package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.answer.LlmStub;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.article.Sentence;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.SharedRanker;
import org.storybot.subscription.DigestWriter;

/** The composition root's digest writer: the real OpenAI client against a stub on 127.0.0.1. */
class DigestWriterIT {
  @Test
  void theModelsCitationsPointBackAtTheNewSentencesItWasGiven(@TempDir Path home) throws Exception {
    try (LlmStub llm = new LlmStub()) {
      Map<String, String> env =
          Map.of(
              "STORYBOT_HOME", home.toString(),
              "STORYBOT_ARTICLES", Path.of("index/articles").toAbsolutePath().toString(),
              "STORYBOT_INDEX", home.resolve("lucene").toString(),
              "STORYBOT_DATA", home.resolve("data").toString(),
              "STORYBOT_LLM", "openai",
              "STORYBOT_LLM_MODEL", "stub-model",
              "OPENAI_BASE_URL", llm.openAiUrl(),
              "OPENAI_API_KEY", "sk-test-secret",
              "STORYBOT_LLM_RETRIES", "0",
              "STORYBOT_PROMPTS", Path.of("prompts").toAbsolutePath().toString());
      try (Storybot storybot =
          new Storybot(Config.from(env), m -> {}, SharedEmbedder.get(), SharedRanker.get())) {
        Article article =
            Articles.read(Path.of("src/test/resources/subscription/001-israel-weighs-response.md"));
        List<Sentence> facts = article.sentences().subList(1, 4);
        llm.reply = "Halevi vowed a response [2]. The cabinet met on Monday [1]. Oil fell [5].";

        DigestWriter.Written written = storybot.digestWriter().write(article, facts).orElseThrow();

        assertThat(written.text())
            .isEqualTo("Halevi vowed a response [1]. The cabinet met on Monday [2].");
        assertThat(written.sources()).containsExactly(facts.get(1), facts.get(0));
        assertThat(llm.requests.getLast().toString())
            .contains(facts.get(2).text().substring(0, 30));

        llm.reply = "NOT_FOUND";
        assertThat(storybot.digestWriter().write(article, facts)).isEmpty();
      }
    }
  }
}
