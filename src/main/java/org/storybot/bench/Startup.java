package org.storybot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start to first answer: a separate {@code storybot ask} process on an already-built index, timed
 * from launch to its first line of output.
 */
final class Startup {
  /**
   * JVM flags as the launcher script passes them to {@code ask QUESTION}, less its class-sharing
   * choice (below): one answer, on the C1 compiler alone.
   */
  static final List<String> FLAGS =
      List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** The launcher's ahead-of-time cache (JDK 25+), silent when it does not match. */
  private static final List<String> QUIET =
      List.of("-Xlog:aot=off", "-Xlog:cds=off", "-XX:+DisplayVMOutputToStderr");

  private Startup() {}

  /**
   * The median over {@code runs} launches, in milliseconds. On JDK 25 and newer, with a jar, they
   * start from an ahead-of-time cache as the launcher's do: recorded first by one launch that is
   * not timed, as the first {@code ask} after a build records it.
   *
   * @param jar the packaged jar, or {@code null} to run from this JVM's class path
   * @param articles passed as {@code --articles}: a folder matching the index (the command then
   *     checks every article against it, as it does by default) or a missing path (index only)
   */
  static double millis(Path jar, Path index, Path articles, Path home, String question, int runs) {
    List<String> sharing = List.of("-Xshare:auto");
    if (cached(jar)) {
      Path cache = home.resolve("storybot.aot");
      if (!Files.isRegularFile(cache)) {
        List<String> record = new ArrayList<>(QUIET);
        record.add("-XX:AOTCacheOutput=" + cache);
        once(record, jar, index, articles, home, question);
      }
      sharing = new ArrayList<>(QUIET);
      sharing.add("-XX:AOTCache=" + cache);
    }
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) times[i] = once(sharing, jar, index, articles, home, question);
    Arrays.sort(times);
    return times[runs / 2];
  }

  /** Whether {@link #millis} starts from an ahead-of-time cache. */
  static boolean cached(Path jar) {
    return jar != null && Runtime.version().feature() >= 25;
  }

  private static double once(
      List<String> sharing, Path jar, Path index, Path articles, Path home, String question) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(FLAGS);
    cmd.addAll(sharing);
    if (jar != null) {
      cmd.addAll(List.of("-jar", jar.toString()));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.storybot.cli.Main"));
    }
    cmd.addAll(
        List.of("ask", "--index", index.toString(), "--articles", articles.toString(), question));
    try {
      Path err = Files.createTempFile(home, "ask", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
      pb.environment().put("STORYBOT_HOME", home.toString());
      long start = System.nanoTime();
      Process p = pb.start();
      String first;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        first = out.readLine();
        double ms = (System.nanoTime() - start) / 1e6;
        while (out.readLine() != null) {
          // drain the rest of the answer
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new BenchException("storybot ask did not finish within 120 s", null);
        }
        if (p.exitValue() != 0 || first == null) {
          throw new BenchException(
              "storybot ask exited with "
                  + p.exitValue()
                  + ": "
                  + Files.readString(err).strip()
                  + " (command: "
                  + String.join(" ", cmd)
                  + ")",
              null);
        }
        return ms;
      }
    } catch (IOException e) {
      throw new BenchException("cannot run storybot ask: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while timing storybot ask", e);
    }
  }
}
