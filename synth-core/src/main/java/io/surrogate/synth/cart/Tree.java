package io.surrogate.synth.cart;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * A fitted tree for one target column: internal nodes test one earlier column's code, leaves point to
 * a cumulative sampling distribution over the target's codes (already noisy, clamped and normalised;
 * leaves that fell back to the same ancestor share one).
 */
final class Tree {
  /** Split test "code &lt;= value" (ordered bins or public domain order). */
  static final byte LESS_EQUAL = 0;
  /** Split test "code == value" (one category against the rest). */
  static final byte EQUAL = 1;

  private final int[] splitColumn;
  private final byte[] splitKind;
  private final int[] splitValue;
  private final int[] left;
  private final int[] right;
  private final int[] distribution;
  private final double[][] cdfs;

  /**
   * @param left left child per node, -1 for a leaf
   * @param distribution index into {@code cdfs} per leaf node (ignored for internal nodes)
   */
  Tree(int[] splitColumn, byte[] splitKind, int[] splitValue, int[] left, int[] right, int[] distribution,
      double[][] cdfs) {
    this.splitColumn = splitColumn;
    this.splitKind = splitKind;
    this.splitValue = splitValue;
    this.left = left;
    this.right = right;
    this.distribution = distribution;
    this.cdfs = cdfs;
  }

  /** Length of the longest root-to-leaf path. */
  int depth() {
    int[] d = new int[left.length];
    int max = 0;
    for (int node = 0; node < left.length; node++) {
      if (left[node] >= 0) {
        d[left[node]] = d[node] + 1;
        d[right[node]] = d[node] + 1;
      }
      max = Math.max(max, d[node]);
    }
    return max;
  }

  int nodeCount() {
    return left.length;
  }

  /** Draws a target code for a row whose earlier columns are coded in {@code codes}. */
  int draw(int[] codes, RandomGenerator random) {
    int node = 0;
    while (left[node] >= 0) {
      int c = codes[splitColumn[node]];
      boolean goLeft = splitKind[node] == LESS_EQUAL ? c <= splitValue[node] : c == splitValue[node];
      node = goLeft ? left[node] : right[node];
    }
    double[] cdf = cdfs[distribution[node]];
    double u = random.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cdf[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(left.length);
    for (int node = 0; node < left.length; node++) {
      out.writeInt(left[node]);
      if (left[node] >= 0) {
        out.writeInt(right[node]);
        out.writeInt(splitColumn[node]);
        out.writeByte(splitKind[node]);
        out.writeInt(splitValue[node]);
      } else {
        out.writeInt(distribution[node]);
      }
    }
    out.writeInt(cdfs.length);
    out.writeInt(cdfs[0].length);
    for (double[] cdf : cdfs) {
      for (double p : cdf) {
        out.writeDouble(p);
      }
    }
  }

  static Tree read(DataInputStream in, int width) throws IOException {
    int nodes = in.readInt();
    if (nodes < 1 || nodes > 1 << 22) {
      throw new IOException("tree of " + nodes + " nodes (expected: 1 to " + (1 << 22) + ")");
    }
    int[] col = new int[nodes];
    byte[] kind = new byte[nodes];
    int[] value = new int[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    int[] dist = new int[nodes];
    for (int node = 0; node < nodes; node++) {
      left[node] = in.readInt();
      if (left[node] >= 0) {
        right[node] = in.readInt();
        col[node] = in.readInt();
        kind[node] = in.readByte();
        value[node] = in.readInt();
        // Children always follow their parent, which also rules out cycles.
        if (left[node] <= node || left[node] >= nodes || right[node] <= node || right[node] >= nodes
            || col[node] < 0 || col[node] >= width || (kind[node] != LESS_EQUAL && kind[node] != EQUAL)) {
          throw new IOException("tree node " + node + " is malformed");
        }
      } else {
        left[node] = -1;
        dist[node] = in.readInt();
      }
    }
    int count = in.readInt();
    int card = in.readInt();
    if (count < 1 || card < 1 || (long) count * card > 1 << 26) {
      throw new IOException("tree distributions " + count + " x " + card + " (expected: positive and bounded)");
    }
    double[][] cdfs = new double[count][card];
    for (double[] cdf : cdfs) {
      for (int k = 0; k < card; k++) {
        cdf[k] = in.readDouble();
      }
    }
    for (int node = 0; node < nodes; node++) {
      if (left[node] < 0 && (dist[node] < 0 || dist[node] >= count)) {
        throw new IOException("tree leaf " + node + ": distribution " + dist[node] + " of " + count);
      }
    }
    return new Tree(col, kind, value, left, right, dist, cdfs);
  }
}
