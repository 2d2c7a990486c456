package org.storybot.cli;

/** A setting is missing or wrong; the message names the variable to set. Exit code 78. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
