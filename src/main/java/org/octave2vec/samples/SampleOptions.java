package org.octave2vec.samples;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.Serializable;
import java.util.SplittableRandom;
import org.octave2vec.common.Spelled;
import org.octave2vec.common.Task;
import org.octave2vec.slices.StableHash;

/**
 * Options of the {@code samples} job. CLI flags use the kebab-case of these names.
 *
 * @param task the pretext task: what the table holds
 * @param context P, slices on each side of a CBoW / SkipGram target
 * @param maxGapSlices TemporalGap: largest distance drawn, and the normaliser of the target
 * @param signedGap TemporalGap: target in [-1, 1] with b possibly before a
 * @param samplesPerRun 0 = every target (cbow/skipgram) or one per eligible slice (gap/triplet);
 *     else cbow/skipgram keep at most this many random targets, gap/triplet draw this many anchors
 * @param positiveRadius triplet: the positive lies within this many slices of the anchor
 * @param seed base seed; per-run streams are derived from it
 * @param radiusFrames contrastive: the two crops of a pair start at most this many frames apart; a
 *     long run is drawn from in units of twice this length (see {@link ContrastiveSampler})
 * @param sameSensorBatches contrastive: deal each minibatch from one sensor, so that its negatives
 *     are other times of the same sensor and recognising the sensor or its background does not
 *     solve the task (false: any units, distinct where the data allows)
 * @param pairsPerStart contrastive, when {@code samplesPerRun} is 0: each unit draws this many
 *     pairs per crop start it holds (rounded at random, so fractions add up over units); 0: one
 *     pair per slice of the unit. {@link SamplePlan} chooses it from the data by default
 * @param activityFloor contrastive: 0, or the first crop of a pair starts in a slice with a
 *     probability that grows with its power above the run's background ({@link
 *     ContrastiveSampler#activity}), background slices keeping this much of it (an option: it
 *     measured no gain on the demo archive)
 */
@RecordBuilder
public record SampleOptions(
    Task task,
    int context,
    int maxGapSlices,
    boolean signedGap,
    int samplesPerRun,
    int positiveRadius,
    long seed,
    int radiusFrames,
    // omitted when false: tables built before the option still match the nightly recipe
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        boolean sameSensorBatches,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        double pairsPerStart,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        double activityFloor)
    implements Serializable, SampleOptionsBuilder.With {

  /** 8 s of 125 ms frames: the prototype's "two crops within ±8 s". */
  public static final int DEFAULT_RADIUS_FRAMES = 64;

  public static SampleOptions defaults(Task task) {
    return new SampleOptions(task, 2, 16, false, 0, 4, 42, DEFAULT_RADIUS_FRAMES, false, 0, 0);
  }

  public SampleOptions withGap(int max, boolean signed) {
    return withMaxGapSlices(max).withSignedGap(signed);
  }

  /** The random stream of one run: a function of (seed, task, sensor, runIndex) only. */
  public SplittableRandom random(String sensor, int runIndex) {
    return new SplittableRandom(StableHash.of(seed, task.id(), sensor, runIndex));
  }

  /** Checks every option; throws IllegalArgumentException naming the option. */
  public SampleOptions validate() {
    if (task == null) {
      throw new IllegalArgumentException(
          "task must be one of " + Spelled.ids(Task.class) + ", got " + task);
    }
    if (radiusFrames < 1) {
      throw new IllegalArgumentException("radiusFrames must be >= 1, got " + radiusFrames);
    }
    if (context < 1) {
      throw new IllegalArgumentException("context must be >= 1, got " + context);
    }
    if (maxGapSlices < 1) {
      throw new IllegalArgumentException("maxGapSlices must be >= 1, got " + maxGapSlices);
    }
    if (samplesPerRun < 0) {
      throw new IllegalArgumentException("samplesPerRun must be >= 0, got " + samplesPerRun);
    }
    if (!(pairsPerStart >= 0 && pairsPerStart <= 64)) {
      throw new IllegalArgumentException("pairsPerStart must be in [0, 64], got " + pairsPerStart);
    }
    if (!(activityFloor >= 0 && activityFloor <= 1)) {
      throw new IllegalArgumentException("activityFloor must be in [0, 1], got " + activityFloor);
    }
    if (positiveRadius < 1) {
      throw new IllegalArgumentException("positiveRadius must be >= 1, got " + positiveRadius);
    }
    return this;
  }
}
