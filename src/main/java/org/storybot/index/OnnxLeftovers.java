package org.storybot.index;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what ONNX Runtime left in the temp folder. Its Java loader (1.20) makes a folder {@code
 * onnxruntime-java*} there on every start, whatever {@code onnxruntime.native.path} says, copies
 * its native libraries (16 MB) into it, and asks the JVM to delete the folder on exit before the
 * files in it: every process that loads a model leaves an empty folder behind (one per {@code
 * storybot ask}), and a killed one leaves the libraries too.
 *
 * <p>Storybot removes such a folder once it is empty and old enough that no loader can be about to
 * fill it, and one that holds nothing but the loader's copies of the libraries once it is a day
 * old: a process still running from it has them loaded, and on Linux removing the files does not
 * unload them. Its own folder goes at a later start.
 */
final class OnnxLeftovers {
  static final String PREFIX = "onnxruntime-java";

  /** A loader fills its folder the moment it makes it; one this old and empty is a leftover. */
  static final Duration EMPTY_AGE = Duration.ofMinutes(10);

  /** How old a folder that still holds the libraries must be to go. */
  static final Duration LIBRARIES_AGE = Duration.ofDays(1);

  private OnnxLeftovers() {}

  /** Removes the leftovers in {@code tmp} as of {@code now}; returns how many folders went. */
  static int sweep(Path tmp, Instant now) {
    int removed = 0;
    try (DirectoryStream<Path> found = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path dir : found) {
        try {
          if (leftover(dir, now)) {
            try (Stream<Path> files = Files.list(dir)) {
              for (Path library : files.toList()) Files.delete(library);
            }
            Files.delete(dir);
            removed++;
          }
        } catch (IOException | DirectoryIteratorException someoneElses) {
          // not ours to delete, or changed meanwhile: not a leftover
        }
      }
    } catch (IOException | DirectoryIteratorException unreadable) {
      // an unreadable temp folder costs some disk, never a start
    }
    return removed;
  }

  /** {@link #sweep} of the JVM's temp folder, now. */
  static void sweep() {
    sweep(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
  }

  private static boolean leftover(Path dir, Instant now) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
    Instant modified = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    }
    if (files.isEmpty()) return modified.isBefore(now.minus(EMPTY_AGE));
    return modified.isBefore(now.minus(LIBRARIES_AGE))
        && files.stream().allMatch(OnnxLeftovers::loaderCopy);
  }

  /** A library ONNX Runtime's loader copies: libonnxruntime.so, onnxruntime4j_jni.dll, ... */
  private static boolean loaderCopy(Path file) {
    String name = file.getFileName().toString();
    return (name.startsWith("libonnxruntime") || name.startsWith("onnxruntime"))
        && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"))
        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }
}
