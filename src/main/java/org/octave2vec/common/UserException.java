package org.octave2vec.common;

/**
 * A misuse the user can fix (missing input, unwritable output, bad option): one clear line, no
 * trace.
 */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
