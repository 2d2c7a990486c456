package org.storybot.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes new articles into the articles folder as Markdown with front matter, the format {@code
 * Articles.read} reads, under new ids {@code NNN-slug}. Not thread-safe: the caller serialises.
 */
final class ArticleFiles {
  private static final Pattern NUMBERED = Pattern.compile("^(\\d+)-.*");
  private final Path folder;

  ArticleFiles(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  /** A fresh id: one more than the highest number in use in the folder or among {@code ids}. */
  String nextId(String title, Collection<String> ids) {
    long max = -1;
    try (Stream<Path> files = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
      for (String name : (Iterable<String>) files.map(p -> p.getFileName().toString())::iterator) {
        max = Math.max(max, number(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    for (String id : ids) max = Math.max(max, number(id));
    String id = String.format(Locale.ROOT, "%03d-%s", max + 1, slug(title));
    return id;
  }

  private static long number(String name) {
    Matcher m = NUMBERED.matcher(name);
    if (!m.matches() || m.group(1).length() > 12) return -1;
    return Long.parseLong(m.group(1));
  }

  static String slug(String title) {
    String s =
        Normalizer.normalize(title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    if (s.length() > 60) {
      s = s.substring(0, 60);
      if (s.lastIndexOf('-') > 20) s = s.substring(0, s.lastIndexOf('-'));
    }
    return s.isEmpty() ? "article" : s;
  }

  /**
   * Writes the article as {@code id.md}, atomically (a hidden temporary file renamed into place, so
   * a folder scan never sees half a file). Fails if the file exists.
   */
  Path write(String id, Draft d) {
    Path file = folder.resolve(id + ".md");
    Path temp = folder.resolve("." + id + ".md.tmp");
    String text =
        "---\n"
            + field("title", d.title())
            + field("source", d.source())
            + field("published", d.published())
            + field("url", d.url())
            + "---\n\n"
            + d.body().strip()
            + "\n";
    try {
      Files.createDirectories(folder);
      if (Files.exists(file)) throw new IllegalStateException(file + " already exists");
      Files.writeString(temp, text);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write failed already; that is the error to report
      }
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Deletes the hidden temporary files of writes that never finished (the process was killed
   * between writing and renaming) and that were last modified before {@code before}: younger ones
   * may belong to another process writing right now.
   *
   * @return how many were deleted
   */
  int removeUnfinished(Instant before) {
    if (!Files.isDirectory(folder)) return 0;
    int removed = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(".md.tmp")) continue;
        if (Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return removed;
  }

  /** One front matter line: the value on one line, quoted, or nothing after the colon. */
  private static String field(String key, String v) {
    if (v == null || v.isBlank()) return key + ":\n";
    String oneLine = v.strip().replaceAll("\\s+", " ");
    return key + ": \"" + oneLine.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
  }
}
