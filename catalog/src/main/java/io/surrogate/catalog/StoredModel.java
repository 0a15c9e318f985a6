package io.surrogate.catalog;

import io.surrogate.synth.Generators;
import io.surrogate.synth.TableModel;
import io.surrogate.synth.relational.RelationalModel;
import java.time.Instant;
import java.util.Optional;

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
 * @param relations serialized {@link RelationalModel} of the table's foreign-key links, or null
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
    byte[] bytes,
    byte[] relations) {

  /** A model of a table with no foreign-key links. */
  public StoredModel(String source, String table, int version, String generator, String fingerprint, long seed,
      long rows, double epsilon, double delta, Instant createdAt, byte[] bytes) {
    this(source, table, version, generator, fingerprint, seed, rows, epsilon, delta, createdAt, bytes, null);
  }

  /** The foreign-key links training released for this table, if it has any. */
  public Optional<RelationalModel> relational() {
    return relations == null ? Optional.empty() : Optional.of(RelationalModel.read(relations));
  }

  /** Deserializes the model with its generator. */
  public TableModel model() {
    return Generators.forName(generator).read(bytes);
  }
}
