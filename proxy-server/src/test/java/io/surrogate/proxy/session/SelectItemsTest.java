package io.surrogate.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which rewritten catalog calls get PostgreSQL's column name: only whole, unaliased select-list items. */
class SelectItemsTest {

  private static String rewrite(String sql) {
    return CatalogRewriter.rewrite(sql, "ann");
  }

  @Test
  void aBareCallInTheSelectListKeepsItsName() {
    assertEquals("select 'ann' AS \"pg_get_userbyid\" from pg_catalog.pg_class c",
        rewrite("select pg_catalog.pg_get_userbyid(c.relowner) from pg_catalog.pg_class c"));
    assertEquals("select c.relname as \"n\", case when c.oid > 1 then 2 end, 'ann' AS \"pg_get_userbyid\","
        + " TRUE AS \"pg_table_is_visible\" from pg_catalog.pg_class c",
        rewrite("select c.relname as \"n\", case when c.oid > 1 then 2 end, pg_get_userbyid(c.relowner),"
            + " pg_table_is_visible(c.oid) from pg_catalog.pg_class c"));
    assertEquals("select (select 'ann' AS \"pg_get_userbyid\")", rewrite("select (select pg_get_userbyid(10))"));
  }

  @Test
  void callsElsewhereAreLeftUnnamed() {
    assertEquals("select 'ann' as owner from pg_catalog.pg_class c",
        rewrite("select pg_get_userbyid(c.relowner) as owner from pg_catalog.pg_class c"));
    assertEquals("select coalesce(c.relname, 'ann') from pg_catalog.pg_class c",
        rewrite("select coalesce(c.relname, pg_get_userbyid(c.relowner)) from pg_catalog.pg_class c"));
    assertEquals("select c.oid from pg_catalog.pg_class c where TRUE order by c.relname, TRUE",
        rewrite("select c.oid from pg_catalog.pg_class c where pg_table_is_visible(c.oid)"
            + " order by c.relname, pg_table_is_visible(c.oid)"));
    assertEquals("select 'ann' = 'x' from pg_catalog.pg_class",
        rewrite("select pg_get_userbyid(1) = 'x' from pg_catalog.pg_class"));
  }

  @Test
  void catalogFunctionsApplyWithoutNamingPgCatalog() {
    assertEquals(true, CatalogRewriter.applies("select format_type(23, -1)"));
    assertEquals(true, CatalogRewriter.applies("SELECT PG_GET_USERBYID (10)"));
    assertEquals(false, CatalogRewriter.applies("select my_format_type(1) from t"));
    assertEquals(false, CatalogRewriter.applies("select 'format_type(' from t"), "inside a literal");
  }
}
