package io.surrogate.synth.cart;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The differentially private sequential CART generator ({@code generator: cart}): columns are drawn in a
 * visit order, each from a tree over the columns before it whose leaves hold noisy histograms, so no
 * real value is ever copied into a synthetic row.
 *
 * <p>Policy parameters: {@code visit_order} (comma-separated column names; default: source order),
 * {@code max_depth} (default 8, or 16 under ε = ∞), {@code min_leaf} (default 10, or 5 under ε = ∞),
 * {@code weights} ({@code col:w,...}, relative budget shares), {@code bins} (numeric bins, default 20)
 * and {@code structure} ({@code auto}, {@code em}, {@code random}). How the budget is split is described
 * on {@code CartFitter}; the binary model format on {@link CartModel}.
 */
public final class CartGenerator implements Generator {
  /** Policy name of this generator. */
  public static final String NAME = "cart";
  /** Budget weight of a conditioning column, relative to 1 for a drawn column. */
  static final double GIVEN_WEIGHT = 0.25;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FitResult fit(TableData data, FitOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    return new CartFitter(data, options).fit();
  }

  @Override
  public boolean conditions() {
    return true;
  }

  /**
   * Puts the given columns first in {@code visit_order} (before the user's order, or the drawn columns) and gives
   * them weight {@value #GIVEN_WEIGHT}: their trees are never used when sampling, so they get little budget; their
   * bins still need it when their bounds are not public.
   */
  @Override
  public Map<String, String> conditionOptions(Map<String, String> options, List<String> given, List<String> drawn) {
    Map<String, String> out = new LinkedHashMap<>(options);
    List<String> order = new ArrayList<>(given);
    String user = options.get("visit_order");
    order.addAll(user == null ? drawn : Arrays.stream(user.split(",")).map(String::trim).toList());
    out.put("visit_order", String.join(",", order));
    List<String> weights = new ArrayList<>();
    String userWeights = options.get("weights");
    if (userWeights != null && !userWeights.isBlank()) {
      weights.add(userWeights);
    }
    for (String g : given) {
      weights.add(g + ":" + GIVEN_WEIGHT);
    }
    out.put("weights", String.join(",", weights));
    return out;
  }

  @Override
  public TableModel read(byte[] bytes) {
    return CartModel.read(bytes);
  }
}
