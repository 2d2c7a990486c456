package org.storybot.rank;

/**
 * A model file is missing, unreadable or does not fit this build. Not retriable: rebuild the models
 * with {@code storybot train} (or restore the shipped ones).
 */
public final class ModelException extends RuntimeException {
  public ModelException(String model, String problem, Throwable cause) {
    super("the model " + model + " " + problem, cause);
  }
}
