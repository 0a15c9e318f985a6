package io.surrogate.proxy.catalog;

import io.surrogate.proxy.H2Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Engine connections for catalog tests: a Calcite connection with the emulated pg_catalog and information_schema
 * of an H2 source, standing in for the Surrogate driver, which adds the same schemas with addMetadataSchema.
 */
final class CatalogEngine {
  private CatalogEngine() { }

  static Connection open(H2Engine h2, String user, String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("parserFactory", "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
    p.setProperty("conformance", "BABEL");
    p.setProperty("fun", "standard,postgresql");
    Connection c = DriverManager.getConnection("jdbc:calcite:", p);
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    try (Connection source = h2.open(user, database)) {
      MetadataSchemas.install(source, database, user, Map.of("server_version", "16.4", "TimeZone", "UTC",
          "max_index_keys", "32", "standard_conforming_strings", "on"), MetadataSchemas.of(root::add));
    }
    return c;
  }
}
