package org.storybot.answer;

/**
 * Where a streamed answer shows while the model writes it (a Telegram message being edited, a
 * terminal). Only checked text is ever shown: the sentences the model has finished that pass the
 * same citation check as the final answer, so a draft is always the start of the final text when
 * the stream completes (a failed stream ends with the extractive answer instead).
 *
 * <p>Called on the thread that asked, never concurrently: first with {@code ""} as soon as the
 * model is asked, then on every token and at least every quarter second with the checked text so
 * far (checked again at most every quarter second; the same text again when nothing new passed).
 */
@FunctionalInterface
public interface Drafts {
  /** Shows {@code checkedSoFar} (plain text with {@code [n]} markers; empty at first). */
  void show(String checkedSoFar);
}
