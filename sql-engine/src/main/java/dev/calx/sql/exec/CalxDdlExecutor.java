package dev.calx.sql.exec;

import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.Session;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.ddl.SqlCommit;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.ddl.SqlDropRoutine;
import dev.calx.sql.ddl.SqlRollback;
import dev.calx.sql.ddl.SqlSavepoint;
import dev.calx.sql.ddl.SqlStartTransaction;
import dev.calx.sql.function.BuiltInFunctions;
import dev.calx.sql.schema.CalxSchema;
import dev.calx.wasm.GuestModule;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlDdlNodes;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.util.Util;

/**
 * Executes DDL for Calcite, one {@code execute} overload per statement (Calcite dispatches to
 * them by reflection): procedures go to the catalog, tables to the embedded H2 database,
 * transaction control to the connection's {@link ConnectionTransaction}.
 *
 * <p>DDL commits the connection's open transaction before it runs, even when it then fails, as
 * in H2 and Oracle ({@link #executeDdl}, the one place every DDL statement passes): the
 * catalog and H2's table DDL change the database for every connection at once, so they cannot
 * be part of one connection's transaction (docs/sql-reference.md, "Transactions").
 */
public final class CalxDdlExecutor extends DdlExecutorImpl {
  private static final Set<Class<? extends SqlNode>> TRANSACTION_CONTROL = Set.of(
      SqlStartTransaction.class, SqlCommit.class, SqlRollback.class, SqlSavepoint.class);

  /** The one executor; it keeps no state of its own. */
  public static final CalxDdlExecutor INSTANCE = new CalxDdlExecutor();

  private CalxDdlExecutor() {}

  /** Commits the connection's open transaction before any statement but transaction control. */
  @Override
  public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
    if (!TRANSACTION_CONTROL.contains(node.getClass())) {
      transactionControl(() -> schema(context).transaction().commitOpen());
    }
    super.executeDdl(context, node);
  }

  /** CREATE [OR REPLACE] PROCEDURE | FUNCTION. */
  public void execute(SqlCreateRoutine node, CalcitePrepare.Context context) {
    Session session = admin(node);
    if (BuiltInFunctions.isBuiltIn(node.name())) {
      throw new SqlStateException(SqlStateException.DUPLICATE_FUNCTION, node.name()
          + " is the name of a built-in function; a " + node.routineKind().name()
              .toLowerCase(Locale.ROOT) + " cannot take it, so choose another name");
    }
    CalxSchema schema = schema(context);
    GuestModule module = ModuleSources.load(node.name(), node.body(), schema.settings());
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
    CalxSchema schema = schema(context);
    String table = Util.last(node.name.names);
    // IF NOT EXISTS over an existing table creates nothing, and nothing may be dropped then.
    boolean existed = node.ifNotExists && schema.tables().get(table) != null;
    runInH2(node, context);
    if (!existed) {
      try {
        schema.checkDefaults(table);
      } catch (SqlStateException e) {
        runInH2(SqlDdlNodes.dropTable(node.getParserPosition(), true, node.name), context);
        throw e;
      }
    }
    AuditLog.record(session, "CREATE TABLE", node.name.toString(), null);
  }

  /** DROP TABLE [IF EXISTS], run by H2 itself. */
  public void execute(SqlDropTable node, CalcitePrepare.Context context) {
    Session session = admin(node);
    TableDefinitions.checkName(node.name);
    runInH2(node, context);
    AuditLog.record(session, "DROP TABLE", node.name.toString(), null);
  }

  /** START TRANSACTION, BEGIN. */
  public void execute(SqlStartTransaction node, CalcitePrepare.Context context) {
    transactionControl(() -> schema(context).transaction().begin());
  }

  /** COMMIT [WORK]. */
  public void execute(SqlCommit node, CalcitePrepare.Context context) {
    transactionControl(() -> schema(context).transaction().commitOpen());
  }

  /** ROLLBACK [WORK] [TO [SAVEPOINT] name]. */
  public void execute(SqlRollback node, CalcitePrepare.Context context) {
    ConnectionTransaction transaction = schema(context).transaction();
    transactionControl(() -> {
      if (node.savepoint() == null) {
        transaction.rollbackOpen();
      } else {
        transaction.rollback(transaction.savepoint(node.savepoint()));
      }
    });
  }

  /** SAVEPOINT name and RELEASE [SAVEPOINT] name. */
  public void execute(SqlSavepoint node, CalcitePrepare.Context context) {
    ConnectionTransaction transaction = schema(context).transaction();
    transactionControl(() -> {
      if (node.release()) {
        transaction.release(transaction.savepoint(node.name()));
      } else {
        transaction.setSavepoint(node.name());
      }
    });
  }

  /** Work on a connection's transaction, which reports failures as {@link SQLException}s. */
  @FunctionalInterface
  private interface TransactionWork {
    void run() throws SQLException;
  }

  private static void transactionControl(TransactionWork work) {
    try {
      work.run();
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
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
