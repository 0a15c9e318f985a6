package io.surrogate.synth;

import java.util.Objects;

/**
 * A fitted model and what fitting it cost.
 *
 * @param model the immutable fitted model
 * @param cost the privacy spent, for the ledger
 */
public record FitResult(TableModel model, PrivacyCost cost) {

  public FitResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(cost, "cost");
  }
}
