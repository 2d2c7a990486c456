package org.storybot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;
import org.storybot.answer.Citation;
import org.storybot.answer.EmptyQuestionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code storybot ask}: answers one question (or one per stdin line with --batch). */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = "Answer a question about the story, with cited sources.")
final class AskCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUESTION",
      description = "The question (words are joined).")
  List<String> words = List.of();

  @Option(names = "--json", description = "Print one JSON object per answer.")
  boolean json;

  @Option(names = "--batch", description = "Read one question per line from stdin.")
  boolean batch;

  @Mixin Corpus corpus;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String question = String.join(" ", words).strip();
    if (batch == !question.isEmpty() && batch) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give either a QUESTION or --batch, not both");
    }
    if (!batch && question.isEmpty()) throw new EmptyQuestionException();
    Config config = corpus.config();
    try (Storybot storybot = new Storybot(config, spec.commandLine().getErr()::println)) {
      Answerer answerer = storybot.answerer();
      if (!batch) {
        if (!json && TerminalDrafts.interactive()) stream(answerer, question, out);
        else print(out, answerer.answer(question));
        return Main.OK;
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      int code = Main.OK;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        try {
          print(out, answerer.answer(line));
        } catch (EmptyQuestionException e) {
          spec.commandLine()
              .getErr()
              .println("storybot: skipped line '" + line + "': " + e.getMessage());
          code = Main.USAGE;
        }
      }
      return code;
    }
  }

  /**
   * Answers {@code question} on a terminal: an LLM's checked sentences as it writes them, then the
   * rest of the answer and its sources (the same text as without streaming).
   */
  static void stream(Answerer answerer, String question, PrintWriter out) {
    TerminalDrafts drafts = new TerminalDrafts(out);
    drafts.finish(Rendering.plain(answerer.answer(question, drafts)));
  }

  private void print(PrintWriter out, Answer answer) throws Exception {
    out.println(json ? JSON.writeValueAsString(toJson(answer)) : Rendering.plain(answer));
    out.flush();
  }

  static ObjectNode toJson(Answer a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("question", a.question());
    o.put("answer", a.text());
    o.put("abstained", a.abstained());
    ArrayNode cites = o.putArray("citations");
    for (Citation c : a.citations()) {
      ObjectNode n = cites.addObject();
      n.put("n", c.n());
      n.put("article", c.articleId());
      n.put("title", c.title());
      n.put("url", c.url());
      n.put("published", c.published());
      n.put("sentence", c.sentence());
    }
    return o;
  }
}
