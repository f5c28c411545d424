package org.octave2vec.cli;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.Spark;
import picocli.CommandLine.Option;

/** Options every Spark job shares: the environment profile from conf/. */
public final class SparkOptions {
  @Option(
      names = "--profile",
      paramLabel = "FILE",
      description =
          "Spark settings (conf/local.conf, conf/standalone.conf, …). Default: none; "
              + "without spark-submit an embedded local Spark runs.")
  String profile;

  @Option(
      names = "--no-doctor",
      description = "Skip the checks of settings, executors and paths that run before the job.")
  boolean noDoctor;

  SparkSession session(String job) {
    return session(job, DoctorJob.Needs.of(List.of(), List.of(), false));
  }

  /** Starts Spark, then checks (driver and executors) what the job needs before it runs. */
  SparkSession session(String job, DoctorJob.Needs needs) {
    // submit.sh names the default profile by a system property, so jobs without Spark take no flag
    Map<String, String> p =
        Spark.profile(profile != null ? profile : System.getProperty("octave2vec.profile"));
    SparkSession s = Spark.session(job, p);
    if (!noDoctor && !"0".equals(System.getenv("OCTAVE2VEC_DOCTOR"))) {
      DoctorJob.preflight(s, needs);
    }
    return s;
  }
}
