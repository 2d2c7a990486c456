package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  String[] ask(String... rest) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ask", "--articles", "index/articles", "--index", dir.resolve("idx").toString()));
    args.addAll(List.of(rest));
    return args.toArray(String[]::new);
  }

  @Test
  void trainAndBenchSayWhereTheyLookedForTheDataSets() {
    Path missing = dir.resolve("no-datasets");
    for (String command : List.of("train", "bench")) {
      Run r = run(command, "--datasets", missing.toString());
      assertThat(r.code()).as(command).isNotZero();
      assertThat(r.err()).as(command).contains("no data sets at " + missing, "--datasets");
    }
  }

  @Test
  void askJsonPrintsExactlyOneObjectWithTheDocumentedFields() throws Exception {
    Run r = run(ask("--json", "Is the US looking for a war with Iran?"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip().lines()).hasSize(1);
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.fieldNames())
        .toIterable()
        .containsExactly("question", "answer", "abstained", "citations");
    assertThat(o.get("question").asText()).isEqualTo("Is the US looking for a war with Iran?");
    assertThat(o.get("abstained").asBoolean()).isFalse();
    JsonNode c = o.get("citations").get(0);
    assertThat(c.fieldNames())
        .toIterable()
        .containsExactly("n", "article", "title", "url", "published", "sentence");
    assertThat(c.get("n").asInt()).isEqualTo(1);
    assertThat(c.get("url").isNull()).isTrue();
    assertThat(o.get("answer").asText()).contains("[1]").contains(c.get("sentence").asText());
  }

  @Test
  void askPrintsTheAnswerAndANumberedSourceList() {
    Run r = run(ask("What did Biden promise Israel?"));
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("[1]")
        .contains("Sources:")
        .contains("\n[1] \u201c")
        .contains("US not looking for war against Iran");
  }

  @Test
  void batchAnswersEveryLineInOneRun() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              "Is the US looking for a war with Iran?\n\nRecommend a pasta recipe\n"
                  .getBytes(StandardCharsets.UTF_8)));
      Run r = run(ask("--json", "--batch"));
      assertThat(r.code()).as(r.err()).isZero();
      List<String> lines = r.out().strip().lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(JSON.readTree(lines.get(0)).get("abstained").asBoolean()).isFalse();
      assertThat(JSON.readTree(lines.get(1)).get("abstained").asBoolean()).isTrue();
      assertThat(JSON.readTree(lines.get(1)).get("citations").size()).isZero();
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void anEmptyQuestionIsBadUsage() {
    Run r = run(ask("   "));
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("empty");
  }

  @Test
  void anUnknownOptionIsBadUsage() {
    assertThat(run("ask", "--frobnicate", "x").code()).isEqualTo(Main.USAGE);
    assertThat(run().code()).isEqualTo(Main.USAGE);
  }

  @Test
  void missingArticlesAndIndexSaySoWithTheirOwnCode() {
    Run r =
        run(
            "ask",
            "--articles",
            dir.resolve("nope").toString(),
            "--index",
            dir.resolve("nothing").toString(),
            "hello?");
    assertThat(r.code()).isEqualTo(Main.NO_INPUT);
    assertThat(r.err()).contains("no index at").contains("nothing");
    assertThat(
            run(
                    "index",
                    "--articles",
                    dir.resolve("nope").toString(),
                    "--index",
                    dir.resolve("i").toString())
                .code())
        .isEqualTo(Main.NO_INPUT);
  }

  @Test
  void aMalformedArticleIsReportedByFileAndLineAndTheOthersAreIndexed() throws Exception {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.copy(
        Path.of("index/articles/000-us-not-looking-for-war-with-iran.md"),
        articles.resolve("seed.md"));
    Files.writeString(articles.resolve("bad.md"), "---\ntitle: Bad\nnot a field\n---\n\nText.\n");
    Path index = dir.resolve("idx");
    Run r = run("index", "--articles", articles.toString(), "--index", index.toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("bad.md:3");
    assertThat(r.out()).contains("1 added");
    Run answer =
        run(
            "ask",
            "--json",
            "--articles",
            articles.toString(),
            "--index",
            index.toString(),
            "What did Biden promise Israel?");
    assertThat(answer.code()).isZero();
    assertThat(JSON.readTree(answer.out()).get("abstained").asBoolean()).isFalse();
  }
}
