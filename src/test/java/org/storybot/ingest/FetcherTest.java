package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: the fetcher connects to the addresses it checked, whatever a second lookup would
 * say. The host names here exist in no DNS: only the test's resolver knows them.
 */
class FetcherTest {
  static final byte[] PAGE = "<html><title>Pinned</title></html>".getBytes(StandardCharsets.UTF_8);
  HttpServer server;
  final List<String> hosts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startLoopbackServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            hosts.add(ex.getRequestHeaders().getFirst("Host"));
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, PAGE.length);
            ex.getResponseBody().write(PAGE);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  URI url(String host) {
    return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/story");
  }

  /** Answers {@code first} to the first lookup and {@code later} to every other one. */
  static Resolver rebinding(AtomicInteger lookups, InetAddress first, InetAddress later) {
    return host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? first : later};
  }

  @Test
  void theConnectionGoesToTheAddressThatWasResolvedOnceAndKeepsTheHostName() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Resolver resolver = rebinding(lookups, loopback, InetAddress.getByName("192.0.2.1"));
    try (Fetcher f = new Fetcher(FetchPolicy.defaults().withAllowPrivate(true), resolver)) {
      Fetched page = f.get(url("pinned-first.storybot.test"));

      assertThat(page.body()).isEqualTo(PAGE);
    }
    assertThat(lookups).hasValue(1);
    assertThat(hosts)
        .containsExactly("pinned-first.storybot.test:" + server.getAddress().getPort());
    assertThat(PinnedResolver.installed()).isTrue();
  }

  @Test
  void aHostThatTurnsIntoLoopbackAfterTheCheckIsNeverConnectedTo() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    Resolver resolver =
        rebinding(lookups, InetAddress.getByName("192.0.2.1"), InetAddress.getByName("127.0.0.1"));
    FetchPolicy strict =
        new FetchPolicy(Duration.ofMillis(500), Duration.ofSeconds(2), 1 << 20, false);
    try (Fetcher f = new Fetcher(strict, resolver)) {
      // 192.0.2.1 (TEST-NET-1) passes the check and leads nowhere
      assertThatThrownBy(() -> f.get(url("rebinding.storybot.test")))
          .isInstanceOf(FetchException.class);
    }
    assertThat(lookups).hasValue(1);
    assertThat(hosts).isEmpty();
  }

  @Test
  void aHostThatResolvesToLoopbackIsRefusedBeforeAnyRequest() throws Exception {
    Resolver resolver = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(), resolver)) {
      assertThatThrownBy(() -> f.get(url("evil.storybot.test")))
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("evil.storybot.test resolves to a loopback");
    }
    assertThat(hosts).isEmpty();
  }

  @Test
  void pinsNestAndAreReleasedWhenTheLastFetchEnds() throws Exception {
    InetAddress[] loopback = {InetAddress.getByName("127.0.0.1")};
    PinnedResolver.Pinned a = PinnedResolver.pin("nested.storybot.test", loopback);
    PinnedResolver.Pinned b = PinnedResolver.pin("nested.storybot.test", loopback);
    a.close();
    assertThat(PinnedResolver.pinned("NESTED.storybot.test.")).isTrue();
    b.close();
    assertThat(PinnedResolver.pinned("nested.storybot.test")).isFalse();
  }
}
