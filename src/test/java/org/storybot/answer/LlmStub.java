package org.storybot.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * An LLM server on 127.0.0.1 speaking the OpenAI chat-completions JSON ({@code POST
 * /v1/chat/completions}) and Ollama's ({@code POST /api/chat}). It answers with the reply set for
 * it (or an HTTP error, or silence past the client's timeout) and records requests. A request with
 * {@code "stream": true} gets the reply word by word, one every {@link #tokenMillis} — OpenAI's as
 * server-sent events ending in {@code data: [DONE]}, Ollama's as JSON lines ending in {@code
 * "done": true} — cut off (the connection closed without the end) after {@link #cutAfter} words, or
 * stalled for {@link #stallMillis} after {@link #stallAfter} words.
 */
public final class LlmStub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  public volatile String reply = "NOT_FOUND";

  /**
   * When set, composes each reply from the request body and its Authorization header (what a
   * compromised model server sees), instead of {@link #reply}.
   */
  public volatile BiFunction<JsonNode, String, String> replier;

  volatile int status = 200;
  volatile long delayMillis = 0;

  /** Streaming: the pause before each word, the words sent before a cut or a stall (-1: none). */
  public volatile long tokenMillis = 0;

  public volatile int cutAfter = -1;
  public volatile int stallAfter = -1;
  public volatile long stallMillis = 0;

  /** How many streams the client closed before their end (a write found the connection gone). */
  public final java.util.concurrent.atomic.AtomicInteger hungUp =
      new java.util.concurrent.atomic.AtomicInteger();

  private final ExecutorService threads = Executors.newCachedThreadPool();

  public LlmStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads); // streams to two chats at once run side by side
    server.createContext("/v1/chat/completions", ex -> respond(ex, true));
    server.createContext("/api/chat", ex -> respond(ex, false));
    server.start();
  }

  public String openAiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  String ollamaUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The system and user messages of the last request. */
  String message(String role) {
    for (JsonNode m : requests.getLast().get("messages")) {
      if (m.get("role").asText().equals(role)) return m.get("content").asText();
    }
    return null;
  }

  private void respond(com.sun.net.httpserver.HttpExchange ex, boolean openAi) throws IOException {
    try (ex) {
      JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
      requests.add(request);
      BiFunction<JsonNode, String, String> compose = replier;
      String reply =
          compose == null
              ? this.reply
              : compose.apply(request, ex.getRequestHeaders().getFirst("Authorization"));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (status == 200 && request.path("stream").asBoolean(false)) {
        stream(ex, reply, openAi);
        return;
      }
      String body;
      if (status != 200) {
        body = "{\"error\":{\"message\":\"server exploded\",\"type\":\"server_error\"}}";
      } else if (openAi) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "chatcmpl-1")
            .put("object", "chat.completion")
            .put("created", 1)
            .put("model", "stub-model");
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply);
        r.putObject("usage")
            .put("prompt_tokens", 10)
            .put("completion_tokens", 5)
            .put("total_tokens", 15);
        body = r.toString();
      } else {
        ObjectNode r = JSON.createObjectNode();
        r.put("model", "stub-model").put("created_at", "2026-11-24T00:00:00Z").put("done", true);
        r.put("done_reason", "stop");
        r.putObject("message").put("role", "assistant").put("content", reply);
        r.put("prompt_eval_count", 10).put("eval_count", 5);
        body = r.toString();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    } catch (IOException e) {
      // the client gave up (timeout): nothing to answer
    }
  }

  /** The reply in words (each with the spaces after it), paced, cut or stalled as set. */
  private void stream(com.sun.net.httpserver.HttpExchange ex, String reply, boolean openAi)
      throws IOException {
    ex.getResponseHeaders()
        .set("Content-Type", openAi ? "text/event-stream" : "application/x-ndjson");
    ex.sendResponseHeaders(200, 0);
    var out = ex.getResponseBody();
    String[] words = reply.split("(?<=\\s)");
    try {
      for (int i = 0; i < words.length; i++) {
        if (i == cutAfter) return; // closed without the end: a cut stream
        if (i == stallAfter) Thread.sleep(stallMillis);
        if (tokenMillis > 0) Thread.sleep(tokenMillis);
        try {
          out.write(event(openAi, words[i], false));
          out.flush();
        } catch (IOException e) {
          hungUp.incrementAndGet();
          return;
        }
      }
      out.write(event(openAi, "", true));
      if (openAi) out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] event(boolean openAi, String word, boolean last) {
    ObjectNode e = JSON.createObjectNode();
    if (openAi) {
      e.put("id", "chatcmpl-1")
          .put("object", "chat.completion.chunk")
          .put("created", 1)
          .put("model", "stub-model");
      ObjectNode choice = e.putArray("choices").addObject();
      choice.put("index", 0);
      if (last) choice.putObject("delta").put("content", "");
      else choice.putObject("delta").put("role", "assistant").put("content", word);
      if (last) choice.put("finish_reason", "stop");
      else choice.putNull("finish_reason");
      return ("data: " + e + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
    e.put("model", "stub-model").put("created_at", "2026-11-24T00:00:00Z");
    e.putObject("message").put("role", "assistant").put("content", word);
    e.put("done", last);
    if (last) e.put("done_reason", "stop").put("prompt_eval_count", 10).put("eval_count", 5);
    return (e + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
