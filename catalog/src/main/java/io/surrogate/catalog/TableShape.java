package io.surrogate.catalog;

import io.surrogate.synth.TableSpec;
import java.util.List;

/**
 * A source table as Surrogate serves it: the columns a generator models (the spec) and the columns the twin fills
 * instead, each with its type and the policy's fill.
 *
 * @param spec the modelled, numbered, faked and linked columns
 * @param filled columns that are never read nor modelled, in table order
 */
public record TableShape(TableSpec spec, List<Filled> filled) {
  public TableShape {
    filled = List.copyOf(filled);
  }

  /**
   * One filled column.
   *
   * @param column name as the source spells it
   * @param type the source's type name
   * @param nullable whether the schema allows NULL
   * @param fill the policy's fill, or null where the policy gives none (NULL if nullable, else the column's
   *     default, else a data-free value of its type)
   */
  public record Filled(String column, String type, boolean nullable, ColumnFill fill) {
  }
}
