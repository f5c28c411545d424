package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.DuckDb;
import org.octave2vec.TestSpark;

/** A table with no rows reads as 0 rows with its schema in Spark and DuckDB alike. */
class EmptyTableTest {
  @TempDir Path dir;

  @Test
  void anEmptyPartitionedWriteStillLeavesASchemaFile() throws Exception {
    StructType schema =
        new StructType()
            .add("sensor", DataTypes.StringType, false)
            .add("a_shift", DataTypes.IntegerType, false)
            .add("levels", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("split", DataTypes.StringType, false);
    Dataset<Row> empty = TestSpark.get().createDataFrame(List.<Row>of(), schema);
    String out = dir.resolve("samples/cbow").toString();
    empty.write().mode(SaveMode.Overwrite).partitionBy("split").parquet(out);
    try (var files = Files.walk(Path.of(out))) {
      assertFalse(
          files.anyMatch(f -> f.toString().endsWith(".parquet")),
          "Spark writes no file here: the case this guards");
    }
    assertTrue(
        EmptyTable.ensure(TestSpark.get().sparkContext().hadoopConfiguration(), out, schema));

    Dataset<Row> back = TestSpark.get().read().parquet(out);
    assertEquals(0, back.count());
    assertEquals(schema.fieldNames().length, back.schema().size());
    assertEquals(
        DataTypes.FloatType,
        ((org.apache.spark.sql.types.ArrayType) back.schema().apply("levels").dataType())
            .elementType());
    long[] duck = DuckDb.longs("SELECT count(*) FROM read_parquet('" + out + "/**/*.parquet')");
    assertEquals(0, duck[0]);
    assertEquals(
        4,
        DuckDb.query("DESCRIBE SELECT * FROM read_parquet('" + out + "/**/*.parquet')", r -> {}));
    // a table with rows is left alone
    assertFalse(
        EmptyTable.ensure(TestSpark.get().sparkContext().hadoopConfiguration(), out, schema));
  }
}
