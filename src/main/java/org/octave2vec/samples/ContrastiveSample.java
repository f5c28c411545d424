package org.octave2vec.samples;

import java.io.Serializable;

/**
 * A contrastive positive pair: two W-frame crops of one run. A crop starts {@code shift} frames (0
 * ≤ shift < hop) after the start of slice {@code a} (or {@code b}); with a shift it takes the rest
 * from the next slice, so crops fall at any frame offset while the table stores slice indices only.
 * {@code unit} names the stretch of the run the pair was drawn in (the frame offset of its start):
 * the dealing keeps the units of a minibatch distinct, so the batch's negatives come from other
 * recordings or from distant times.
 */
public record ContrastiveSample(
    String sensor, int runIndex, String split, int a, int aShift, int b, int bShift, int unit)
    implements Serializable {}
