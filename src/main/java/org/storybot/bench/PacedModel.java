package org.storybot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in LLM on 127.0.0.1 for timing the answer path: an OpenAI-compatible {@code POST
 * /v1/chat/completions} that answers by quoting the first {@link #QUOTED} numbered sources it was
 * given, each cited, writing one word every {@code pace} — streamed as server-sent events, or (not
 * streamed) after as long as writing them all takes. The figures it yields are the answer path's
 * own costs plus a model of known speed, not a real model's. Owns its threads; close it.
 */
final class PacedModel implements AutoCloseable {
  static final int QUOTED = 3;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SOURCE = Pattern.compile("(?m)^\\[(\\d+)] (.*) \\(from \"");
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Duration pace;

  PacedModel(Duration pace) {
    this.pace = pace;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the stand-in model on 127.0.0.1", e);
    }
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  /** The base URL an OpenAI-compatible client is given. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void answer(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
      String[] words = reply(request).split("(?<=\\s)");
      OutputStream out = ex.getResponseBody();
      if (request.path("stream").asBoolean(false)) {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        long start = System.nanoTime();
        for (int i = 0; i < words.length; i++) {
          String w = words[i];
          // on a schedule, not sleep after sleep: late wake-ups must not add up over the reply
          sleepUntil(start + (i + 1) * pace.toNanos());
          out.write(("data: " + chunk(w, false) + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        out.write(("data: " + chunk("", true) + "\n\ndata: [DONE]\n\n").getBytes(UTF8));
      } else {
        Thread.sleep(pace.toMillis() * words.length);
        ObjectNode r = JSON.createObjectNode().put("id", "bench").put("object", "chat.completion");
        r.put("created", 1).put("model", "paced");
        ObjectNode choice = r.putArray("choices").addObject().put("index", 0);
        choice.put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", String.join("", words));
        byte[] body = r.toString().getBytes(UTF8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) Thread.sleep(Duration.ofNanos(left));
  }

  /** The first sources quoted verbatim, each with its marker; NOT_FOUND when there are none. */
  private static String reply(JsonNode request) {
    String user = "";
    for (JsonNode m : request.path("messages")) {
      if (m.path("role").asText().equals("user")) user = m.path("content").asText();
    }
    StringBuilder reply = new StringBuilder();
    Matcher m = SOURCE.matcher(user);
    for (int i = 0; i < QUOTED && m.find(); i++) {
      reply.append(m.group(2).replaceAll("[.!?\"”’]+$", ""));
      reply.append(" [").append(m.group(1)).append("]. ");
    }
    return reply.isEmpty() ? "NOT_FOUND" : reply.toString().strip();
  }

  private static String chunk(String word, boolean last) {
    ObjectNode e =
        JSON.createObjectNode().put("id", "bench").put("object", "chat.completion.chunk");
    e.put("created", 1).put("model", "paced");
    ObjectNode choice = e.putArray("choices").addObject().put("index", 0);
    choice.putObject("delta").put("content", word);
    if (last) choice.put("finish_reason", "stop");
    else choice.putNull("finish_reason");
    return e.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
