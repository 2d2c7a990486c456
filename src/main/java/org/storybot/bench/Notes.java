package org.storybot.bench;

/** The fixed part of {@code docs/benchmarks.md}: how each figure is measured and how to read it. */
final class Notes {
  private Notes() {}

  static final String TEXT =
      """
      ## How the figures are measured

      - **Corpus for speed**: the story's articles (`index/articles`) plus the BBC News dataset
        (`../shared/datasets/bbc-news-2225.jsonl`, 2,225 articles from 2004-2005, including the
        dataset's own 98 duplicated articles) as distractors, indexed from scratch into a fresh
        on-disk index (`StoryIndex.open` + `sync`): sentence splitting, MiniLM embeddings of every
        sentence, Lucene indexing, one commit. The rate is sentences per second of that whole step;
        the build-time note says how much of it the embedding model took. Sentences are embedded
        about 4,096 at a time, sorted by length in padded batches of 8 on both cores; a sentence
        text that occurs more than once (9 % of this corpus, mostly the duplicated articles) is
        embedded once. Both are what `storybot index` and `ingest` do too.
      - **Index size**: the bytes of the index folder after the commit. **Heap**: used heap after
        two `System.gc()` calls, once after the build and once with the index open after the
        latency runs (the launcher runs the JVM with SerialGC).
      - **Start to first answer**: a separate `java -jar target/storybot.jar ask QUESTION`
        process (the launcher's JVM flags for one question: the C1 compiler alone), timed from
        launch until its first line of output, on the index built above; median of 3. "Index
        only" points `--articles` at a missing folder, so the command opens the index and
        answers; "articles checked" points it at the corpus folder, as a default `storybot ask`
        does, so it also reads all articles and checks their hashes against the index before
        answering.
      - **Latency**: the 64 dev questions, 3 warm-up passes, then 20 passes (1,280 samples per
        line), each question timed for: `StoryIndex.search(q, 20)` (hybrid retrieval as the
        answerer calls it: question embedding, BM25, kNN, fusion, stored fields, coverage),
        `Answerer.answer(q)` (the whole extractive answer; no LLM), the question embedding alone,
        and `StoryIndex.plainBm25(q, 10)` (a `BooleanQuery` of `TermQuery`s over the sentence text,
        top 10, nothing else) on the same index. Throughput: the same 1,280 answers with 1 and
        with 2 threads sharing one `Answerer`.
      - **Profile**: Java Flight Recorder (`jdk.ExecutionSample` and `jdk.NativeMethodSample`
        every 10 ms) around 10 passes of answering the dev questions; only samples with Storybot
        code on the stack count. A sample inside the ONNX model shows as a native method sample of
        the Java thread that waits for it.

      ## Answer quality: protocol and comparability

      - **ReQA** (Ahmad et al. 2019, "ReQA: An Evaluation for End-to-End Answer Retrieval
        Models"): every sentence of every SQuAD v1.1 dev paragraph is a candidate (one article per
        paragraph, split by our `SentenceSplitter`; whitespace runs squeezed first, with answer
        offsets mapped). A question is right at rank r when the sentence there holds the start of
        one of its answer spans. Questions are deduplicated by text (gold sentences merged); a
        retrieved sentence whose text equals a gold sentence's counts as that sentence, which is
        what ReQA's deduplication of candidate texts amounts to. Searches go 50 deep: MRR counts
        ranks beyond 50 as 0 (at most about 0.003 lower than the full MRR).
      - "BM25, sentence text only" is plain Lucene BM25 over the sentence text alone (Lucene's
        `EnglishAnalyzer`: stemming, stop words), the baseline ReQA uses. "BM25 with context" is
        our lexical retriever as the answerer uses it: the same plus, weighted 0.3, a context
        field (article title, heading, previous and next sentence). Its nearest reference is
        plain BM25 over the sentence plus its whole paragraph, which SOURCES.md measured too.
      - **Reference lines**: `../shared/datasets/SOURCES.md` gives plain Okapi BM25 on this same
        file with ReQA's own splitter and protocol (sentence only: MRR 0.704, R@1 0.626, R@5
        0.798, R@10 0.840; sentence plus paragraph: MRR 0.751, R@1 0.671, R@5 0.843, R@10 0.887)
        and the output the ReQA evaluation code (`google/retrieval-qa-eval`, `squad_eval.py`)
        shows for this file for a neural dual encoder it does not name (mrr 0.625, r@1 0.515,
        r@5 0.758, r@10 0.831). The ReQA paper's own table reports SQuAD **train** (about 10x
        more candidates, so lower figures): it is not directly comparable with dev figures, and
        its rows could not be retrieved with the tools available for this run, so they are not
        quoted here rather than quoted from memory.
      - **Abstention** on SQuAD 2.0: each file's paragraphs indexed on their own, every question
        put to `Answerer.answer`. These are partial dev sets (see SOURCES.md), and a SQuAD 2.0
        unanswerable question is written to look answerable from its own paragraph, which is much
        harder than the off-topic questions a bot mostly sees.
      - **Dev question set**: the answerer's calibration set (64 questions on the seed article),
        so its figures are optimistic by construction; "story + distractors" asks the same
        questions of the big index.
      """;
}
