package dev.calx.sql.pipeline;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The data context one execution of a {@link CachedPlan} runs in: the connection's, with the
 * plan's parameters ({@code ?0}, {@code ?1}, ...) answered from the user's values and the
 * lifted literals' instead.
 */
final class BoundContext implements DataContext {
  private final DataContext outer;
  private final Object[] parameters;

  BoundContext(DataContext outer, Object[] parameters) {
    this.outer = outer;
    this.parameters = parameters;
  }

  @Override
  public Object get(String name) {
    if (name.length() > 1 && name.charAt(0) == '?') {
      int index = Integer.parseInt(name, 1, name.length(), 10);
      if (index < parameters.length) {
        return parameters[index];
      }
    }
    return outer.get(name);
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
