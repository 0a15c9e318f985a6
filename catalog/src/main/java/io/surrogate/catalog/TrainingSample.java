package io.surrogate.catalog;

import io.surrogate.synth.PrivacyCost;
import io.surrogate.synth.dp.DiscreteLaplace;
import io.surrogate.synth.dp.NoiseSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows a single-table training holds: every row when a DP-released row count is within the table's
 * {@code max_training_rows}, else a Poisson sample in which each row is kept independently with probability
 * q = cap / noisy count, drawn from a {@link SecureRandom} (never the policy seed).
 *
 * <p>Accounting: the count is a discrete Laplace release of {@link #COUNT_SHARE} of the table's ε; the generator is
 * fitted on the sample with the rest, (ε_fit, δ); Poisson subsampling with rate q makes that fit
 * (ln(1 + q(e^ε_fit − 1)), qδ)-DP for the real table (Balle, Barthe &amp; Gaboardi 2018, Thm. 8), and ρ-zCDP
 * stays an upper bound (subsampling never raises a Rényi divergence). The ledger is charged the count's ε plus
 * the amplified ε of the fit, which is never more than the table's ε that the budget check before the read
 * assumed. q is a function of a DP release, so choosing it costs nothing further.
 */
final class TrainingSample {
  /** Smallest cap the policy accepts: smaller samples leave too little signal for any generator. */
  static final long MIN_CAP = 1_000;
  /** Share of the table's ε spent on the row count that sizes the sample. */
  static final double COUNT_SHARE = 0.01;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final long cap;
  private final double countEpsilon;
  private final double noisyCount;
  private final double q;
  /** What one privacy unit changes the count by: 1 for a row, k for a parent entity with up to k rows. */
  private final long sensitivity;

  private TrainingSample(long cap, double countEpsilon, double noisyCount, double q, long sensitivity) {
    this.cap = cap;
    this.countEpsilon = countEpsilon;
    this.noisyCount = noisyCount;
    this.q = q;
    this.sensitivity = sensitivity;
  }

  /**
   * Releases {@code count} (the rows one training would hold: at most k per parent entity for a linked table) with
   * discrete Laplace noise scaled to {@code sensitivity} and chooses the sampling rate of the privacy units, whose
   * rows are then kept or dropped together.
   */
  static TrainingSample released(long count, long sensitivity, long cap, double countEpsilon) {
    double noisy = Math.max(0, DiscreteLaplace.release(count, sensitivity, countEpsilon, NoiseSource.secure()));
    return new TrainingSample(cap, countEpsilon, noisy, noisy <= cap ? 1 : cap / noisy, sensitivity);
  }

  /**
   * Releases the row count of {@code table} and chooses the sampling rate; reads no row.
   *
   * @param cap the policy's {@code max_training_rows} (&gt; 0)
   * @param tableEpsilon the ε of the whole training
   */
  static TrainingSample plan(Connection c, SourceTable table, long cap, double tableEpsilon) throws SQLException {
    return released(count(c, table), 1, cap, countEpsilon(tableEpsilon));
  }

  /** The ε of the count that sizes a sample, out of the training's ε. */
  static double countEpsilon(double tableEpsilon) {
    return Double.isInfinite(tableEpsilon) ? tableEpsilon : tableEpsilon * COUNT_SHARE;
  }

  /** A plan with a given noisy count, for tests of the accounting. */
  static TrainingSample of(long cap, double countEpsilon, double noisyCount) {
    return new TrainingSample(cap, countEpsilon, noisyCount, noisyCount <= cap ? 1 : cap / noisyCount, 1);
  }

  private static long count(Connection c, SourceTable table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table.qualified(c.getMetaData()));
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw RowReader.sanitized(e, "table " + table.name() + ": counting rows failed");
    }
  }

  /** The sampling rate (1: every row is read). */
  double rate() {
    return q;
  }

  /** Whether only a sample is read. */
  boolean sampled() {
    return q < 1;
  }

  /** The ε left for the generator's fit. */
  double fitEpsilon(double tableEpsilon) {
    return Double.isInfinite(tableEpsilon) ? tableEpsilon : tableEpsilon - countEpsilon;
  }

  /** The DP-released size of the whole table, which a sampled training serves. */
  long noisyRowCount() {
    return Math.round(noisyCount);
  }

  /** A fresh filter for one pass over the table's rows. */
  RowFilter filter() {
    return q >= 1 ? RowFilter.ALL : new PoissonFilter(q);
  }

  /** ln(1 + q(e^ε − 1)): the ε of an ε-DP mechanism run on a Poisson sample of rate q. */
  static double amplifiedEpsilon(double epsilon, double q) {
    if (q >= 1 || Double.isInfinite(epsilon)) {
      return epsilon;
    }
    return Math.log1p(q * Math.expm1(epsilon));
  }

  /** The cost of the whole training for the real table, given the fit's cost on the rows read. */
  PrivacyCost charge(PrivacyCost fit) {
    double fitEpsilon = amplifiedEpsilon(fit.epsilon(), q);
    double delta = q * fit.delta();
    double rho = Double.isInfinite(countEpsilon) ? countEpsilon : DiscreteLaplace.rho(countEpsilon) + fit.rho();
    List<String> releases = new ArrayList<>();
    releases.add("row count for the training sample: " + DiscreteLaplace.NAME + ", sensitivity " + sensitivity
        + ", epsilon " + Budgets.format(countEpsilon));
    if (sampled()) {
      releases.add(String.format(Locale.ROOT, "training sample: Poisson q=%.4f " + (sensitivity == 1 ? ""
          : "of whole parents (up to " + sensitivity + " rows each) ") + "of a noisy %,d rows (max_training_rows %,d);"
          + " amplified (epsilon, delta) = (%s, %s) from the fit's (%s, %s)", q,
          noisyRowCount(), cap, Budgets.format(fitEpsilon), Budgets.format(delta), Budgets.format(fit.epsilon()),
          Budgets.format(fit.delta())));
    } else {
      releases.add(String.format(Locale.ROOT, "training sample: every row (a noisy %,d rows is within"
          + " max_training_rows %,d)", noisyRowCount(), cap));
    }
    releases.addAll(fit.releases());
    return new PrivacyCost(countEpsilon + fitEpsilon, delta, rho, releases);
  }

  /** Decides, row by row in read order, whether a row is kept. */
  interface RowFilter {
    /** Keeps every row. */
    RowFilter ALL = () -> true;

    boolean keep();
  }

  /**
   * Independent Bernoulli(q) decisions drawn as geometric gaps between kept rows, so the secure generator is
   * asked once per kept row rather than once per row.
   */
  private static final class PoissonFilter implements RowFilter {
    private final double logMiss;
    private long skip;

    PoissonFilter(double q) {
      this.logMiss = Math.log1p(-q);
      this.skip = gap();
    }

    private long gap() {
      double u = 1 - RANDOM.nextDouble();
      return (long) Math.floor(Math.log(u) / logMiss);
    }

    @Override
    public boolean keep() {
      if (skip > 0) {
        skip--;
        return false;
      }
      skip = gap();
      return true;
    }
  }
}
