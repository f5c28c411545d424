package org.octave2vec.cli;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.Spark;
import picocli.CommandLine.Option;

/** Options every Spark job shares: the environment profile from conf/. */
public final class SparkOptions {
  @Option(names = "--profile", paramLabel = "FILE",
      description = "Spark settings (conf/local.conf, conf/standalone.conf, …). Default: none; "
          + "without spark-submit an embedded local Spark runs.")
  String profile;

  SparkSession session(String job) {
    // submit.sh names the default profile by a system property, so jobs without Spark take no flag
    Map<String, String> p = Spark.profile(profile != null ? profile : System.getProperty("octave2vec.profile"));
    return Spark.session(job, p);
  }
}
