package org.storybot.answer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM prompt templates, read from a folder ({@code prompts/}) at start-up so that editing one
 * changes behaviour without a rebuild. Placeholders are {@code {{name}}}.
 */
public record Prompts(String answerSystem, String answerUser, String rewrite, String digest) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z]+)\\s*}}");

  /** A template is missing, unreadable or has the wrong placeholders. */
  public static final class PromptException extends RuntimeException {
    PromptException(Path file, String problem) {
      super("prompt template " + file + ": " + problem);
    }
  }

  /**
   * Reads and checks the four templates in {@code dir}.
   *
   * @throws PromptException naming the file at fault
   */
  public static Prompts load(Path dir) {
    return new Prompts(
        read(dir.resolve("answer-system.txt"), Set.of()),
        read(dir.resolve("answer-user.txt"), Set.of("question", "sources")),
        read(dir.resolve("rewrite.txt"), Set.of("history", "question")),
        read(dir.resolve("digest.txt"), Set.of("title", "sources")));
  }

  private static String read(Path file, Set<String> placeholders) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PromptException(file, "cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    if (text.isBlank()) throw new PromptException(file, "it is empty");
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) found.add(m.group(1));
    Set<String> unknown = new TreeSet<>(found);
    unknown.removeAll(placeholders);
    if (!unknown.isEmpty()) {
      throw new PromptException(
          file, "unknown placeholder(s) " + unknown + "; allowed: " + placeholders);
    }
    Set<String> missing = new TreeSet<>(placeholders);
    missing.removeAll(found);
    if (!missing.isEmpty()) throw new PromptException(file, "missing placeholder(s) " + missing);
    return text;
  }

  /** {@code template} with each {@code {{name}}} replaced by its value. */
  static String fill(String template, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
  }
}
