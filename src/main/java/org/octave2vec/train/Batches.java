package org.octave2vec.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The minibatches of one split, by index: a list assembled once ({@link #of}), or {@link
 * ExecutorBatches}, kept on the executors and assembled at each use (contrastive views with
 * augmentations seeded by (seed, epoch, index), so every epoch sees new views of the same pairs).
 */
public interface Batches {
  int size();

  MultiDataSet get(int index, int epoch);

  default List<MultiDataSet> get(List<Integer> indices, int epoch) {
    List<MultiDataSet> out = new ArrayList<>();
    for (int i : indices) {
      out.add(get(i, epoch));
    }
    return out;
  }

  /**
   * The indices in groups that are cheapest read together (a trainer that shuffles keeps a group's
   * minibatches together); one group when any order costs the same.
   */
  default List<List<Integer>> groups() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      all.add(i);
    }
    return List.of(all);
  }

  /**
   * A step's minibatches as {@code workers} partitions, partition w holding worker w's (the indices
   * are worker-major): here assembled on the driver and shipped.
   */
  default JavaRDD<MultiDataSet> rdd(
      JavaSparkContext jsc, List<Integer> indices, int epoch, int workers) {
    return jsc.parallelize(get(indices, epoch), workers);
  }

  default List<MultiDataSet> all() {
    List<MultiDataSet> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      out.add(get(i, 0));
    }
    return out;
  }

  static Batches of(List<MultiDataSet> list) {
    return new Batches() {
      @Override
      public int size() {
        return list.size();
      }

      @Override
      public MultiDataSet get(int index, int epoch) {
        return list.get(index);
      }
    };
  }
}
