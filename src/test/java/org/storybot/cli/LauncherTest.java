package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./storybot} launcher's JVM flags, read off a stand-in {@code java} that prints the
 * arguments it was given: the real script, a copy of the project's layout around it.
 */
class LauncherTest {
  @TempDir Path root;
  Path jdk;

  @BeforeEach
  void layOutAProjectAndAJdk() throws IOException {
    Files.copy(Path.of("storybot"), root.resolve("storybot"));
    Files.createDirectories(root.resolve(".mvn"));
    Files.copy(Path.of(".mvn/find-jdk.sh"), root.resolve(".mvn/find-jdk.sh"));
    Files.createDirectories(root.resolve("src/main"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path jar = Files.createDirectories(root.resolve("target")).resolve("storybot.jar");
    Files.writeString(jar, "a jar newer than the sources");
    Instant before = Instant.now().minusSeconds(60);
    Files.setLastModifiedTime(root.resolve("src/main"), FileTime.from(before));
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(before));

    jdk = Files.createDirectories(root.resolve("jdk/bin")).getParent();
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void oneQuestionRunsOnTheC1CompilerWithoutTheVectorModule() throws Exception {
    List<String> args = javaArguments("ask", "Who is Kirby?");

    assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    assertThat(args).doesNotContain("jdk.incubator.vector");
    assertThat(args)
        .endsWith("-jar", root.resolve("target/storybot.jar").toString(), "ask", "Who is Kirby?");
  }

  @Test
  void aBatchChatAndTheBotKeepC2AndLucenesVectorCode() throws Exception {
    for (List<String> command :
        List.of(
            List.of("ask", "--json", "--batch"),
            List.of("chat"),
            List.of("bot"),
            List.of("ingest", "article.md"))) {
      List<String> args = javaArguments(command.toArray(String[]::new));

      assertThat(args).as("%s", command).contains("--add-modules", "jdk.incubator.vector");
      assertThat(args).as("%s", command).doesNotContain("-XX:TieredStopAtLevel=1");
      assertThat(args).as("%s", command).endsWith(command.toArray(String[]::new));
    }
  }

  @Test
  void theStartUpCacheIsRecordedByAOneQuestionAskInItsMode() throws Exception {
    List<String> batch = javaArguments(true, "ask", "--batch");
    assertThat(batch).noneMatch(a -> a.startsWith("-XX:AOTMode="));

    List<String> one = javaArguments(true, "ask", "Who is Kirby?");
    // (the second run, which makes the cache, prints to /dev/null)
    assertThat(one).contains("-XX:AOTMode=record", "-XX:TieredStopAtLevel=1");
  }

  private List<String> javaArguments(String... storybotArgs) throws Exception {
    return javaArguments(false, storybotArgs);
  }

  /** What the launcher passed to {@code java} (each run's arguments, one a line). */
  private List<String> javaArguments(boolean cache, String... storybotArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("storybot").toString()));
    command.addAll(List.of(storybotArgs));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("STORYBOT_"));
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().put("STORYBOT_AOT", cache ? "1" : "0");
    Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
