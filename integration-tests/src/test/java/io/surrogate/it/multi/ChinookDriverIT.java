package io.surrogate.it.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.catalog.Catalog;
import io.surrogate.catalog.Catalogs;
import io.surrogate.catalog.LedgerEntry;
import io.surrogate.catalog.SourceIds;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Chinook in embedded H2 through {@code jdbc:surrogate:} at ε = ∞ (CART), with the floors. */
class ChinookDriverIT extends ChinookThroughDriver {
  @Override
  String epsilon() {
    return "inf";
  }

  @Override
  double minimumBillingCountryAgreement() {
    return 0.8;
  }

  @Test
  void ledgerRecordsTheParentAsPrivacyUnit() throws Exception {
    try (Connection c = synthetic()) {
      single(c, "SELECT COUNT(*) FROM InvoiceLine");
      single(c, "SELECT COUNT(*) FROM PlaylistTrack");
    }
    try (Catalog catalog = Catalogs.open(props.getProperty("catalog"), null, null)) {
      String id = SourceIds.of(source);
      List<LedgerEntry> invoice = catalog.ledger(id, "Invoice");
      assertEquals(1, invoice.size());
      assertEquals("parent:CUSTOMER (max 20 rows)", invoice.get(0).unit());
      assertTrue(invoice.get(0).releases().stream().anyMatch(r -> r.startsWith("cardinality(CUSTOMERID, cap 20)")),
          invoice.get(0).releases().toString());
      assertEquals("parent:playlist (max 200 rows)",
          catalog.ledger(id, "PlaylistTrack").get(0).unit().toLowerCase(Locale.ROOT));
      assertEquals("row", catalog.ledger(id, "Customer").get(0).unit());
    }
  }
}
