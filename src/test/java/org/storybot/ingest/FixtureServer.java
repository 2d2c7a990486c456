package org.storybot.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A web server on 127.0.0.1 serving pages and feeds from {@code src/test/resources/ingest} (with
 * {@code {base}} replaced by its own address), with ETags, status codes, redirects and stalls.
 */
final class FixtureServer implements AutoCloseable {
  private record Route(
      int status,
      String contentType,
      byte[] body,
      String etag,
      String location,
      CountDownLatch stall) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, List<String>> requests = new ConcurrentHashMap<>();

  FixtureServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads); // one thread per request: a stalled route blocks only itself
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String url(String path) {
    return base() + path;
  }

  /** Serves a fixture file at {@code path}. */
  FixtureServer file(String path, String contentType, String fixture) {
    return bytes(path, 200, contentType, fixture(fixture));
  }

  FixtureServer bytes(String path, int status, String contentType, byte[] body) {
    routes.put(path, new Route(status, contentType, body, null, null, null));
    return this;
  }

  /** Serves a fixture file with an ETag, answering 304 to a matching If-None-Match. */
  FixtureServer withEtag(String path, String contentType, String fixture, String etag) {
    routes.put(path, new Route(200, contentType, fixture(fixture), etag, null, null));
    return this;
  }

  FixtureServer redirect(String path, String location) {
    routes.put(path, new Route(302, null, new byte[0], null, location, null));
    return this;
  }

  /** Answers {@code path} only once {@code release} counts down, with a valid feed. */
  FixtureServer stall(String path, CountDownLatch release, String fixture) {
    routes.put(path, new Route(200, "application/rss+xml", fixture(fixture), null, null, release));
    return this;
  }

  /** The If-None-Match header of each request to {@code path} ("" when absent), in order. */
  List<String> requests(String path) {
    return List.copyOf(requests.getOrDefault(path, List.of()));
  }

  byte[] fixture(String name) {
    try (InputStream in = getClass().getResourceAsStream("/ingest/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("{base}", base()).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      requests
          .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
          .add(ifNoneMatch == null ? "" : ifNoneMatch);
      Route route = routes.get(path);
      if (route == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (route.stall() != null) {
        try {
          route.stall().await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (route.etag() != null && route.etag().equals(ifNoneMatch)) {
        exchange.getResponseHeaders().set("ETag", route.etag());
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      if (route.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", route.contentType());
      }
      if (route.etag() != null) exchange.getResponseHeaders().set("ETag", route.etag());
      if (route.location() != null) exchange.getResponseHeaders().set("Location", route.location());
      exchange.sendResponseHeaders(
          route.status(), route.body().length == 0 ? -1 : route.body().length);
      if (route.body().length > 0) exchange.getResponseBody().write(route.body());
    } catch (IOException e) {
      // the client went away (a timeout or a size cap): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
