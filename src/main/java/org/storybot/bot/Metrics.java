package org.storybot.bot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the bot counts and times (Micrometer), served as Prometheus text by the webhook's {@code
 * /metrics}: questions recorded, answers and abstentions, answer latency (a histogram), Telegram
 * errors by code, and gauges such as the outbox depth. Thread-safe.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter questions =
      Counter.builder("storybot.questions")
          .description("Questions recorded (each Telegram message once)")
          .register(registry);
  private final Counter answers =
      Counter.builder("storybot.answers")
          .description("Questions answered with cited sentences")
          .register(registry);
  private final Counter abstentions =
      Counter.builder("storybot.abstentions")
          .description("Questions the articles do not answer")
          .register(registry);
  private final Timer latency =
      Timer.builder("storybot.answer.latency")
          .description("From taking a question up to its reply being sent")
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(5))
          .maximumExpectedValue(Duration.ofSeconds(60))
          .register(registry);

  void question() {
    questions.increment();
  }

  void answered(boolean abstained) {
    (abstained ? abstentions : answers).increment();
  }

  void latency(Duration d) {
    latency.record(d);
  }

  void telegramError(Integer code) {
    Counter.builder("storybot.telegram.errors")
        .description("Errors the Telegram Bot API answered, by code")
        .tag("code", code == null ? "none" : String.valueOf(code))
        .register(registry)
        .increment();
  }

  /** Adds a gauge read at every scrape, e.g. the outbox depth. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** Everything, in Prometheus' text exposition format. */
  public String scrape() {
    return registry.scrape();
  }
}
