package io.surrogate.synth.io;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnRole;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.pii.PiiKind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link TableSpec} that every model format embeds, so a stored model restores the
 * exact public schema it was fitted on. Enum constants are written by name, so adding one keeps old
 * models readable.
 */
public final class TableSpecCodec {
  private TableSpecCodec() {
  }

  /** Writes {@code spec}: name, width, then each column's declaration. */
  public static void write(DataOutputStream out, TableSpec spec) throws IOException {
    out.writeUTF(spec.name());
    out.writeInt(spec.width());
    for (ColumnSpec c : spec.columns()) {
      out.writeUTF(c.name());
      out.writeUTF(c.kind().name());
      out.writeBoolean(c.nullable());
      out.writeInt(c.scale());
      out.writeUTF(c.role().name());
      out.writeUTF(c.pii() == null ? "" : c.pii().name());
      out.writeBoolean(c.hasBounds());
      if (c.hasBounds()) {
        out.writeDouble(c.lower());
        out.writeDouble(c.upper());
      }
      out.writeInt(c.hasDomain() ? c.domain().size() : -1);
      if (c.hasDomain()) {
        for (String v : c.domain()) {
          out.writeUTF(v);
        }
      }
    }
  }

  /**
   * Reads a spec written by {@link #write}.
   *
   * @throws IOException when the bytes end early
   * @throws IllegalArgumentException when they name an unknown kind, role or PII kind
   */
  public static TableSpec read(DataInputStream in) throws IOException {
    String name = in.readUTF();
    int width = in.readInt();
    if (width <= 0 || width > 100_000) {
      throw new IllegalArgumentException("table spec: width " + width + " (expected: 1..100000)");
    }
    List<ColumnSpec> columns = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      String column = in.readUTF();
      ColumnKind kind = ColumnKind.valueOf(in.readUTF());
      boolean nullable = in.readBoolean();
      int scale = in.readInt();
      ColumnRole role = ColumnRole.valueOf(in.readUTF());
      String pii = in.readUTF();
      Double lower = null;
      Double upper = null;
      if (in.readBoolean()) {
        lower = in.readDouble();
        upper = in.readDouble();
      }
      int domainSize = in.readInt();
      List<String> domain = null;
      if (domainSize >= 0) {
        domain = new ArrayList<>(domainSize);
        for (int k = 0; k < domainSize; k++) {
          domain.add(in.readUTF());
        }
      }
      columns.add(new ColumnSpec(column, kind, nullable, scale, role, pii.isEmpty() ? null : PiiKind.valueOf(pii),
          lower, upper, domain));
    }
    return new TableSpec(name, columns);
  }
}
