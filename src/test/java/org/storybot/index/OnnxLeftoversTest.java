package org.storybot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxLeftoversTest {
  static final Instant NOW = Instant.parse("2026-12-02T21:00:00Z");

  @TempDir Path tmp;

  @Test
  void removesOldEmptyFoldersOfOnnxRuntimesLoader() throws IOException {
    Path leftover = folder("onnxruntime-java123", Duration.ofHours(2));
    Path justOldEnough = folder("onnxruntime-java456", OnnxLeftovers.EMPTY_AGE.plusSeconds(1));
    Path starting = folder("onnxruntime-java789", Duration.ofSeconds(5));
    Path someoneElses = folder("other-java123", Duration.ofHours(2));
    Path file = tmp.resolve("onnxruntime-java.txt");
    Files.writeString(file, "not a folder");
    age(file, Duration.ofDays(3));

    assertThat(OnnxLeftovers.sweep(tmp, NOW)).isEqualTo(2);

    assertThat(leftover).doesNotExist();
    assertThat(justOldEnough).doesNotExist();
    assertThat(starting).isDirectory();
    assertThat(someoneElses).isDirectory();
    assertThat(file).isRegularFile();
  }

  @Test
  void removesTheLibrariesOfAKilledProcessOnlyAfterADay() throws IOException {
    Path killed = withLibraries("onnxruntime-java111", Duration.ofDays(2));
    Path running = withLibraries("onnxruntime-java222", Duration.ofHours(3));
    Path notTheLoaders = withLibraries("onnxruntime-java333", Duration.ofDays(2));
    Files.writeString(notTheLoaders.resolve("model.onnx"), "someone's own file");
    age(notTheLoaders, Duration.ofDays(2));

    assertThat(OnnxLeftovers.sweep(tmp, NOW)).isEqualTo(1);

    assertThat(killed).doesNotExist();
    assertThat(running.resolve("libonnxruntime.so")).isRegularFile();
    assertThat(notTheLoaders.resolve("libonnxruntime.so")).isRegularFile();
    assertThat(notTheLoaders.resolve("model.onnx")).isRegularFile();
  }

  @Test
  void aMissingTempFolderRemovesNothingAndThrowsNothing() {
    assertThat(OnnxLeftovers.sweep(tmp.resolve("gone"), NOW)).isZero();
  }

  private Path withLibraries(String name, Duration age) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve(name));
    Files.writeString(dir.resolve("libonnxruntime.so"), "library");
    Files.writeString(dir.resolve("libonnxruntime4j_jni.so"), "library");
    return age(dir, age);
  }

  private Path folder(String name, Duration age) throws IOException {
    return age(Files.createDirectory(tmp.resolve(name)), age);
  }

  private static Path age(Path path, Duration age) throws IOException {
    Files.setLastModifiedTime(path, FileTime.from(NOW.minus(age)));
    return path;
  }
}
