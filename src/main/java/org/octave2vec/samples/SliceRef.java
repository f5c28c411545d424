package org.octave2vec.samples;

import java.io.Serializable;

/** A row of the {@code slices} table, by key. */
public record SliceRef(String sensor, int runIndex, int sliceIndex) implements Serializable {}
