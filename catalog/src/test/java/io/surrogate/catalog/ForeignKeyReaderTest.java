package io.surrogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surrogate.synth.relational.ParentLink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Foreign keys from H2 metadata, with policy {@code parent:} overrides and bad-key errors. */
class ForeignKeyReaderTest {

  private static Connection source(String name) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=0");
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE employee (employeeid INT PRIMARY KEY, reportsto INT REFERENCES employee)");
      s.execute("CREATE TABLE customer (customerid INT PRIMARY KEY, supportrepid INT REFERENCES employee)");
      s.execute("CREATE TABLE invoice (invoiceid INT PRIMARY KEY,"
          + " customerid INT NOT NULL REFERENCES customer)");
    }
    return c;
  }

  @Test
  void declaredKeysBecomeLinks() throws SQLException {
    try (Connection c = source("fk1")) {
      List<ParentLink> links = ForeignKeyReader.read(c, null, List.of("INVOICE", "EMPLOYEE"), Policy.defaults());
      assertEquals(2, links.size(), links.toString());
      ParentLink invoice = links.get(0);
      assertEquals("CUSTOMER", invoice.parentTable());
      assertEquals("CUSTOMERID", invoice.foreignKey());
      assertEquals(ParentLink.DEFAULT_MAX_ROWS_PER_PARENT, invoice.maxRowsPerParent());
      assertTrue(!invoice.nullable());
      assertTrue(links.get(1).selfReference() && links.get(1).nullable());
    }
  }

  @Test
  void policyParentOverridesTheCap() throws Exception {
    Policy policy = PolicyLoader.parse(String.join("\n", "tables:", "  invoice:",
        "    parent: { table: customer, key: customerid, max_rows_per_parent: 7 }", ""), "p.yaml");
    try (Connection c = source("fk2")) {
      List<ParentLink> links = ForeignKeyReader.read(c, null, List.of("INVOICE"), policy);
      assertEquals(1, links.size(), links.toString());
      assertEquals(7, links.get(0).maxRowsPerParent());
      assertEquals("CUSTOMERID", links.get(0).parentKey().toUpperCase(Locale.ROOT));
    }
  }

  @Test
  void aMissingKeyColumnIsRefusedNamingTheTables() throws Exception {
    Policy policy = PolicyLoader.parse(String.join("\n", "tables:", "  invoice:",
        "    parent: { table: customer, key: nosuch }", ""), "p.yaml");
    try (Connection c = source("fk3")) {
      SQLException e = assertThrows(SQLException.class,
          () -> ForeignKeyReader.read(c, null, List.of("INVOICE"), policy));
      assertEquals("42703", e.getSQLState());
      assertTrue(e.getMessage().contains("'nosuch'") && e.getMessage().contains("INVOICE")
          && e.getMessage().contains("customer"), e.getMessage());
    }
  }
}
