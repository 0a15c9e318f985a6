package io.surrogate.synth.cart;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;
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
  public TableModel read(byte[] bytes) {
    return CartModel.read(bytes);
  }
}
