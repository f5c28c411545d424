package org.octave2vec;

import org.apache.spark.sql.SparkSession;

/** One local Spark for the whole test JVM: starting one costs seconds. */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("octave2vec-tests")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
              .config("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
              .getOrCreate();
    }
    return spark;
  }

  /** The frames table under {@code tables} with float32 levels, whatever its level encoding. */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frames(Object tables) {
    return org.octave2vec.common.FramesTable.read(
        get(), org.octave2vec.common.TableRoot.of(String.valueOf(tables)));
  }
}
