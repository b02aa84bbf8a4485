package dev.calx.sql.exec;

import dev.calx.sql.Session;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.ddl.SqlDropRoutine;
import dev.calx.sql.schema.CalxSchema;
import dev.calx.wasm.GuestModule;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.dialect.H2SqlDialect;

/**
 * Executes DDL for Calcite, one {@code execute} overload per statement (Calcite dispatches to
 * them by reflection): procedures go to the catalog, tables to the embedded H2 database.
 */
public final class CalxDdlExecutor extends DdlExecutorImpl {
  /** The one executor; it keeps no state of its own. */
  public static final CalxDdlExecutor INSTANCE = new CalxDdlExecutor();

  private CalxDdlExecutor() {}

  /** CREATE [OR REPLACE] PROCEDURE | FUNCTION. */
  public void execute(SqlCreateRoutine node, CalcitePrepare.Context context) {
    Session session = admin(node);
    CalxSchema schema = schema(context);
    GuestModule module = ModuleSources.load(node.body(), schema.settings());
    RoutineDefinition definition = RoutineDefinitions.of(node, module.sha256(), module.size(),
        schema.settings(), Instant.now());
    Routine before = schema.catalog().get(definition.name());
    Routine routine = schema.catalog().create(definition, module, node.getReplace(),
        node.ifNotExists);
    if (routine != before) {
      String kind = definition.kind().name();
      AuditLog.record(session, (before == null ? "CREATE " : "REPLACE ") + kind,
          definition.name(), routine.definition().moduleSha256());
    }
  }

  /** DROP PROCEDURE | FUNCTION [IF EXISTS]. */
  public void execute(SqlDropRoutine node, CalcitePrepare.Context context) {
    Session session = admin(node);
    Routine dropped = schema(context).catalog().drop(node.name(), node.ifExists);
    if (dropped != null) {
      AuditLog.record(session, "DROP " + dropped.definition().kind().name(), node.name(),
          dropped.definition().moduleSha256());
    }
  }

  /** CREATE TABLE, run by H2 itself. */
  public void execute(SqlCreateTable node, CalcitePrepare.Context context) {
    if (node.query != null) {
      throw new SqlStateException("0A000", "CREATE TABLE ... AS query is not supported;"
          + " create the table, then INSERT INTO it ... SELECT");
    }
    Session session = admin(node);
    TableDefinitions.check(node);
    runInH2(node, context);
    AuditLog.record(session, "CREATE TABLE", node.name.toString(), null);
  }

  /** DROP TABLE [IF EXISTS], run by H2 itself. */
  public void execute(SqlDropTable node, CalcitePrepare.Context context) {
    Session session = admin(node);
    TableDefinitions.checkName(node.name);
    runInH2(node, context);
    AuditLog.record(session, "DROP TABLE", node.name.toString(), null);
  }

  /** The current session, if it may run {@code node}. */
  private static Session admin(SqlNode node) {
    Session session = Session.current();
    if (!session.admin()) {
      String what = node.getKind().lowerName.replace('_', ' ');
      AuditLog.refused(session, what);
      throw new SqlStateException(SqlStateException.INSUFFICIENT_PRIVILEGE, "user "
          + session.user() + " may not run " + what + ": CREATE and DROP need the admin role");
    }
    return session;
  }

  private static void runInH2(SqlNode node, CalcitePrepare.Context context) {
    String sql = node.toSqlString(H2SqlDialect.DEFAULT).getSql();
    try (Connection c = schema(context).dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
  }

  private static CalxSchema schema(CalcitePrepare.Context context) {
    CalciteSchema schema = context.getRootSchema().getSubSchema(CalxSchema.NAME, true);
    if (schema == null || !(schema.schema instanceof CalxSchema)) {
      throw new IllegalStateException("not a Calx connection: no schema " + CalxSchema.NAME);
    }
    return (CalxSchema) schema.schema;
  }
}
