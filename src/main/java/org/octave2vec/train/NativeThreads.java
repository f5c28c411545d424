package org.octave2vec.train;

import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The OpenMP team size of ND4J's native ops (oneDNN convolutions, reorders, pooling) on the calling
 * thread. ND4J 1.0.0-M2 leaves the thread that initialises it at {@code omp_get_max_threads() = 4}
 * on a 2-core machine whatever {@code OMP_NUM_THREADS} says (other threads read the variable), so
 * the training thread ran 4-thread oneDNN teams on 2 cores, whose spin barriers (the
 * weight-gradient reduction) then wait for preempted threads: TemporalGap small trained at 67 ms
 * per step instead of 41 (bench/onednn.sh, docs/benchmarks.md). OpenMP keeps the setting per
 * thread, so every thread that fits or infers calls {@link #pin()} first.
 */
public final class NativeThreads {

  private NativeThreads() {}

  /**
   * Threads for one thread's native ops: {@code OMP_NUM_THREADS} when it is a positive integer,
   * else the cores of this Spark task ({@code taskCpus} > 0), else the JVM's cores.
   */
  public static int wanted(String ompEnv, int taskCpus, int jvmCores) {
    if (ompEnv != null) {
      try {
        int n = Integer.parseInt(ompEnv.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // not a number: OpenMP itself ignores such a value, so do we
      }
    }
    return taskCpus > 0 ? taskCpus : Math.max(1, jvmCores);
  }

  /** Sets the calling thread's team size to {@link #wanted} for this process; returns it. */
  public static int pin() {
    TaskContext task = TaskContext.get();
    int n =
        wanted(
            System.getenv("OMP_NUM_THREADS"),
            task == null ? 0 : task.cpus(),
            Runtime.getRuntime().availableProcessors());
    set(n);
    return n;
  }

  /** Sets the calling thread's OpenMP team size for ND4J's native ops. */
  public static void set(int threads) {
    Nd4j.getBackend(); // ND4J initialised (and its own setting applied) before ours
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }

  /** The calling thread's OpenMP team size for ND4J's native ops. */
  public static int current() {
    Nd4j.getBackend();
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }

  /**
   * Pins the team size on the executor thread before every minibatch of DL4J's parameter-averaging
   * workers (the thread that initialised ND4J in an executor would otherwise keep ND4J's value; the
   * call costs microseconds).
   */
  public static final class Hook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
      pin();
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {}

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
      pin();
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {}
  }
}
