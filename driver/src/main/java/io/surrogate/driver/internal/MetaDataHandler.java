package io.surrogate.driver.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Set;

/**
 * Handler of {@link DatabaseMetaData} proxies: tables and columns come from Calcite (names as the source
 * spells them, synthetic tables included), keys and indexes from the source's own metadata via
 * {@link KeyMetadata}, since Calcite knows none, and so do table and column comments ({@link SourceRemarks}).
 * Schema metadata is public.
 */
final class MetaDataHandler implements InvocationHandler {
  private static final Set<String> FROM_SOURCE = Set.of("getPrimaryKeys", "getImportedKeys", "getExportedKeys",
      "getCrossReference", "getIndexInfo");

  private final SurrogateSession session;
  private final DatabaseMetaData target;

  MetaDataHandler(SurrogateSession session, DatabaseMetaData target) {
    this.session = session;
    this.target = target;
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("getConnection")) {
      return session.proxy();
    }
    if (name.equals("getURL")) {
      return session.url();
    }
    if (FROM_SOURCE.contains(name)) {
      try {
        return new KeyMetadata(session.engine()).answer(name, args);
      } catch (RuntimeException e) {
        throw ErrorMapper.map(e);
      }
    }
    Object result = JdbcProxies.common(self, target, method, args);
    if ((name.equals("getTables") || name.equals("getColumns")) && result instanceof ResultSet rs) {
      try {
        Engine engine = session.engine();
        result = engine.remarks().fill(rs, engine.schemaName(), name.equals("getColumns"));
      } catch (RuntimeException e) {
        throw ErrorMapper.map(e);
      }
    }
    return result instanceof ResultSet rs ? JdbcProxies.resultSet(null, rs) : result;
  }
}
