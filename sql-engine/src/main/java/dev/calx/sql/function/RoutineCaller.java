package dev.calx.sql.function;

import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.Session;
import dev.calx.sql.schema.CalxSchema;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Who calls a routine, as the statement that calls it runs: the Calcite connection its SQL runs
 * on (the caller's own, so it sees the caller's schema and plan cache), that connection's
 * transaction, and the caller's session (user and role), all read from the statement's data
 * context.
 *
 * @param connection the caller's connection, unwrapped: the routine's statements neither wait
 *     for durability nor translate failures on their own, its call does both once
 * @param transaction the caller's transaction
 * @param session the caller's user and role
 */
record RoutineCaller(CalciteConnection connection, ConnectionTransaction transaction,
    Session session) {

  /** The caller of a statement running in {@code root}. */
  static RoutineCaller of(DataContext root) {
    CalxSchema schema = CalxSchema.of(root);
    Session session = root.get(Session.CONTEXT_VARIABLE) instanceof Session s
        ? s : Session.current();
    return new RoutineCaller((CalciteConnection) root.getQueryProvider(), schema.transaction(),
        session);
  }
}
