package org.octave2vec;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** DuckDB in memory: the independent Parquet reader the tests check our tables with. */
public final class DuckDb {
  private DuckDb() {}

  /** What a test does with each row of a result. */
  public interface RowCheck {
    void accept(ResultSet row) throws SQLException;
  }

  /** Runs {@code sql}, handing each row to {@code check}; returns the number of rows. */
  public static long query(String sql, RowCheck check) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      long n = 0;
      while (rs.next()) {
        check.accept(rs);
        n++;
      }
      return n;
    }
  }

  /** The first row of {@code sql}'s result as longs (aggregates: counts, sums). */
  public static long[] longs(String sql) throws SQLException {
    long[][] first = new long[1][];
    query(
        sql,
        rs -> {
          if (first[0] == null) {
            first[0] = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < first[0].length; i++) {
              first[0][i] = rs.getLong(i + 1);
            }
          }
        });
    if (first[0] == null) {
      throw new IllegalStateException("no row from " + sql);
    }
    return first[0];
  }
}
