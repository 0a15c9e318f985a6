package io.surrogate.synth.relational;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The foreign-key links of one synthetic table as training released them; stored beside the table's model and
 * read back for serving. At most one link drives the layout.
 */
public record RelationalModel(List<LinkModel> links) {
  private static final int FORMAT = 2;

  /** Validates that at most one link drives and that columns are distinct. */
  public RelationalModel {
    links = List.copyOf(links);
    if (links.stream().filter(l -> l.kind() == LinkModel.Kind.DRIVING).count() > 1) {
      throw new IllegalArgumentException("more than one driving link: " + links);
    }
    if (links.stream().map(l -> l.column().toLowerCase(java.util.Locale.ROOT)).distinct().count() != links.size()) {
      throw new IllegalArgumentException("one column in two links: " + links);
    }
  }

  /** The link that lays the table out parent by parent, if any. */
  public Optional<LinkModel> driving() {
    return links.stream().filter(l -> l.kind() == LinkModel.Kind.DRIVING).findFirst();
  }

  /** Synthetic tables this one's row count or keys depend on (its synthetic parents, not itself). */
  public List<String> syntheticParents() {
    List<String> out = new ArrayList<>();
    for (LinkModel l : links) {
      if (!l.realParent() && l.kind() != LinkModel.Kind.SELF && !out.contains(l.parentTable())) {
        out.add(l.parentTable());
      }
    }
    return out;
  }

  /** Serializes the release (no raw data is in it: only DP weights, public keys and names). */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeInt(links.size());
      for (LinkModel l : links) {
        out.writeUTF(l.column());
        out.writeUTF(l.parentTable());
        out.writeUTF(l.kind().name());
        out.writeInt(l.cap());
        double[] w = l.weights();
        out.writeInt(w.length);
        for (double v : w) {
          out.writeDouble(v);
        }
        out.writeBoolean(l.realParent());
        if (l.realParent()) {
          out.writeInt(l.realKeys().size());
          for (String k : l.realKeys()) {
            out.writeUTF(k);
          }
        }
        out.writeDouble(l.nullRate());
        out.writeBoolean(l.distinctPerParent());
        out.writeInt(l.conditionOn().size());
        for (String c : l.conditionOn()) {
          out.writeUTF(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #toBytes()} wrote. */
  public static RelationalModel read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readInt();
      if (format < 1 || format > FORMAT) {
        throw new IllegalArgumentException("relational model format " + format + " (expected: 1.." + FORMAT + ")");
      }
      int n = in.readInt();
      List<LinkModel> links = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String column = in.readUTF();
        String parent = in.readUTF();
        LinkModel.Kind kind = LinkModel.Kind.valueOf(in.readUTF());
        int cap = in.readInt();
        double[] w = new double[in.readInt()];
        for (int j = 0; j < w.length; j++) {
          w[j] = in.readDouble();
        }
        List<String> keys = null;
        if (in.readBoolean()) {
          int k = in.readInt();
          keys = new ArrayList<>(k);
          for (int j = 0; j < k; j++) {
            keys.add(in.readUTF());
          }
        }
        double nullRate = in.readDouble();
        boolean distinct = in.readBoolean();
        List<String> conditionOn = new ArrayList<>();
        if (format >= 2) {
          int c = in.readInt();
          for (int j = 0; j < c; j++) {
            conditionOn.add(in.readUTF());
          }
        }
        links.add(new LinkModel(column, parent, kind, cap, w, keys, nullRate, distinct, conditionOn));
      }
      return new RelationalModel(links);
    } catch (IOException e) {
      throw new IllegalArgumentException("relational model: unreadable bytes", e);
    }
  }
}
