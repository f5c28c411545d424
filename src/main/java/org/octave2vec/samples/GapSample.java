package org.octave2vec.samples;

import java.io.Serializable;

/**
 * A TemporalGap pair of one run: slices a and b, {@code gapSlices = b - a}, and the regression
 * target {@code gapSlices / maxGapSlices} (b > a unless signed).
 */
public record GapSample(
    String sensor, int runIndex, String split, int a, int b, int gapSlices, float target)
    implements Serializable {}
