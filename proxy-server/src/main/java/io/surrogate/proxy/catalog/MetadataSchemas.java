package io.surrogate.proxy.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.calcite.schema.Schema;

/** Builds the {@code pg_catalog} and {@code information_schema} schemas for one engine connection. */
public final class MetadataSchemas {
  private MetadataSchemas() { }

  /**
   * Reads the connection's public metadata and hands both schemas to {@code addSchema} (for the Surrogate driver,
   * {@code SurrogateConnection::addMetadataSchema}).
   */
  public static void install(Connection connection, String database, String user, Map<String, String> settings,
      SchemaAdder addSchema) throws SQLException {
    MetadataSnapshot snapshot = MetadataSnapshot.read(connection.getMetaData());
    addSchema.add("pg_catalog", new PgCatalogSchema(snapshot, database, user, settings));
    addSchema.add("information_schema", new InformationSchema(snapshot, database, user));
  }

  /** Receives a named schema; may fail like {@code addMetadataSchema}. */
  @FunctionalInterface
  public interface SchemaAdder {
    void add(String name, Schema schema) throws SQLException;
  }

  /** Adapts a non-throwing consumer, e.g. a Calcite root schema's {@code add}. */
  public static SchemaAdder of(BiConsumer<String, Schema> consumer) {
    return consumer::accept;
  }
}
