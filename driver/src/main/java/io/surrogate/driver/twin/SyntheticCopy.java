package io.surrogate.driver.twin;

import io.surrogate.catalog.ColumnFill;
import io.surrogate.catalog.ColumnPolicy;
import io.surrogate.catalog.TablePolicy;
import io.surrogate.driver.internal.ServingModel;
import io.surrogate.synth.TableSpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one sensitive table's synthetic rows into the twin with {@code COPY ... FROM STDIN} (text format), one
 * partition per call, exactly the partitions the Calcite engine serves. Columns the model does not produce get the
 * policy's {@code fill:}; without one they are NULL when nullable, left to their default when they have one, else
 * given a data-free value of their type. Expression fills are applied once every partition is in.
 */
final class SyntheticCopy {
  private static final int FLUSH_CHARS = 1 << 20;

  private final String qualified;
  private final String tableName;
  private final ServingModel model;
  private final int[] source;
  private final CopyText.Kind[] kinds;
  private final int[] scales;
  private final String[] constants;
  private final String sql;
  private final List<String> expressions;

  private SyntheticCopy(String qualified, String tableName, ServingModel model, List<TwinColumn> columns,
      TablePolicy policy) throws SQLException {
    this.qualified = qualified;
    this.tableName = tableName;
    this.model = model;
    TableSpec spec = model.model().spec();
    List<TwinColumn> written = new ArrayList<>();
    List<Integer> src = new ArrayList<>();
    List<String> consts = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (TwinColumn c : columns) {
      int s = indexIgnoringCase(spec, c.name());
      String constant = null;
      if (s < 0) {
        ColumnPolicy declared = policy.column(c.name());
        ColumnFill fill = declared == null ? null : declared.fill();
        if (fill != null && fill.kind() == ColumnFill.Kind.SQL) {
          exprs.add(Identifiers.quote(c.name()) + " = (" + fill.sql() + ")");
          continue;
        }
        if (fill != null && fill.kind() == ColumnFill.Kind.DEFAULT) {
          continue;
        }
        if (fill != null && fill.kind() == ColumnFill.Kind.NULL) {
          constant = "\\N";
        } else if (fill == null && (!c.notNull() || c.hasDefault())) {
          continue;
        } else {
          constant = c.dataFreeText();
          if (constant == null) {
            throw TwinErrors.create(TwinErrors.OBJECT_NOT_READY, "table " + qualified + " column " + c.name()
                + " (" + c.baseType() + (c.notNull() ? ", NOT NULL" : "") + ") is not produced by the model and"
                + " its type has no data-free value (expected: fill: null, default or { sql: <expression> } in"
                + " the policy, or a default in the source)");
          }
        }
      }
      written.add(c);
      src.add(s);
      consts.add(constant);
    }
    source = src.stream().mapToInt(Integer::intValue).toArray();
    kinds = new CopyText.Kind[written.size()];
    scales = new int[written.size()];
    constants = consts.toArray(new String[0]);
    StringBuilder cols = new StringBuilder();
    for (int i = 0; i < written.size(); i++) {
      kinds[i] = CopyText.kind(written.get(i).baseType());
      scales[i] = written.get(i).scale();
      cols.append(i == 0 ? "" : ", ").append(Identifiers.quote(written.get(i).name()));
    }
    sql = "COPY " + qualified + " (" + cols + ") FROM STDIN";
    expressions = List.copyOf(exprs);
  }

  static SyntheticCopy of(Connection twin, String schema, String table, ServingModel model, TablePolicy policy)
      throws SQLException {
    return new SyntheticCopy(Identifiers.quote(schema) + "." + Identifiers.quote(table), table, model,
        TwinColumn.read(twin, schema, table), policy);
  }

  /**
   * Applies the policy's expression fills over the loaded rows, before the post-data schema (so no trigger fires
   * and no index is maintained); the expressions see only the row's synthetic columns.
   */
  void fillExpressions(Connection twin) throws SQLException {
    if (expressions.isEmpty()) {
      return;
    }
    try (Statement s = twin.createStatement()) {
      s.executeUpdate("UPDATE " + qualified + " SET " + String.join(", ", expressions));
    } catch (SQLException e) {
      throw new SQLException("table " + qualified + ": a fill: { sql: ... } expression of its policy failed: "
          + e.getMessage(), e.getSQLState(), e);
    }
  }

  int partitionCount() {
    return model.sampler().partitionCount();
  }

  long rows() {
    return model.rows();
  }

  /** Copies partition {@code index} over {@code twin}; returns the rows written. */
  long copy(Connection twin, int index) throws SQLException {
    Object[][] rows = model.partition(index);
    CopyIn in = twin.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      StringBuilder b = new StringBuilder(FLUSH_CHARS + 4096);
      for (Object[] row : rows) {
        for (int c = 0; c < source.length; c++) {
          if (c > 0) {
            b.append('\t');
          }
          if (source[c] < 0) {
            b.append(constants[c]);
          } else {
            CopyText.append(b, row[source[c]], kinds[c], scales[c]);
          }
        }
        b.append('\n');
        if (b.length() >= FLUSH_CHARS) {
          write(in, b);
        }
      }
      write(in, b);
      in.endCopy();
      return rows.length;
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void write(CopyIn in, StringBuilder b) throws SQLException {
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    b.setLength(0);
  }

  String table() {
    return qualified;
  }

  /** The table's name in the twin, unqualified. */
  String tableName() {
    return tableName;
  }

  int modelVersion() {
    return model.version();
  }

  private static int indexIgnoringCase(TableSpec spec, String name) {
    for (int i = 0; i < spec.width(); i++) {
      if (spec.column(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

}
