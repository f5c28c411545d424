package org.octave2vec.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorted runs of frames spilled to local disk and merged back, so that a source of any length is
 * sorted in bounded memory. A run is a file of fixed-size records (epoch, line, bands, extras) in
 * (epoch, line) order; lines are unique within a source, so the merge order is total and equals the
 * in-memory sort's.
 */
final class SortedRuns implements Closeable {
  /** Read buffer per run: a merge of a few hundred runs stays within a few tens of MB. */
  static final int READ_BUFFER = 32 * 1024;

  /** Frames in (epoch, line) order, one at a time; the arrays are refilled by each advance. */
  abstract static class Cursor {
    long epoch;
    long line;
    float[] bands;
    float[] extras;

    /** Moves to the next frame; false when there is none. */
    abstract boolean advance() throws IOException;
  }

  private final int nb;
  private final int nx;
  private final Path dir;
  private final List<Path> files = new ArrayList<>();
  private final List<Closeable> readers = new ArrayList<>();

  SortedRuns(int nBands, int nExtras, Path dir) {
    nb = nBands;
    nx = nExtras;
    this.dir = dir;
  }

  int count() {
    return files.size();
  }

  static int recordBytes(int nb, int nx) {
    return 16 + 4 * (nb + nx);
  }

  /**
   * Writes one run: the frames at {@code order} (already sorted), columnar arrays as in the buffer.
   */
  void write(long[] epochs, long[] lines, float[] bands, float[] extras, int[] order)
      throws IOException {
    Path f = Files.createTempFile(dir, "octave2vec-sort-", ".run");
    files.add(f); // before writing: close() removes a half-written run too
    ByteBuffer rec = ByteBuffer.allocate(recordBytes(nb, nx));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
      for (int i : order) {
        rec.clear();
        rec.putLong(epochs[i]).putLong(lines[i]);
        for (int k = 0; k < nb; k++) {
          rec.putFloat(bands[i * nb + k]);
        }
        for (int k = 0; k < nx; k++) {
          rec.putFloat(extras[i * nx + k]);
        }
        out.write(rec.array());
      }
    }
  }

  /** The spilled runs and {@code last} (the frames still in memory) merged into one cursor. */
  Cursor merge(Cursor last) throws IOException {
    PriorityQueue<Cursor> heap =
        new PriorityQueue<>(
            Comparator.<Cursor>comparingLong(c -> c.epoch).thenComparingLong(c -> c.line));
    List<Cursor> all = new ArrayList<>();
    for (Path f : files) {
      FileCursor c = new FileCursor(f, nb, nx);
      readers.add(c.in);
      all.add(c);
    }
    all.add(last);
    for (Cursor c : all) {
      if (c.advance()) {
        heap.add(c);
      }
    }
    return new Cursor() {
      private Cursor head;

      @Override
      boolean advance() throws IOException {
        if (head != null && head.advance()) {
          heap.add(head);
        }
        head = heap.poll();
        if (head == null) {
          return false;
        }
        epoch = head.epoch;
        line = head.line;
        bands = head.bands;
        extras = head.extras;
        return true;
      }
    };
  }

  /** Removes the run files (and closes their readers); safe to call twice. */
  @Override
  public void close() {
    for (Closeable r : readers) {
      try {
        r.close();
      } catch (IOException ignored) {
        // deleting the file below is what matters
      }
    }
    readers.clear();
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // a run left in the temp directory is harmless
      }
    }
    files.clear();
  }

  private static final class FileCursor extends Cursor {
    private final InputStream in;
    private final ByteBuffer rec;
    private final int nb;
    private final int nx;

    FileCursor(Path f, int nb, int nx) throws IOException {
      this.nb = nb;
      this.nx = nx;
      in = new BufferedInputStream(Files.newInputStream(f), READ_BUFFER);
      rec = ByteBuffer.allocate(recordBytes(nb, nx));
      bands = new float[nb];
      extras = new float[nx];
    }

    @Override
    boolean advance() throws IOException {
      int r = in.readNBytes(rec.array(), 0, rec.capacity());
      if (r < rec.capacity()) {
        in.close();
        if (r > 0) {
          throw new IOException("sorted run truncated: " + r + " bytes of a record");
        }
        return false;
      }
      rec.clear();
      epoch = rec.getLong();
      line = rec.getLong();
      for (int k = 0; k < nb; k++) {
        bands[k] = rec.getFloat();
      }
      for (int k = 0; k < nx; k++) {
        extras[k] = rec.getFloat();
      }
      return true;
    }
  }
}
