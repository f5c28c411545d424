package org.octave2vec.ingest;

import java.util.List;

/**
 * What reading one CSV source found. {@code dataLines} counts every non-blank line after the header
 * that was read as a row; {@code dataLines == framesOut + rowsRejected} for every source.
 *
 * @param fileRejected true when the source (or its unreadable rest) went to quarantine whole
 * @param outOfOrder rows whose epoch is below the previous row's (sorted later, not an error)
 * @param clockJumps backward steps larger than {@link SourceReader#CLOCK_JUMP_MS}
 */
public record SourceStats(
    String source,
    String sensor,
    long dataLines,
    long framesOut,
    long rowsRejected,
    long blankLines,
    long outOfOrder,
    long clockJumps,
    boolean fileRejected,
    List<String> unknownColumns,
    List<String> extrasFound)
    implements java.io.Serializable {}
