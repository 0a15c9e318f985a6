package io.surrogate.catalog;

import io.surrogate.synth.FitOptions;
import io.surrogate.synth.FitResult;
import io.surrogate.synth.Generator;
import io.surrogate.synth.TableData;
import io.surrogate.synth.TableModel;

/**
 * TEST-ONLY generator (registered as {@code test-out-of-memory} in test resources) whose fit throws the
 * {@link OutOfMemoryError} a real generator throws when the heap is too small for the rows it was given.
 */
public final class OutOfMemoryTestGenerator implements Generator {
  static final String NAME = "test-out-of-memory";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FitResult fit(TableData data, FitOptions options) {
    throw new OutOfMemoryError("Java heap space");
  }

  @Override
  public TableModel read(byte[] bytes) {
    throw new UnsupportedOperationException("this generator never stores a model");
  }
}
