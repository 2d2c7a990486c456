package org.storybot.cli;

import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.storybot.answer.Answerer;
import org.storybot.answer.Citation;
import org.storybot.answer.Conversations;
import org.storybot.answer.Prompts;
import org.storybot.article.ArticleFormatException;
import org.storybot.article.Articles;
import org.storybot.article.Sentence;
import org.storybot.bot.SharedTurns;
import org.storybot.index.Embedder;
import org.storybot.index.IndexedSentence;
import org.storybot.index.OnnxEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Ranker;
import org.storybot.store.Database;
import org.storybot.subscription.DigestWriter;

/**
 * The composition root: builds the parts of Storybot from a {@link Config} and owns their
 * lifecycles. Everything is created on first use, so a command pays only for what it uses.
 */
final class Storybot implements AutoCloseable {
  private final Config config;
  private final Reporter reporter;
  private Embedder embedder;
  private OnnxEmbedder ownEmbedder;
  private StoryIndex index;
  private Ranker ranker;
  private Ranker ownRanker;
  private Answerer answerer;
  private Conversations conversations;

  /** How many turns of each chat a conversation remembers. */
  static final int TURNS = 6;

  /** Where warnings about the articles go (stderr on the command line, the log in the bot). */
  interface Reporter {
    void warn(String message);
  }

  Storybot(Config config, Reporter reporter) {
    this(config, reporter, null, null);
  }

  /** With the embedding model and the ranking models already loaded (tests share them). */
  Storybot(Config config, Reporter reporter, Embedder embedder, Ranker ranker) {
    this.config = config;
    this.reporter = reporter;
    this.embedder = embedder;
    this.ranker = ranker;
  }

  Config config() {
    return config;
  }

  /** The learned ranking models: shipped in the jar, or those in STORYBOT_MODELS. */
  synchronized Ranker ranker() {
    if (ranker == null) ranker = ownRanker = loadRanker();
    return ranker;
  }

  private Ranker loadRanker() {
    return config.models() == null ? Ranker.shipped() : Ranker.from(config.models());
  }

  /** Takes the models {@code loading} loaded, or throws what stopped it. */
  private void adopt(FutureTask<Ranker> loading) {
    try {
      ranker = ownRanker = loading.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the ranking models", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException("cannot load the ranking models", e.getCause());
    }
  }

  synchronized Embedder embedder() {
    if (embedder == null) embedder = ownEmbedder = OnnxEmbedder.miniLm();
    return embedder;
  }

  /** The index, opened and brought up to date with the articles folder. */
  synchronized StoryIndex index() {
    if (index == null) {
      boolean hasArticles =
          Files.isDirectory(config.articles()) || Files.isRegularFile(config.articles());
      boolean hasIndex = Files.isDirectory(config.index());
      if (!hasArticles && !hasIndex) {
        throw new MissingInputException(
            "no index at "
                + config.index()
                + " and no articles at "
                + config.articles()
                + " to build it from: set --articles/STORYBOT_ARTICLES or --index/STORYBOT_INDEX");
      }
      index = StoryIndex.open(config.index(), embedder());
      if (hasArticles && !index.readOnly()) {
        sync(config.articles());
      } else if (index.readOnly()) {
        reporter.warn(
            "the index is in use by another Storybot process: answering from its last commit");
      }
    }
    return index;
  }

  /** Reads the articles under {@code path} and brings the index in line; returns the problems. */
  List<ArticleFormatException> sync(Path path) {
    Articles.Batch batch = Articles.readAll(path);
    batch.problems().forEach(p -> reporter.warn("skipped " + p.getMessage()));
    index.sync(batch.articles());
    return batch.problems();
  }

  /**
   * Opens the database: the shared PostgreSQL one when {@code STORYBOT_DATABASE_URL} is set, else
   * SQLite under the data folder. The caller closes it.
   */
  Database openDatabase() {
    return config.databaseUrl() == null
        ? Database.open(config.data())
        : Database.connect(config.databaseUrl(), config.databaseUser(), config.databasePassword());
  }

  synchronized Answerer answerer() {
    if (answerer == null) {
      // The ranking models load beside the embedding model and the index (each about a second of
      // ONNX set-up): the first answer comes that much sooner on two cores.
      FutureTask<Ranker> loading = ranker == null ? new FutureTask<>(this::loadRanker) : null;
      if (loading != null) Thread.ofPlatform().daemon().name("storybot-models").start(loading);
      try {
        index();
      } catch (RuntimeException e) {
        if (loading != null) {
          try {
            adopt(loading);
          } catch (RuntimeException alsoFailed) {
            e.addSuppressed(alsoFailed);
          }
        }
        throw e;
      }
      if (loading != null) adopt(loading);
      ChatModel model = Models.chatModel(config);
      if (model == null) {
        answerer = new Answerer(index(), ranker());
      } else {
        Prompts prompts;
        try {
          prompts = Prompts.load(config.prompts());
        } catch (Prompts.PromptException e) {
          throw new ConfigException(e.getMessage());
        }
        answerer =
            new Answerer(
                index(),
                ranker(),
                model,
                Models.streamingChatModel(config),
                prompts,
                config.llmTimeout());
      }
    }
    return answerer;
  }

  /**
   * Subscribers' digests written by the answerer's LLM when one is configured (citations checked
   * against the new sentences), else the new sentences verbatim.
   */
  DigestWriter digestWriter() {
    Answerer answerer = answerer();
    return (article, facts) -> {
      List<IndexedSentence> sources =
          facts.stream()
              .map(
                  s ->
                      new IndexedSentence(
                          article.id(),
                          s.ordinal(),
                          s.paragraph(),
                          s.heading(),
                          s.text(),
                          article.title(),
                          article.url(),
                          article.published()))
              .toList();
      return answerer
          .digest(article.title(), sources)
          .map(
              a ->
                  new DigestWriter.Written(
                      a.text(), a.citations().stream().map(c -> fact(facts, c)).toList()));
    };
  }

  /** The new sentence a checked citation points at (citations carry the sentence's ordinal). */
  private static Sentence fact(List<Sentence> facts, Citation c) {
    return facts.stream().filter(f -> f.ordinal() == c.ordinal()).findFirst().orElseThrow();
  }

  /** Per-chat conversations over the answerer, kept in memory ({@code chat}, a lone bot). */
  synchronized Conversations conversations() {
    if (conversations == null) conversations = new Conversations(answerer(), TURNS);
    return conversations;
  }

  /**
   * The bot's conversations: in {@code db} when replicas share it (a follow-up may reach any of
   * them; the turns live there, so each call may build its own), else the in-memory ones above.
   */
  Conversations conversations(Database db) {
    return db.shared()
        ? new Conversations(answerer(), TURNS, new SharedTurns(db))
        : conversations();
  }

  @Override
  public synchronized void close() {
    if (index != null) index.close();
    if (ownRanker != null) ownRanker.close();
    if (ownEmbedder != null) ownEmbedder.close();
  }

  /** A file or folder the command needs does not exist. Exit code 66. */
  static final class MissingInputException extends RuntimeException {
    MissingInputException(String message) {
      super(message);
    }
  }
}
