package org.octave2vec.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The one masking point for what the program prints: a stream that passes each line (ended by
 * {@code \n} or {@code \r}, or cut by a flush) through {@link Redact#text} before it reaches the
 * terminal. {@link #install()} puts it in front of {@code System.out} and {@code System.err}, so
 * the option parser's messages, Spark's and every job's own lines are masked alike.
 */
public final class RedactingStream extends OutputStream {
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

  public RedactingStream(OutputStream out) {
    this.out = out;
  }

  /** Wraps {@code System.out} and {@code System.err} once (a second call changes nothing). */
  public static synchronized void install() {
    if (!(System.out instanceof Wrapped)) {
      System.setOut(new Wrapped(System.out));
    }
    if (!(System.err instanceof Wrapped)) {
      System.setErr(new Wrapped(System.err));
    }
  }

  /** A print stream over a redacting stream, recognisable so it is never wrapped twice. */
  static final class Wrapped extends PrintStream {
    Wrapped(PrintStream target) {
      super(new RedactingStream(target), true, StandardCharsets.UTF_8);
    }
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n' || b == '\r') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        line.write(b, start, i + 1 - start);
        emit();
        start = i + 1;
      }
    }
    line.write(b, start, off + len - start);
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
  }

  private void emit() throws IOException {
    if (line.size() == 0) {
      return;
    }
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    out.write(Redact.text(s).getBytes(StandardCharsets.UTF_8));
  }
}
