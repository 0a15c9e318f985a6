package io.surrogate.synth.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.ColumnKind;
import io.surrogate.synth.ColumnSpec;
import io.surrogate.synth.TableSpec;
import io.surrogate.synth.sample.Seeds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The batched plain-Java sampler of {@link VaeModel} against the row-at-a-time definition (latent draw rounded
 * to float, dense layers in float arithmetic summed in input order, then the row's decode draws in double):
 * the same rows, bit for bit, for every column kind and for row counts that do not fill the last chunk.
 */
class VaeModelSamplingTest {

  static VaeModel model(long seed) {
    List<ColumnSpec> cols = List.of(
        ColumnSpec.of("id", ColumnKind.INTEGER).withNullable(false).asKey(),
        ColumnSpec.of("color", ColumnKind.CATEGORICAL),
        ColumnSpec.of("flag", ColumnKind.BOOLEAN).withNullable(false),
        ColumnSpec.of("age", ColumnKind.INTEGER),
        ColumnSpec.of("price", ColumnKind.DECIMAL).withScale(2).withNullable(false),
        ColumnSpec.of("day", ColumnKind.DATE).withNullable(false),
        ColumnSpec.of("at", ColumnKind.TIMESTAMP),
        ColumnSpec.of("ratio", ColumnKind.FLOAT).withNullable(false));
    List<VaeLayout.Block> blocks = List.of(
        new VaeLayout.Block(1, Arrays.asList("red", "green", "blue", null), 0, 0, false),
        new VaeLayout.Block(2, VaeLayout.booleanCategories(false), 0, 0, false),
        new VaeLayout.Block(3, null, 18, 80, true),
        new VaeLayout.Block(4, null, 0, 99_999, false),
        new VaeLayout.Block(5, null, 18_000, 20_000, false),
        new VaeLayout.Block(6, null, 1.5e9, 1.7e9, true),
        new VaeLayout.Block(7, null, -1, 1, false));
    VaeLayout layout = new VaeLayout(new TableSpec("kinds", cols), blocks);
    int[] widths = {6, 40, 24, layout.width()};
    RandomGenerator init = Seeds.stream(seed, "weights");
    float[][] w = new float[3][];
    float[][] b = new float[3][];
    for (int l = 0; l < 3; l++) {
      w[l] = new float[widths[l] * widths[l + 1]];
      b[l] = new float[widths[l + 1]];
      for (int i = 0; i < w[l].length; i++) {
        w[l][i] = (float) (init.nextGaussian() * 1.5 / Math.sqrt(widths[l]));
      }
      for (int j = 0; j < b[l].length; j++) {
        b[l][j] = (float) (0.1 * init.nextGaussian());
      }
    }
    return new VaeModel(layout, 1000, widths[0], w, b);
  }

  @Test
  void batchedSamplingEqualsTheRowAtATimeDefinition() {
    VaeModel model = model(11);
    for (int n : new int[] {1, 63, 64, 65, 1000}) {
      Object[][] fast = new Object[n][model.spec().width()];
      model.sample(Seeds.stream(5, n), fast);
      Object[][] reference = new Object[n][model.spec().width()];
      referenceSample(model, Seeds.stream(5, n), reference);
      for (int r = 0; r < n; r++) {
        assertArrayEquals(reference[r], fast[r], "row " + r + " of " + n);
      }
    }
  }

  @Test
  void samplesEveryKindWithinBoundsAndSomeNulls() {
    VaeModel model = model(12);
    Object[][] rows = new Object[5000][model.spec().width()];
    model.sample(Seeds.stream(6, 0), rows);
    int nullAges = 0;
    int colors = 0;
    for (Object[] r : rows) {
      assertEquals(null, r[0], "keys are left to the sampler");
      colors += r[1] == null ? 0 : 1;
      assertTrue(r[2] instanceof Boolean);
      if (r[3] == null) {
        nullAges++;
      } else {
        long age = (Long) r[3];
        assertTrue(age >= 18 && age <= 80, "age " + age);
      }
      assertEquals(2, ((BigDecimal) r[4]).scale());
      assertTrue(r[5] instanceof LocalDate);
      double ratio = (Double) r[7];
      assertTrue(ratio >= -1 && ratio <= 1, "ratio " + ratio);
    }
    assertTrue(nullAges > 0 && nullAges < rows.length, "NULL ages: " + nullAges);
    assertTrue(colors > 0 && colors < rows.length, "non-NULL colors: " + colors);
  }

  /** The definition: one row at a time, float layers, then the row's draws in block order. */
  static void referenceSample(VaeModel model, RandomGenerator random, Object[][] out) {
    float[][] weights = model.weights();
    float[][] biases = model.biases();
    VaeLayout layout = model.layout();
    for (Object[] row : out) {
      Arrays.fill(row, null);
      float[] a = new float[model.latentDim()];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextGaussian();
      }
      for (int l = 0; l < weights.length; l++) {
        float[] z = biases[l].clone();
        for (int i = 0; i < a.length; i++) {
          for (int j = 0; j < z.length; j++) {
            z[j] += a[i] * weights[l][i * z.length + j];
          }
        }
        if (l < weights.length - 1) {
          for (int j = 0; j < z.length; j++) {
            z[j] = Math.max(0, z[j]);
          }
        }
        a = z;
      }
      decode(layout, model.numericSigma(), a, random, row);
    }
  }

  private static void decode(VaeLayout layout, double sigma, float[] output, RandomGenerator random,
      Object[] row) {
    for (int b = 0; b < layout.blocks().size(); b++) {
      VaeLayout.Block block = layout.blocks().get(b);
      int at = layout.offset(b);
      ColumnSpec col = layout.spec().column(block.column());
      if (block.categorical()) {
        String category = block.categories().get(draw(output, at, block.width(), random));
        row[block.column()] = category == null ? null
            : col.kind() == ColumnKind.BOOLEAN ? Boolean.valueOf(category) : category;
      } else {
        double scaled = output[at] + sigma * random.nextGaussian();
        boolean isNull = block.nullable() && draw(output, at + 1, 2, random) == 1;
        row[block.column()] = isNull ? null : fromScaled(col, block, scaled);
      }
    }
  }

  private static int draw(float[] output, int at, int n, RandomGenerator random) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, output[at + i]);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.exp(output[at + i] - max);
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < n - 1; i++) {
      u -= Math.exp(output[at + i] - max);
      if (u < 0) {
        return i;
      }
    }
    return n - 1;
  }

  private static Object fromScaled(ColumnSpec col, VaeLayout.Block block, double scaled) {
    double s = Math.max(-1, Math.min(1, scaled));
    double units = block.lower() + (s + 1) / 2 * (block.upper() - block.lower());
    switch (col.kind()) {
      case INTEGER:
        return Math.round(units);
      case DECIMAL:
        return BigDecimal.valueOf(Math.round(units), col.scale());
      case DATE:
        return LocalDate.ofEpochDay(Math.round(units));
      case TIMESTAMP:
        return LocalDateTime.ofEpochSecond(Math.round(units), 0, ZoneOffset.UTC);
      default:
        return units;
    }
  }
}
