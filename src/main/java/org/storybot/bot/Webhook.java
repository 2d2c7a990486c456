package org.storybot.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode: an HTTP server (Jetty) that Telegram posts updates to, instead of the bot polling
 * for them. A post to the webhook's path needs Telegram's {@code X-Telegram-Bot-Api-Secret-Token}
 * header (else 401, and nothing happens); its body must be one JSON update (else 400) of at most
 * {@value #MAX_BODY} bytes (else 413). A valid update is handed to the bot, which records it
 * durably before this answers 200; Telegram redelivers what fails, and the bot answers a message it
 * has recorded once. Also {@code GET /healthz} (alive), {@code GET /readyz} (able to answer: 503
 * with the reason when not) and {@code GET /metrics} (Prometheus text).
 */
public final class Webhook implements AutoCloseable {
  /** The largest update accepted. */
  public static final int MAX_BODY = 1 << 20;

  /** How much of a body over {@link #MAX_BODY} is read and dropped before the 413. */
  static final long DRAIN_LIMIT = 16L << 20;

  /** The header Telegram sends the secret in. */
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Logger log = LoggerFactory.getLogger(Webhook.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * Where Telegram posts and where this listens.
   *
   * @param url the public https URL given to Telegram; its path is the path served
   * @param host the address to bind ({@code 0.0.0.0} for all)
   * @param port the port to bind (0 for any free one)
   * @param secret Telegram's {@code secret_token}: 1 to 256 of {@code A-Z a-z 0-9 _ -}; never shown
   */
  public record Settings(URI url, String host, int port, String secret) {
    public Settings {
      if (url == null
          || url.getHost() == null
          || !"https".equals(url.getScheme()) && !loopback(url)) {
        throw new IllegalArgumentException(
            "the webhook URL must be an https URL Telegram can reach, got '" + url + "'");
      }
      if (secret == null || !SECRET.matcher(secret).matches()) {
        throw new IllegalArgumentException(
            "the webhook secret must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
      }
      if (port < 0 || port > 65535) throw new IllegalArgumentException("no such port: " + port);
    }

    /** The path Telegram posts to: the URL's, or {@code /}. */
    public String path() {
      return url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    }

    private static boolean loopback(URI url) {
      String h = url.getHost();
      return "http".equals(url.getScheme())
          && (h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]"));
    }

    @Override
    public String toString() {
      return "Webhook.Settings[url=" + url + ", listen=" + host + ":" + port + ", secret=***]";
    }
  }

  /** What the webhook serves: the bot, whether it can answer now, and its metrics. */
  public interface Target {
    /** Takes one update; returns once it is recorded. */
    void accept(Update update);

    /** Null when ready to answer, else why not (a database or index problem). */
    String notReady();

    /** The metrics, in Prometheus' text format. */
    String metrics();
  }

  private final Server server;
  private final Settings settings;

  private Webhook(Server server, Settings settings) {
    this.server = server;
    this.settings = settings;
  }

  /**
   * Starts serving {@code target} on the settings' host and port.
   *
   * @throws WebhookException when the port cannot be bound
   */
  public static Webhook start(Settings settings, Target target) {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("storybot-webhook");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);
    server.setHandler(new Routes(settings, target));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // failing to start is the error to report
      }
      throw new WebhookException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    log.info(
        "webhook listening on {}:{}{}", settings.host(), connector.getLocalPort(), settings.path());
    return new Webhook(server, settings);
  }

  /** The port actually bound (useful when the settings asked for 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the webhook server: {}", e.getMessage());
    }
  }

  /** The webhook cannot serve. */
  public static final class WebhookException extends RuntimeException {
    WebhookException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Routes extends Handler.Abstract {
    private final Settings settings;
    private final Target target;
    private final byte[] secret;

    Routes(Settings settings, Target target) {
      this.settings = settings;
      this.target = target;
      this.secret = settings.secret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      if (method.equals("GET")) {
        switch (path) {
          case "/healthz" -> {
            return reply(response, callback, 200, "ok\n");
          }
          case "/readyz" -> {
            String problem = target.notReady();
            return problem == null
                ? reply(response, callback, 200, "ready\n")
                : reply(response, callback, 503, "not ready: " + problem + "\n");
          }
          case "/metrics" -> {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4");
            return write(response, callback, 200, target.metrics());
          }
          default -> {}
        }
      }
      if (!path.equals(settings.path())) return reply(response, callback, 404, "not found\n");
      if (!method.equals("POST")) return reply(response, callback, 405, "POST updates here\n");
      String given = request.getHeaders().get(SECRET_HEADER);
      if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
        return reply(response, callback, 401, "wrong or missing secret token\n");
      }
      byte[] body;
      try (InputStream in = Content.Source.asInputStream(request)) {
        if (request.getLength() > MAX_BODY) return tooLarge(in, response, callback);
        body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) return tooLarge(in, response, callback);
      } catch (IOException e) {
        return reply(response, callback, 400, "cannot read the body\n");
      }
      Update update;
      try {
        update = JSON.readValue(body, Update.class);
      } catch (IOException e) {
        return reply(response, callback, 400, "not a Telegram update\n");
      }
      if (update == null || update.getUpdateId() == null) {
        return reply(response, callback, 400, "not a Telegram update\n");
      }
      try {
        target.accept(update);
      } catch (RuntimeException e) {
        // Telegram delivers it again later; the bot answers a recorded message once.
        log.error("update {} not recorded: {}", update.getUpdateId(), e.toString());
        return reply(response, callback, 500, "try again\n");
      }
      return reply(response, callback, 200, "");
    }

    /**
     * 413, after reading and dropping the rest of the body (up to {@link #DRAIN_LIMIT}): a client
     * still sending when the server closes the connection sees a reset, not the 413.
     */
    private static boolean tooLarge(InputStream in, Response response, Callback callback)
        throws IOException {
      byte[] buffer = new byte[64 * 1024];
      long read = 0;
      for (int n; read < DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) read += n;
      return reply(response, callback, 413, "too large\n");
    }

    private static boolean reply(Response response, Callback callback, int status, String text) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      return write(response, callback, status, text);
    }

    private static boolean write(Response response, Callback callback, int status, String text) {
      response.setStatus(status);
      Content.Sink.write(response, true, text, callback);
      return true;
    }
  }

  /** The updates a webhook set with {@code allowed_updates} receives. */
  public static final List<String> ALLOWED_UPDATES = List.of("message", "inline_query");
}
