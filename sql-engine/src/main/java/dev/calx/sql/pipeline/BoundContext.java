package dev.calx.sql.pipeline;

import dev.calx.sql.Session;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.plan.SessionFunctions;
import java.sql.SQLException;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The data context one execution of a {@link CachedPlan} runs in: the connection's, with the
 * plan's parameters ({@code ?0}, {@code ?1}, ...) answered from the user's values and the
 * lifted literals' instead, and the variables of the {@link SessionFunctions} from the session
 * that executes it.
 */
final class BoundContext implements DataContext {
  private final DataContext outer;
  private final Object[] parameters;
  private final Session session;

  /** @param session the session the execution runs for, which {@link SessionFunctions} read */
  BoundContext(DataContext outer, Object[] parameters, Session session) {
    this.outer = outer;
    this.parameters = parameters;
    this.session = session;
  }

  @Override
  public Object get(String name) {
    if (name.length() > 1 && name.charAt(0) == '?') {
      int index = Integer.parseInt(name, 1, name.length(), 10);
      if (index < parameters.length) {
        return parameters[index];
      }
    }
    return switch (name) {
      case SessionFunctions.USER -> session.user();
      case SessionFunctions.ROLE -> session.admin() ? Session.ADMIN_ROLE : Session.USER_ROLE;
      case SessionFunctions.SCHEMA -> schema();
      case Session.CONTEXT_VARIABLE -> session;
      default -> outer.get(name);
    };
  }

  private String schema() {
    try {
      return outer.getQueryProvider() instanceof CalciteConnection connection
          ? connection.getSchema() : null;
    } catch (SQLException e) {
      throw new SqlStateException(e.getSQLState(), e.getMessage(), e);
    }
  }

  @Override
  public SchemaPlus getRootSchema() {
    return outer.getRootSchema();
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return outer.getTypeFactory();
  }

  @Override
  public QueryProvider getQueryProvider() {
    return outer.getQueryProvider();
  }
}
