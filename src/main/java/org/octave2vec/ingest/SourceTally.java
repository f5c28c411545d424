package org.octave2vec.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one source reader counts while it reads (CSV or HDF5 alike): data rows, frames kept, rows
 * rejected, blank lines, timestamps that go back (and clock jumps among them), the columns it did
 * not know and the extras it found. {@link #stats} turns it into the source's {@link SourceStats}.
 */
final class SourceTally {
  long data;
  long framesOut;
  long rejected;
  long blank;
  long outOfOrder;
  long jumps;
  boolean fileRejected;
  final Set<String> unknown = new LinkedHashSet<>();
  final Set<String> extrasFound = new LinkedHashSet<>();
  private long prevEpoch = Long.MIN_VALUE;

  /**
   * Counts a kept frame; an epoch before the previous one is out of order (a clock jump if > 1 s).
   */
  void kept(long epoch) {
    if (epoch < prevEpoch) {
      outOfOrder++;
      if (prevEpoch - epoch > SourceReader.CLOCK_JUMP_MS) {
        jumps++;
      }
    }
    prevEpoch = epoch;
    framesOut++;
  }

  SourceStats stats(String source, String sensor) {
    return new SourceStats(
        source,
        sensor,
        data,
        framesOut,
        rejected,
        blank,
        outOfOrder,
        jumps,
        fileRejected,
        List.copyOf(unknown),
        List.copyOf(extrasFound));
  }
}
