package org.octave2vec.audio;

/** The bytes are not audio this package can decode; the message names the input and the reason. */
public class UnsupportedAudioException extends Exception {

  public UnsupportedAudioException(String message) {
    super(message);
  }

  public UnsupportedAudioException(String message, Throwable cause) {
    super(message, cause);
  }
}
