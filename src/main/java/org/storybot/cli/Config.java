package org.storybot.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.storybot.bot.Webhook;
import org.storybot.store.Database;

/**
 * Every setting of Storybot, from (highest first) command-line flags, environment variables, an
 * optional {@code storybot.properties} file in the home folder (same keys as the variables), and
 * defaults. Relative paths resolve against {@code STORYBOT_HOME} (the launcher sets it to the
 * project folder). {@link #toString()} never shows the token or the API key.
 *
 * @param telegramToken secret: never logged
 * @param openAiApiKey secret: never logged
 * @param models the ranking models to use ({@code STORYBOT_MODELS}, a folder {@code storybot train}
 *     wrote), or {@code null} for the ones shipped in the jar
 * @param allowPrivateUrls whether ingestion may fetch loopback, private and link-local addresses
 *     ({@code STORYBOT_ALLOW_PRIVATE_URLS}, default false)
 * @param databaseUrl a shared PostgreSQL database ({@code STORYBOT_DATABASE_URL}, {@code
 *     jdbc:postgresql://…}), or null for SQLite under {@code data}
 * @param databaseUser its user ({@code STORYBOT_DATABASE_USER}), or null when the URL has it
 * @param databasePassword secret: never logged ({@code STORYBOT_DATABASE_PASSWORD})
 * @param webhook webhook mode ({@code STORYBOT_WEBHOOK_URL}, {@code STORYBOT_WEBHOOK_LISTEN},
 *     {@code STORYBOT_WEBHOOK_SECRET}), or null for long polling; its secret is never shown
 */
public record Config(
    Path home,
    Path articles,
    Path index,
    Path data,
    Path prompts,
    Path models,
    String llm,
    String llmModel,
    String openAiBaseUrl,
    String openAiApiKey,
    String ollamaBaseUrl,
    Duration llmTimeout,
    int llmRetries,
    String telegramToken,
    String telegramApiUrl,
    List<String> feeds,
    Duration feedInterval,
    Set<Long> admins,
    int questionsPerMinute,
    boolean allowPrivateUrls,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    Webhook.Settings webhook) {

  public Config {
    feeds = List.copyOf(feeds);
    admins = Set.copyOf(admins);
  }

  /** Reads the settings from {@code env} (and the properties file it points at, if any). */
  public static Config from(Map<String, String> env) {
    Map<String, String> v = new LinkedHashMap<>();
    Path home = Path.of(env.getOrDefault("STORYBOT_HOME", ".")).toAbsolutePath().normalize();
    Path file = home.resolve("storybot.properties");
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read " + file + ": " + e.getMessage());
      }
      p.stringPropertyNames().forEach(k -> v.put(k, p.getProperty(k).strip()));
    }
    env.forEach((k, val) -> v.put(k, val));
    return new Config(
        home,
        path(home, v, "STORYBOT_ARTICLES", "index/articles"),
        path(home, v, "STORYBOT_INDEX", "index/lucene"),
        path(home, v, "STORYBOT_DATA", "data"),
        path(home, v, "STORYBOT_PROMPTS", "prompts"),
        get(v, "STORYBOT_MODELS", null) == null ? null : path(home, v, "STORYBOT_MODELS", null),
        get(v, "STORYBOT_LLM", "none").toLowerCase(Locale.ROOT),
        get(v, "STORYBOT_LLM_MODEL", null),
        get(v, "OPENAI_BASE_URL", "https://api.openai.com/v1"),
        get(v, "OPENAI_API_KEY", null),
        get(v, "OLLAMA_BASE_URL", "http://localhost:11434"),
        duration(v, "STORYBOT_LLM_TIMEOUT", "PT30S"),
        integer(v, "STORYBOT_LLM_RETRIES", 2),
        get(v, "TELEGRAM_BOT_TOKEN", null),
        get(v, "TELEGRAM_API_URL", "https://api.telegram.org"),
        Arrays.stream(get(v, "STORYBOT_FEEDS", "").split("[,\\s]+"))
            .filter(s -> !s.isBlank())
            .toList(),
        duration(v, "STORYBOT_FEED_INTERVAL", "PT15M"),
        Arrays.stream(get(v, "STORYBOT_ADMINS", "").split("[,\\s]+"))
            .filter(s -> !s.isBlank())
            .map(s -> parseLong("STORYBOT_ADMINS", s))
            .collect(Collectors.toSet()),
        integer(v, "STORYBOT_QUESTIONS_PER_MINUTE", 20),
        bool(v, "STORYBOT_ALLOW_PRIVATE_URLS", false),
        get(v, "STORYBOT_DATABASE_URL", null),
        get(v, "STORYBOT_DATABASE_USER", null),
        get(v, "STORYBOT_DATABASE_PASSWORD", null),
        webhook(v));
  }

  /** This configuration with other article and index folders (command-line flags). */
  public Config withPaths(Path articles, Path index) {
    return new Config(
        home,
        articles == null ? this.articles : articles.toAbsolutePath().normalize(),
        index == null ? this.index : index.toAbsolutePath().normalize(),
        data,
        prompts,
        models,
        llm,
        llmModel,
        openAiBaseUrl,
        openAiApiKey,
        ollamaBaseUrl,
        llmTimeout,
        llmRetries,
        telegramToken,
        telegramApiUrl,
        feeds,
        feedInterval,
        admins,
        questionsPerMinute,
        allowPrivateUrls,
        databaseUrl,
        databaseUser,
        databasePassword,
        webhook);
  }

  /** Webhook mode when {@code STORYBOT_WEBHOOK_URL} is set; the secret is then required. */
  private static Webhook.Settings webhook(Map<String, String> v) {
    String url = get(v, "STORYBOT_WEBHOOK_URL", null);
    if (url == null) return null;
    String secret = get(v, "STORYBOT_WEBHOOK_SECRET", null);
    if (secret == null) {
      throw new ConfigException(
          "STORYBOT_WEBHOOK_SECRET is required with STORYBOT_WEBHOOK_URL: 1 to 256 characters of"
              + " A-Z, a-z, 0-9, _ and -, which Telegram then sends with every update");
    }
    String listen = get(v, "STORYBOT_WEBHOOK_LISTEN", "0.0.0.0:8443");
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      port = -1;
    }
    if (colon <= 0 || port < 0 || port > 65535) {
      throw new ConfigException(
          "STORYBOT_WEBHOOK_LISTEN must be host:port (e.g. 0.0.0.0:8443), got '" + listen + "'");
    }
    try {
      return new Webhook.Settings(URI.create(url), listen.substring(0, colon), port, secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("webhook: " + e.getMessage());
    }
  }

  private static String get(Map<String, String> v, String key, String dflt) {
    String s = v.get(key);
    return s == null || s.isBlank() ? dflt : s.strip();
  }

  private static Path path(Path home, Map<String, String> v, String key, String dflt) {
    return home.resolve(get(v, key, dflt)).normalize();
  }

  private static int integer(Map<String, String> v, String key, int dflt) {
    String s = get(v, key, null);
    if (s == null) return dflt;
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, got '" + s + "'");
    }
  }

  private static boolean bool(Map<String, String> v, String key, boolean dflt) {
    String s = get(v, key, null);
    if (s == null) return dflt;
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(key + " must be true or false, got '" + s + "'");
    };
  }

  private static long parseLong(String key, String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must list numeric Telegram user ids, got '" + s + "'");
    }
  }

  /**
   * Accepts ISO-8601 ({@code PT15M}) or a number with a unit: {@code 90s}, {@code 15m}, {@code 1h}.
   */
  private static Duration duration(Map<String, String> v, String key, String dflt) {
    String s = get(v, key, dflt).toUpperCase(Locale.ROOT);
    try {
      if (s.matches("\\d+(MS|S|M|H)")) {
        String unit = s.replaceAll("\\d", "");
        long n = Long.parseLong(s.substring(0, s.length() - unit.length()));
        return switch (unit) {
          case "MS" -> Duration.ofMillis(n);
          case "S" -> Duration.ofSeconds(n);
          case "M" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          key + " must be a duration such as 90s, 15m or PT15M, got '" + s + "'");
    }
  }

  @Override
  public String toString() {
    return "Config[home="
        + home
        + ", articles="
        + articles
        + ", index="
        + index
        + ", data="
        + data
        + ", prompts="
        + prompts
        + (models == null ? "" : ", models=" + models)
        + ", llm="
        + llm
        + ", llmModel="
        + llmModel
        + ", openAiBaseUrl="
        + openAiBaseUrl
        + ", openAiApiKey="
        + redact(openAiApiKey)
        + ", ollamaBaseUrl="
        + ollamaBaseUrl
        + ", llmTimeout="
        + llmTimeout
        + ", llmRetries="
        + llmRetries
        + ", telegramToken="
        + redact(telegramToken)
        + ", telegramApiUrl="
        + telegramApiUrl
        + ", feeds="
        + feeds
        + ", feedInterval="
        + feedInterval
        + ", admins="
        + admins
        + ", questionsPerMinute="
        + questionsPerMinute
        + ", allowPrivateUrls="
        + allowPrivateUrls
        + (databaseUrl == null
            ? ""
            : ", database="
                + Database.withoutCredentials(databaseUrl)
                + ", databasePassword="
                + redact(databasePassword))
        + (webhook == null ? "" : ", webhook=" + webhook)
        + "]";
  }

  private static String redact(String secret) {
    return secret == null ? "unset" : "***";
  }
}
