package io.surrogate.synth.cart;

import io.surrogate.synth.io.TableSpecCodec;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.TableSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A fitted sequential CART model: per modelled column in visit order, a coder and a tree over the
 * columns before it. Immutable; sampling reads only the random stream it is given.
 *
 * <p>Binary format (DataOutputStream, big-endian): magic {@code "CART"}, format version, the table spec,
 * the noisy row count, the visit order, then each visited column's coder and tree.
 */
public final class CartModel implements TableModel {
  static final int MAGIC = 0x43415254;
  static final int VERSION = 1;

  private final TableSpec spec;
  private final long noisyRowCount;
  private final int[] visitOrder;
  private final ColumnCoder[] coders;
  private final Tree[] trees;

  CartModel(TableSpec spec, long noisyRowCount, int[] visitOrder, ColumnCoder[] coders, Tree[] trees) {
    this.spec = spec;
    this.noisyRowCount = noisyRowCount;
    this.visitOrder = visitOrder.clone();
    this.coders = coders.clone();
    this.trees = trees.clone();
  }

  @Override
  public TableSpec spec() {
    return spec;
  }

  @Override
  public String generator() {
    return CartGenerator.NAME;
  }

  @Override
  public long noisyRowCount() {
    return noisyRowCount;
  }

  /** Names of the modelled columns in the order they are drawn. */
  public List<String> visitOrder() {
    List<String> names = new ArrayList<>();
    for (int c : visitOrder) {
      names.add(spec.column(c).name());
    }
    return names;
  }

  /** Depth of the tree drawing a column (0: its noisy marginal). */
  public int depth(String column) {
    int c = spec.indexOf(column);
    if (c < 0 || trees[c] == null) {
      throw new IllegalArgumentException("column: '" + column + "' (expected: a modelled column)");
    }
    return trees[c].depth();
  }

  ColumnCoder coder(int column) {
    return coders[column];
  }

  Tree tree(int column) {
    return trees[column];
  }

  @Override
  public void sample(RandomGenerator random, Object[][] out) {
    int[] codes = new int[spec.width()];
    for (Object[] row : out) {
      for (int c = 0; c < row.length; c++) {
        row[c] = null;
      }
      for (int c : visitOrder) {
        int code = trees[c].draw(codes, random);
        codes[c] = code;
        row[c] = coders[c].decode(code, random);
      }
    }
  }

  @Override
  public boolean conditions() {
    return true;
  }

  /**
   * Given columns must come first in the visit order (training puts them there); their trees are skipped and
   * their values encoded, so every later tree splits on them as it did on real values.
   */
  @Override
  public void sampleGiven(RandomGenerator random, Object[][] out, boolean[] given) {
    boolean drawing = false;
    for (int c : visitOrder) {
      if (given[c] && drawing) {
        throw new IllegalArgumentException("given column " + spec.column(c).name()
            + " is visited after a drawn column (expected: given columns first in visit_order)");
      }
      drawing |= !given[c];
    }
    int[] codes = new int[spec.width()];
    for (Object[] row : out) {
      for (int c = 0; c < row.length; c++) {
        if (!given[c]) {
          row[c] = null;
        }
      }
      for (int c : visitOrder) {
        if (given[c]) {
          codes[c] = coders[c].encode(row[c]);
        } else {
          int code = trees[c].draw(codes, random);
          codes[c] = code;
          row[c] = coders[c].decode(code, random);
        }
      }
    }
  }

  @Override
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      TableSpecCodec.write(out, spec);
      out.writeLong(noisyRowCount);
      out.writeInt(visitOrder.length);
      for (int c : visitOrder) {
        out.writeInt(c);
        coders[c].write(out);
        trees[c].write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Restores a model written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException when the bytes are not a CART model of a known version
   */
  static CartModel read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(
            "cart model: magic 0x" + Integer.toHexString(magic) + " (expected: 0x" + Integer.toHexString(MAGIC) + ")");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("cart model: format version " + version + " (expected: " + VERSION + ")");
      }
      TableSpec spec = TableSpecCodec.read(in);
      long rows = in.readLong();
      int[] order = new int[in.readInt()];
      ColumnCoder[] coders = new ColumnCoder[spec.width()];
      Tree[] trees = new Tree[spec.width()];
      for (int i = 0; i < order.length; i++) {
        int c = in.readInt();
        if (c < 0 || c >= spec.width() || coders[c] != null) {
          throw new IllegalArgumentException("cart model: visit order entry " + c + " (expected: a new column index)");
        }
        order[i] = c;
        coders[c] = ColumnCoder.read(spec.column(c), in);
        trees[c] = Tree.read(in, spec.width());
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("cart model: trailing bytes (expected: end of model)");
      }
      return new CartModel(spec, rows, order, coders, trees);
    } catch (IOException e) {
      throw new IllegalArgumentException("cart model: truncated or corrupt (" + e.getMessage() + ")", e);
    }
  }

}
