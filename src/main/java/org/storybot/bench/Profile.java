package org.storybot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Samples a piece of work with Java Flight Recorder (Java and native method samples) and sums up
 * where the time goes: by component, by hottest method, and by our own methods on the stack.
 */
final class Profile {
  /**
   * The summary.
   *
   * @param components share of samples per component, largest first
   * @param hottest share of samples per top-of-stack method (self time), largest first
   * @param ours share of samples with each {@code org.storybot} method anywhere on the stack
   */
  record Summary(
      int samples,
      List<Map.Entry<String, Double>> components,
      List<Map.Entry<String, Double>> hottest,
      List<Map.Entry<String, Double>> ours) {}

  private Profile() {}

  static Summary of(Runnable work, Path file, int top) {
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
      return summarise(RecordingFile.readAllEvents(file), top);
    } catch (IOException e) {
      throw new BenchException("cannot write or read the flight recording " + file, e);
    }
  }

  static Summary summarise(List<RecordedEvent> events, int top) {
    Map<String, Integer> components = new HashMap<>();
    Map<String, Integer> hottest = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : events) {
      if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) continue;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      // Only the work itself: benchmark threads, not JFR's or the JIT's own.
      if (frames.stream().noneMatch(f -> name(f).startsWith("org.storybot."))) continue;
      samples++;
      hottest.merge(name(frames.getFirst()), 1, Integer::sum);
      components.merge(component(frames), 1, Integer::sum);
      Set<String> seen = new LinkedHashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (n.startsWith("org.storybot.index.") || n.startsWith("org.storybot.answer."))
          seen.add(n);
      }
      seen.forEach(n -> ours.merge(n, 1, Integer::sum));
    }
    return new Summary(
        samples,
        shares(components, samples, top),
        shares(hottest, samples, top),
        shares(ours, samples, top));
  }

  private static String name(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    int lambda = type.indexOf("$$Lambda");
    if (lambda >= 0) type = type.substring(0, lambda) + "$$Lambda";
    return type + "." + f.getMethod().getName();
  }

  /** The component of the first frame (from the top) outside the JDK. */
  static String component(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")) continue;
      if (n.startsWith("ai.onnxruntime.")) return "embedding model (ONNX Runtime)";
      if (n.startsWith("ai.djl.")) return "tokenizer (DJL)";
      if (n.startsWith("dev.langchain4j.")) return "embedding glue (LangChain4j)";
      if (n.startsWith("org.apache.lucene.analysis.")) return "text analysis (Lucene analyzers)";
      if (n.startsWith("org.apache.lucene.")) return "Lucene search and stored fields";
      if (n.startsWith("org.storybot.")) {
        String pkg =
            n.substring("org.storybot.".length(), n.indexOf('.', "org.storybot.".length()));
        return "storybot " + pkg + " code";
      }
      return n.substring(0, Math.max(0, n.lastIndexOf('.', n.lastIndexOf('.') - 1)));
    }
    return "JDK";
  }

  private static List<Map.Entry<String, Double>> shares(
      Map<String, Integer> counts, int total, int top) {
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e -> out.add(Map.entry(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total)));
    return out;
  }
}
