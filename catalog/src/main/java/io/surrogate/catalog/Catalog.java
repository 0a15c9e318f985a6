package io.surrogate.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The store of trained models and of the privacy ledger. Every write is one transaction: a training
 * either lands with its ledger entry or not at all, and a failed one leaves the previous model serving.
 */
public interface Catalog extends AutoCloseable {

  /** The newest model of the table (matched ignoring case), if any. */
  Optional<StoredModel> latestModel(String source, String table) throws SQLException;

  /** Every ledger entry of the table, oldest first. */
  List<LedgerEntry> ledger(String source, String table) throws SQLException;

  /** Total ε spent on the table so far (sum over its ledger). */
  double spentEpsilon(String source, String table) throws SQLException;

  /**
   * Stores a new model version and its ledger entry in one transaction, refusing with SQLSTATE
   * {@code 53400} when {@code ledger.epsilon()} would push the table past {@code budget}.
   * The version numbers in the arguments are ignored and assigned here.
   *
   * @return the stored model with its assigned version
   */
  StoredModel commitTraining(StoredModel model, LedgerEntry ledger, double budget) throws SQLException;

  /** Every table that has at least one model, with its newest version. */
  List<StoredModel> latestModels(String source) throws SQLException;

  @Override
  void close() throws SQLException;
}
