package dev.lambdaloom.functions.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** An in-memory DuckDB, to read back what we write with an independent Parquet reader. */
final class DuckDb implements AutoCloseable {
  private final Connection connection;

  DuckDb() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
  }

  /** {@code path} as a SQL string literal. */
  static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** The rows of {@code sql}, each column as DuckDB's JDBC driver returns it. */
  List<List<Object>> query(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rows.getMetaData();
      List<List<Object>> result = new ArrayList<>();
      while (rows.next()) {
        List<Object> row = new ArrayList<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          Object value = rows.getObject(column);
          row.add(value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
        }
        result.add(row);
      }
      return result;
    }
  }

  /** The single row of {@code sql}. */
  List<Object> row(String sql) throws SQLException {
    List<List<Object>> rows = query(sql);
    if (rows.size() != 1) throw new AssertionError("expected one row, got " + rows.size() + " from " + sql);
    return rows.getFirst();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
