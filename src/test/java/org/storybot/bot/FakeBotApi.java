package org.storybot.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A Telegram Bot API server on 127.0.0.1, faithful where TelegramBots depends on it: {@code
 * /bot{token}/{method}} with method names matched case-insensitively, JSON or form bodies, {@code
 * deleteWebhook} answering true, update ids from 1, dates in seconds, {@code getUpdates} honouring
 * {@code offset} and the long-poll {@code timeout}, and 429 / 403 / 500 answers on demand. After
 * {@code setWebhook} it posts each update to the webhook instead, in order, one at a time, with the
 * {@code X-Telegram-Bot-Api-Secret-Token} header, retrying until the webhook answers 2xx; {@code
 * getUpdates} then answers 409, as Telegram does. {@code editMessageText} answers the edited
 * message. It records every call with the time it arrived.
 */
public final class FakeBotApi implements AutoCloseable {
  /**
   * One call the bot made, and when it arrived: {@code at} by the clock, {@code atNanos} by {@link
   * System#nanoTime()} (for spacing).
   */
  public record Call(String method, JsonNode params, Instant at, long atNanos) {
    public long chatId() {
      return params.path("chat_id").asLong();
    }

    public String text() {
      return params.path("text").asText();
    }

    /** The message an edit changes. */
    public int messageId() {
      return params.path("message_id").asInt();
    }

    /** Whether the text is Telegram HTML (a draft edit is plain). */
    public boolean html() {
      return params.path("parse_mode").asText().equals("HTML");
    }
  }

  public static final String TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghij";
  public static final long BOT_ID = 123456789;
  public static final String USERNAME = "StoryTestBot";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<ObjectNode> updates = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<Long, List<Integer>> sentIds = new java.util.HashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Failure>> failures = new ConcurrentHashMap<>();
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private volatile CountDownLatch hold;
  private volatile Predicate<Call> holdIf = c -> false;
  private final String token;
  private final long botId;
  private int nextUpdate;
  private int nextMessage;
  private volatile String webhookUrl;
  private volatile String webhookSecret;
  private int delivered; // updates before this index have been posted to the webhook
  private final List<Integer> webhookStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Thread deliverer;

  record Failure(int code, String description, Integer retryAfter) {}

  public FakeBotApi() throws IOException {
    this(TOKEN, 1, 1000);
  }

  /**
   * A Bot API server for the bot with {@code token} (its id is the token's number), whose update
   * ids start at {@code firstUpdate} and message ids at {@code firstMessage}: Telegram restarts
   * update ids after a week without updates, and another bot has its own sequences.
   */
  public FakeBotApi(String token, int firstUpdate, int firstMessage) throws IOException {
    this.token = token;
    this.botId = Long.parseLong(token.substring(0, token.indexOf(':')));
    this.nextUpdate = firstUpdate;
    this.nextMessage = firstMessage;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    deliverer = new Thread(this::deliver, "fake-bot-api-webhook");
    deliverer.setDaemon(true);
    deliverer.start();
  }

  public String token() {
    return token;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code html} at {@code path} (for articles added by URL). */
  public String page(String path, String html) {
    pages.put(path, html);
    return url() + path;
  }

  // ---- updates the "users" send ----

  public synchronized int message(long chatId, String chatType, long userId, String text) {
    ObjectNode m = messageNode(chatId, chatType, userId);
    m.put("text", text);
    return push("message", m);
  }

  public synchronized int replyToBot(long chatId, long userId, String text, int botMessageId) {
    ObjectNode m = messageNode(chatId, "group", userId);
    m.put("text", text);
    ObjectNode to = messageNode(chatId, "group", botId);
    to.put("message_id", botMessageId);
    ((ObjectNode) to.get("from")).put("is_bot", true).put("username", USERNAME);
    to.put("text", "an earlier answer");
    m.set("reply_to_message", to);
    return push("message", m);
  }

  public synchronized int photo(long chatId, String chatType, long userId) {
    ObjectNode m = messageNode(chatId, chatType, userId);
    ObjectNode size = m.putArray("photo").addObject();
    size.put("file_id", "f1").put("file_unique_id", "u1").put("width", 10).put("height", 10);
    return push("message", m);
  }

  public synchronized int edited(long chatId, long userId, String text) {
    ObjectNode m = messageNode(chatId, "private", userId);
    m.put("text", text).put("edit_date", Instant.now().getEpochSecond());
    return push("edited_message", m);
  }

  public synchronized int inline(long userId, String query) {
    ObjectNode q = JSON.createObjectNode();
    q.put("id", "iq" + nextUpdate).put("query", query).put("offset", "");
    q.set("from", user(userId));
    return push("inline_query", q);
  }

  private ObjectNode messageNode(long chatId, String chatType, long userId) {
    ObjectNode m = JSON.createObjectNode();
    m.put("message_id", nextMessage++);
    m.put("date", Instant.now().getEpochSecond());
    ObjectNode chat = m.putObject("chat");
    chat.put("id", chatId).put("type", chatType);
    if (chatType.equals("private")) chat.put("first_name", "Reader");
    else chat.put("title", "Readers' group");
    m.set("from", user(userId));
    return m;
  }

  private static ObjectNode user(long id) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", id).put("is_bot", false).put("first_name", "Reader" + id);
    return u;
  }

  private int push(String kind, ObjectNode payload) {
    ObjectNode u = JSON.createObjectNode();
    int id = nextUpdate++;
    u.put("update_id", id);
    u.set(kind, payload);
    updates.add(u);
    notifyAll();
    return payload.path("message_id").asInt(id);
  }

  // ---- webhook delivery ----

  /** Posts each update to the webhook in order, retrying one until it is accepted. */
  private void deliver() {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    while (!Thread.currentThread().isInterrupted()) {
      ObjectNode next;
      String url;
      String secret;
      synchronized (this) {
        while (webhookUrl == null || delivered >= updates.size()) {
          try {
            wait(100);
          } catch (InterruptedException e) {
            return;
          }
        }
        next = updates.get(delivered);
        url = webhookUrl;
        secret = webhookSecret;
      }
      int status = post(http, url, secret, next.toString());
      webhookStatuses.add(status);
      if (status / 100 == 2) {
        synchronized (this) {
          delivered++;
          notifyAll();
        }
      } else {
        try {
          Thread.sleep(200); // Telegram retries a failing webhook later
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Posts {@code body} to {@code url} as Telegram posts an update; the HTTP status, or -1. */
  public static int post(java.net.http.HttpClient http, String url, String secret, String body) {
    try {
      var request =
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json");
      if (secret != null) request.header("X-Telegram-Bot-Api-Secret-Token", secret);
      return http.send(
              request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
              java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException | IllegalArgumentException e) {
      return -1; // no server there, or not a URL
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The webhook {@code setWebhook} set, or null. */
  public String webhookUrl() {
    return webhookUrl;
  }

  /** The HTTP status of every webhook delivery so far, in order (-1: no answer). */
  public List<Integer> webhookStatuses() {
    return List.copyOf(webhookStatuses);
  }

  /** The JSON of the update with {@code updateId}, as it was delivered. */
  public synchronized String update(int updateId) {
    for (ObjectNode u : updates) if (u.get("update_id").asInt() == updateId) return u.toString();
    throw new IllegalArgumentException("no update " + updateId);
  }

  /** The id of the newest update. */
  public synchronized int lastUpdateId() {
    return nextUpdate - 1;
  }

  // ---- faults on demand ----

  /** The next call of {@code method} answers {@code code} (429 with {@code retryAfter} s). */
  public void failNext(String method, int code, Integer retryAfter) {
    String d =
        switch (code) {
          case 429 -> "Too Many Requests: retry after " + retryAfter;
          case 403 -> "Forbidden: bot was blocked by the user";
          default -> "Internal Server Error";
        };
    failures
        .computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ConcurrentLinkedQueue<>())
        .add(new Failure(code, d, retryAfter));
  }

  /** Calls matching {@code which} hang (answer nothing) until {@link #release()}. */
  public void holdCalls(Predicate<Call> which) {
    hold = new CountDownLatch(1);
    holdIf = which;
  }

  public void release() {
    holdIf = c -> false;
    if (hold != null) hold.countDown();
  }

  // ---- what the bot sent ----

  public synchronized List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
  }

  public List<Call> sent(long chatId) {
    return calls("sendMessage").stream().filter(c -> c.chatId() == chatId).toList();
  }

  /**
   * The most of {@code calls} that arrived within any one second (a window starting at each
   * arrival, by {@link Call#atNanos}): what Telegram's 30 a second is measured against.
   */
  public static int busiestSecond(List<Call> calls) {
    long[] at = calls.stream().mapToLong(Call::atNanos).sorted().toArray();
    int most = 0;
    for (int i = 0, j = 0; i < at.length; i++) {
      while (j < at.length && at[j] - at[i] < 1_000_000_000L) j++;
      most = Math.max(most, j - i);
    }
    return most;
  }

  /** Every {@code editMessageText} to {@code chatId}, in the order they arrived. */
  public List<Call> edits(long chatId) {
    return calls("editMessageText").stream().filter(c -> c.chatId() == chatId).toList();
  }

  /**
   * Waits (up to a minute) for the final edit of a streamed answer in {@code chatId}: the first
   * edit in HTML (drafts are plain text) to message {@code messageId}.
   */
  public Call awaitFinalEdit(long chatId, int messageId) throws InterruptedException {
    return await(
            () ->
                edits(chatId).stream().filter(c -> c.html() && c.messageId() == messageId).toList(),
            1)
        .getFirst();
  }

  /** The id the fake gave the {@code n}th (from 0) message sent to {@code chatId}. */
  public synchronized int messageIdOf(long chatId, int n) {
    return sentIds.get(chatId).get(n);
  }

  /** Waits (up to a minute) until {@code chatId} has been sent at least {@code n} messages. */
  public List<Call> awaitSent(long chatId, int n) throws InterruptedException {
    return await(() -> sent(chatId), n);
  }

  public List<Call> await(java.util.function.Supplier<List<Call>> what, int n)
      throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(end)) {
      List<Call> got = what.get();
      if (got.size() >= n) return got;
      synchronized (this) {
        wait(50);
      }
    }
    throw new AssertionError("timed out waiting for " + n + " call(s); got " + what.get());
  }

  // ---- the HTTP side ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String page = pages.get(path);
      if (page != null) {
        reply(ex, 200, "text/html; charset=utf-8", page);
        return;
      }
      String prefix = "/bot" + token + "/";
      if (!path.startsWith(prefix)) {
        reply(
            ex,
            404,
            "application/json",
            "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        return;
      }
      String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
      JsonNode params = params(ex);
      Call call = new Call(method, params, Instant.now(), System.nanoTime());
      if (holdIf.test(call)) {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return; // the connection closes without an answer
      }
      if (method.equals("getupdates") && webhookUrl != null) {
        reply(
            ex,
            409,
            "application/json",
            "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: can't use getUpdates"
                + " method while webhook is active; use deleteWebhook to delete the webhook"
                + " first\"}");
        return;
      }
      Failure f = method.equals("getupdates") ? null : poll(method);
      if (f != null) {
        synchronized (this) {
          calls.add(call);
        }
        ObjectNode err = JSON.createObjectNode();
        err.put("ok", false).put("error_code", f.code()).put("description", f.description());
        if (f.retryAfter() != null) err.putObject("parameters").put("retry_after", f.retryAfter());
        reply(ex, f.code(), "application/json", err.toString());
        return;
      }
      JsonNode result = method.equals("getupdates") ? getUpdates(params) : answer(call);
      ObjectNode ok = JSON.createObjectNode();
      ok.put("ok", true);
      ok.set("result", result);
      reply(ex, 200, "application/json", ok.toString());
    }
  }

  private Failure poll(String method) {
    ConcurrentLinkedQueue<Failure> q = failures.get(method);
    return q == null ? null : q.poll();
  }

  private synchronized JsonNode answer(Call call) {
    calls.add(call);
    notifyAll();
    JsonNode p = call.params();
    return switch (call.method()) {
      case "getme" -> {
        ObjectNode me = JSON.createObjectNode();
        me.put("id", botId)
            .put("is_bot", true)
            .put("first_name", "Storybot")
            .put("username", USERNAME);
        me.put("can_join_groups", true).put("supports_inline_queries", true);
        yield me;
      }
      case "sendmessage" -> {
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", nextMessage++).put("date", Instant.now().getEpochSecond());
        long chatId = p.path("chat_id").asLong();
        sentIds.computeIfAbsent(chatId, k -> new ArrayList<>()).add(nextMessage - 1);
        m.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "group" : "private");
        m.putObject("from").put("id", botId).put("is_bot", true).put("first_name", "Storybot");
        m.put("text", p.path("text").asText());
        yield m;
      }
      case "editmessagetext" -> {
        ObjectNode m = JSON.createObjectNode();
        m.put("message_id", p.path("message_id").asInt())
            .put("date", Instant.now().getEpochSecond());
        long chatId = p.path("chat_id").asLong();
        m.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "group" : "private");
        m.putObject("from").put("id", botId).put("is_bot", true).put("first_name", "Storybot");
        m.put("text", p.path("text").asText());
        m.put("edit_date", Instant.now().getEpochSecond());
        yield m;
      }
      case "getchatmember" -> {
        ObjectNode member = JSON.createObjectNode();
        long user = p.path("user_id").asLong();
        member.put("status", user == ADMIN ? "creator" : "member");
        member.set("user", user(user));
        member.put("is_anonymous", false);
        yield member;
      }
      case "setwebhook" -> {
        webhookSecret = p.path("secret_token").asText(null);
        webhookUrl = p.path("url").asText();
        yield JSON.getNodeFactory().booleanNode(true);
      }
      case "deletewebhook" -> {
        webhookUrl = null;
        yield JSON.getNodeFactory().booleanNode(true);
      }
      default -> JSON.getNodeFactory().booleanNode(true); // setMyCommands, ...
    };
  }

  /** The user the fake reports as the creator of every group. */
  public static final long ADMIN = 4242;

  private JsonNode getUpdates(JsonNode p) {
    long offset = p.path("offset").asLong(0);
    long timeout = Math.min(p.path("timeout").asLong(0), 50);
    Instant end = Instant.now().plusSeconds(timeout);
    synchronized (this) {
      while (true) {
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode u : updates) if (u.get("update_id").asLong() >= offset) out.add(u);
        long left = Duration.between(Instant.now(), end).toMillis();
        if (!out.isEmpty() || left <= 0) return out;
        try {
          wait(Math.min(left, 200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return out;
        }
      }
    }
  }

  private static JsonNode params(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
    if (type.contains("json") && !body.isBlank()) return JSON.readTree(body);
    ObjectNode n = JSON.createObjectNode();
    if (type.startsWith("multipart/form-data")) {
      // setWebhook and file uploads: one part per parameter, its name in Content-Disposition
      String boundary = "--" + type.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
      for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
        int blank = part.indexOf("\r\n\r\n");
        var name = java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(part);
        if (blank < 0 || !name.find() || name.start() > blank) continue;
        String value = part.substring(blank + 4);
        if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
        n.put(name.group(1), value);
      }
      return n;
    }
    String query = type.contains("form") ? body : ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          n.put(
              URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return n;
  }

  private static void reply(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    release();
    deliverer.interrupt();
    synchronized (this) {
      notifyAll();
    }
    server.stop(0);
  }
}
