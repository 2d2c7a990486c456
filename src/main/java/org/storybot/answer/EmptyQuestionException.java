package org.storybot.answer;

/** A question with no words in it. The caller should ask the person for a real question. */
public final class EmptyQuestionException extends IllegalArgumentException {
  public EmptyQuestionException() {
    super("the question is empty: ask something about the story");
  }
}
