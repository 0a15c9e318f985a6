package io.surrogate.synth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The public shape of a table: its name and columns in source order.
 *
 * @param name table name as the source spells it
 * @param columns columns in source order
 */
public record TableSpec(String name, List<ColumnSpec> columns) {

  /** Validates that the table has columns and that their names are unique ignoring case. */
  public TableSpec {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + ": no columns");
    }
    for (int i = 0; i < columns.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (columns.get(i).name().equalsIgnoreCase(columns.get(j).name())) {
          throw new IllegalArgumentException("table " + name + ": duplicate column " + columns.get(i).name());
        }
      }
    }
  }

  public int width() {
    return columns.size();
  }

  public ColumnSpec column(int index) {
    return columns.get(index);
  }

  /** Index of the column whose name matches ignoring case, or -1. */
  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(columnName)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A hash of names, kinds, nullability and roles; a model trained under another fingerprint no longer
   * matches the table.
   */
  public String fingerprint() {
    StringBuilder text = new StringBuilder(name.toLowerCase(Locale.ROOT));
    for (ColumnSpec c : columns) {
      text.append('|').append(c.name().toLowerCase(Locale.ROOT)).append(':').append(c.kind())
          .append(':').append(c.nullable()).append(':').append(c.scale()).append(':').append(c.role())
          .append(':').append(c.pii());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
