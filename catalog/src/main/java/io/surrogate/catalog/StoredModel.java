package io.surrogate.catalog;

import io.surrogate.synth.Generators;
import io.surrogate.synth.TableModel;
import java.time.Instant;

/**
 * One trained, versioned model as the catalog stores it.
 *
 * @param source source identity (its JDBC URL without credentials)
 * @param table table name as the source spells it
 * @param version 1 for the first training of the table, then +1 per training
 * @param generator generator name
 * @param fingerprint {@code TableSpec.fingerprint()} of the schema it was trained on
 * @param seed serving seed
 * @param rows rows to serve
 * @param epsilon ε spent by this training
 * @param delta δ spent by this training
 * @param createdAt commit time
 * @param bytes serialized model
 */
public record StoredModel(
    String source,
    String table,
    int version,
    String generator,
    String fingerprint,
    long seed,
    long rows,
    double epsilon,
    double delta,
    Instant createdAt,
    byte[] bytes) {

  /** Deserializes the model with its generator. */
  public TableModel model() {
    return Generators.forName(generator).read(bytes);
  }
}
