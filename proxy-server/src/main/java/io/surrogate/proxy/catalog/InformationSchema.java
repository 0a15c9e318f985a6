package io.surrogate.proxy.catalog;

import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** {@code information_schema.schemata}, {@code tables} and {@code columns} from a {@link MetadataSnapshot}. */
public final class InformationSchema extends AbstractSchema {
  private final Map<String, Table> tables = new HashMap<>();

  InformationSchema(MetadataSnapshot s, String database, String user) {
    tables.put("schemata", Tables.of("catalog_name:text,schema_name:text,schema_owner:text",
        s.schemas.keySet().stream().map(n -> new Object[] {database, n, user}).toList()));
    tables.put("tables", Tables.of("table_catalog:text,table_schema:text,table_name:text,table_type:text,"
        + "is_insertable_into:text", s.tables.stream().map(t -> new Object[] {database, t.schema(), t.name(),
            t.view() ? "VIEW" : "BASE TABLE", "NO"}).toList()));
    tables.put("columns", Tables.of("table_catalog:text,table_schema:text,table_name:text,column_name:text,"
        + "ordinal_position:int,column_default:text,is_nullable:text,data_type:text,"
        + "character_maximum_length:int,udt_name:text", s.columns.stream().map(c -> new Object[] {database,
            c.schema(), c.table(), c.name(), (int) c.position(), c.defaultValue(), c.notNull() ? "NO" : "YES",
            c.typeName(), c.size() > 0 && c.type().isText() ? c.size() : null, c.type().typeName()}).toList()));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
