package org.octave2vec.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.EmbeddingsMeta;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the probe results of an evaluation into the model card of each model whose embeddings were
 * evaluated ({@code MODEL_CARD.md} beside the model, found through the embeddings table's
 * metadata): one section, replaced by the next evaluation, beside the best hand-crafted baseline.
 */
final class CardResults {
  private static final Logger LOG = LoggerFactory.getLogger(CardResults.class);
  static final String CARD = "MODEL_CARD.md";
  static final String BEGIN = "<!-- evaluate: begin -->";
  static final String END = "<!-- evaluate: end -->";
  private static final List<String> BASELINES = List.of("raw_stats", "rich_stats", "shape_stats");

  private CardResults() {}

  /** Updates the card of every evaluated set's model (sets with no model or card are left). */
  static void update(
      Configuration conf, Map<String, String> sets, List<TaskResult> results, String report) {
    sets.forEach(
        (name, table) -> {
          String model;
          try {
            model = EmbeddingsMeta.read(conf, table).model();
          } catch (UserException e) {
            return; // not written by embed: no model to describe
          }
          if (model == null) {
            return;
          }
          try {
            Path card = new Path(model, CARD);
            FileSystem fs = card.getFileSystem(conf);
            if (fs.exists(card)) {
              String text;
              try (InputStream in = fs.open(card)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
              }
              try (OutputStream out = fs.create(card, true)) {
                out.write(
                    replaceSection(text, section(name, results, report))
                        .getBytes(StandardCharsets.UTF_8));
              }
            }
          } catch (IOException e) {
            LOG.warn("evaluate: cannot update {}/{}: {}", model, CARD, e.toString());
          }
        });
  }

  /** The card with its evaluation section replaced (or added at the end). */
  static String replaceSection(String card, String section) {
    int b = card.indexOf(BEGIN);
    int e = card.indexOf(END);
    if (b >= 0 && e > b) {
      return card.substring(0, b) + section + card.substring(e + END.length());
    }
    return card + (card.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
  }

  /** The section for feature set {@code name}: each task's headline beside the best baseline. */
  static String section(String name, List<TaskResult> results, String report) {
    StringBuilder sb =
        new StringBuilder(BEGIN)
            .append("\n## Evaluation\n\n")
            .append("Linear probes on the `")
            .append(name)
            .append("` embeddings (`evaluate`, report: ")
            .append(report)
            .append("/report.md); mean ± std over folds × repeats.\n\n")
            .append("| task | metric | this model | best hand-crafted baseline | chance |\n")
            .append("|---|---|---|---|---|\n");
    for (TaskResult r : results) {
      if (!r.featureSet().equals(name)) {
        continue;
      }
      TaskResult best =
          results.stream()
              .filter(b -> b.task().equals(r.task()) && BASELINES.contains(b.featureSet()))
              .max(java.util.Comparator.comparingDouble(TaskResult::headlineMean))
              .orElse(null);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f ± %.3f | %s | %.3f |%n",
              r.task(),
              r.headline(),
              r.headlineMean(),
              r.headlineStd(),
              best == null
                  ? "–"
                  : String.format(Locale.ROOT, "%.3f (%s)", best.headlineMean(), best.featureSet()),
              r.headlineChance()));
    }
    return sb.append(END).toString();
  }
}
