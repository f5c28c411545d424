package org.octave2vec.cli;

import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.Spelled;
import org.octave2vec.common.Task;
import org.octave2vec.generate.ArchiveFormat;
import org.octave2vec.ingest.AudioSettings;
import org.octave2vec.ingest.SensorIdRule;
import org.octave2vec.slices.SplitBy;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.Pooling;
import org.octave2vec.train.TrainOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the command line binds each closed set of choices ({@link Spelled} enums): the option takes
 * the constant's id in any case ({@code --task gap}), and a misspelling is one line naming the
 * choices. Named on each option ({@code converter = ...}), so a command parsed on its own binds the
 * same way as under {@link Main}.
 */
final class ChoiceConverters {
  private ChoiceConverters() {}

  /** The converter of one enum; {@code what} starts the message of a value it does not know. */
  abstract static class Of<E extends Enum<E> & Spelled> implements ITypeConverter<E> {
    private final Class<E> type;
    private final String what;

    Of(Class<E> type, String what) {
      this.type = type;
      this.what = what;
    }

    @Override
    public E convert(String value) {
      try {
        return Spelled.parse(type, what, value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --task}, {@code --samples}: contrastive, cbow, skipgram, gap, triplet. */
  public static final class TaskChoice extends Of<Task> {
    public TaskChoice() {
      super(Task.class, "task");
    }
  }

  /** {@code train --pooling}: max, mean, meanmax. */
  public static final class PoolingChoice extends Of<Pooling> {
    public PoolingChoice() {
      super(Pooling.class, "--pooling");
    }
  }

  /** {@code --layer} of train, embed and export-model: dense, pooled, multiscale. */
  public static final class LayerChoice extends Of<EncoderOutput> {
    public LayerChoice() {
      super(EncoderOutput.class, "--layer");
    }
  }

  /** {@code train --output}, the old spelling of {@code --layer}. */
  public static final class OutputChoice extends Of<EncoderOutput> {
    public OutputChoice() {
      super(EncoderOutput.class, "--output");
    }
  }

  /** {@code --split-by} of slice, pretrain and nightly: time, sensor. */
  public static final class SplitByChoice extends Of<SplitBy> {
    public SplitByChoice() {
      super(SplitBy.class, "--split-by");
    }
  }

  /** {@code --sensor-from} of ingest, ingest-audio and nightly: name, parent, regex. */
  public static final class SensorFromChoice extends Of<SensorIdRule.Mode> {
    public SensorFromChoice() {
      super(SensorIdRule.Mode.class, "--sensor-from");
    }
  }

  /** {@code --level-encoding}: auto, centi, float, centi_db, float32. */
  public static final class LevelEncodingChoice extends Of<LevelEncoding.Option> {
    public LevelEncodingChoice() {
      super(LevelEncoding.Option.class, "--level-encoding");
    }
  }

  /** {@code generate --format}: csv, csv.gz, zip, tar.gz. */
  public static final class FormatChoice extends Of<ArchiveFormat> {
    public FormatChoice() {
      super(ArchiveFormat.class, "--format");
    }
  }

  /** {@code ingest-audio --representation}: third-octave, logmel. */
  public static final class RepresentationChoice extends Of<AudioSettings.Representation> {
    public RepresentationChoice() {
      super(AudioSettings.Representation.class, "--representation");
    }
  }

  /** {@code train --preset}: tiny, small, reference. */
  public static final class PresetChoice extends Of<TrainOptions.Preset> {
    public PresetChoice() {
      super(TrainOptions.Preset.class, "--preset");
    }
  }

  /** {@code train --mode}: local, spark. */
  public static final class ModeChoice extends Of<TrainOptions.Mode> {
    public ModeChoice() {
      super(TrainOptions.Mode.class, "--mode");
    }
  }

  /** {@code train --target}: slice, residual. */
  public static final class TargetChoice extends Of<TrainOptions.Target> {
    public TargetChoice() {
      super(TrainOptions.Target.class, "--target");
    }
  }

  /** The completion candidates of {@code train --task}: the tasks a model trains on. */
  public static final class TrainTasks implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return TrainOptions.TASKS.stream().map(Task::id).iterator();
    }
  }

  /** {@code train --task}: the tasks a model trains on (no triplet). */
  public static final class TrainTaskChoice implements ITypeConverter<Task> {
    @Override
    public Task convert(String value) {
      Task t = Spelled.find(Task.class, value);
      if (t == null || !TrainOptions.TASKS.contains(t)) {
        throw new TypeConversionException(
            "task must be one of "
                + TrainOptions.TASKS.stream().map(Task::id).toList()
                + ", got "
                + value);
      }
      return t;
    }
  }
}
