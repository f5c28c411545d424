package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.octave2vec.TestSpark;

class NativeThreadsTest {

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void ompNumThreadsWinsThenTheTaskCoresThenTheJvmCores() {
    assertEquals(3, NativeThreads.wanted("3", 1, 8));
    assertEquals(3, NativeThreads.wanted(" 3 ", 0, 8));
    assertEquals(1, NativeThreads.wanted(null, 1, 8));
    assertEquals(2, NativeThreads.wanted("0", 2, 8)); // OpenMP ignores these values: so do we
    assertEquals(2, NativeThreads.wanted("two", 2, 8));
    assertEquals(8, NativeThreads.wanted(null, 0, 8));
    assertEquals(1, NativeThreads.wanted("", 0, 0));
  }

  @Test
  void theSettingBelongsToTheCallingThreadOnly() throws Exception {
    int before = NativeThreads.current();
    AtomicInteger seen = new AtomicInteger();
    Thread t =
        new Thread(
            () -> {
              NativeThreads.set(before + 2);
              seen.set(NativeThreads.current());
            });
    t.start();
    t.join();
    assertEquals(before + 2, seen.get());
    assertEquals(before, NativeThreads.current());
  }

  @Test
  void localTrainingPinsItsThreadWhateverNd4jLeftThere() throws Exception {
    int wanted = NativeThreads.wanted(System.getenv("OMP_NUM_THREADS"), 0, CORES);
    AtomicInteger seen = new AtomicInteger();
    Thread t =
        new Thread(
            () -> {
              NativeThreads.set(
                  wanted + 3); // as ND4J leaves the thread that initialises it (4 on 2 cores)
              ModelConfig tiny = ModelConfig.tiny(8);
              LocalTrainer.fit(
                  Audio2VecModels.cbow(tiny),
                  new SingletonMultiDataSetIterator(TrainTestData.cbow(tiny, 4, 1)),
                  null,
                  1);
              seen.set(NativeThreads.current());
            });
    t.start();
    t.join();
    assertEquals(wanted, seen.get());
  }

  @Test
  void theWorkerHookPinsEachSparkTaskToItsCores() {
    int wanted =
        NativeThreads.wanted(System.getenv("OMP_NUM_THREADS"), 1, CORES); // spark.task.cpus = 1
    List<Integer> seen =
        JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext())
            .parallelize(List.of(1, 2, 3, 4), 4)
            .map(
                i -> {
                  NativeThreads.set(wanted + 3);
                  new NativeThreads.Hook()
                      .preUpdate((org.nd4j.linalg.dataset.api.MultiDataSet) null, null);
                  return NativeThreads.current();
                })
            .collect();
    assertEquals(List.of(wanted, wanted, wanted, wanted), seen);
  }
}
