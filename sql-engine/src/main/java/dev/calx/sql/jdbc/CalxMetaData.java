package dev.calx.sql.jdbc;

import dev.calx.sql.catalog.ProcedureCatalog;
import dev.calx.sql.catalog.Routine;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineType;
import dev.calx.sql.function.CalciteTypes;
import dev.calx.sql.schema.CalxSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.runtime.SqlFunctions;
import org.h2.tools.SimpleResultSet;

/**
 * Database metadata that lists the catalog's procedures and functions: Calcite's own metadata
 * knows nothing of them. Every procedure is listed as both, since both are callable either way.
 * The result sets have the columns the JDBC specification gives each method.
 */
final class CalxMetaData {
  private static final SqlFunctions.LikeFunction LIKE = new SqlFunctions.LikeFunction();

  private CalxMetaData() {}

  static DatabaseMetaData wrap(DatabaseMetaData calcite, ProcedureCatalog catalog,
      Object connection) {
    return (DatabaseMetaData) Proxy.newProxyInstance(CalxMetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (self, method, args) -> {
          switch (method.getName()) {
            case "getProcedures":
              return procedures(catalog, (String) args[1], (String) args[2]);
            case "getProcedureColumns":
              return procedureColumns(catalog, (String) args[1], (String) args[2],
                  (String) args[3]);
            case "getFunctions":
              return functions(catalog, (String) args[1], (String) args[2]);
            case "getFunctionColumns":
              return functionColumns(catalog, (String) args[1], (String) args[2],
                  (String) args[3]);
            case "getConnection":
              return (Connection) connection;
            default:
              try {
                return method.invoke(calcite, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
          }
        });
  }

  private static ResultSet procedures(ProcedureCatalog catalog, String schema, String name) {
    SimpleResultSet rs = columns("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME",
        "RESERVED4", "RESERVED5", "RESERVED6", "REMARKS", "PROCEDURE_TYPE:S", "SPECIFIC_NAME");
    for (RoutineDefinition d : matching(catalog, schema, name)) {
      rs.addRow(null, CalxSchema.NAME, d.name(), null, null, null, d.comment().orElse(null),
          (short) DatabaseMetaData.procedureReturnsResult, d.name());
    }
    return rs;
  }

  private static ResultSet functions(ProcedureCatalog catalog, String schema, String name) {
    SimpleResultSet rs = columns("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS",
        "FUNCTION_TYPE:S", "SPECIFIC_NAME");
    for (RoutineDefinition d : matching(catalog, schema, name)) {
      rs.addRow(null, CalxSchema.NAME, d.name(), d.comment().orElse(null),
          (short) DatabaseMetaData.functionNoTable, d.name());
    }
    return rs;
  }

  private static ResultSet procedureColumns(ProcedureCatalog catalog, String schema,
      String name, String column) {
    SimpleResultSet rs = columns("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME",
        "COLUMN_NAME", "COLUMN_TYPE:S", "DATA_TYPE:I", "TYPE_NAME", "PRECISION:I", "LENGTH:I",
        "SCALE:S", "RADIX:S", "NULLABLE:S", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:I",
        "SQL_DATETIME_SUB:I", "CHAR_OCTET_LENGTH:I", "ORDINAL_POSITION:I", "IS_NULLABLE",
        "SPECIFIC_NAME");
    for (RoutineDefinition d : matching(catalog, schema, name)) {
      for (Column c : Column.of(d, column)) {
        rs.addRow(null, CalxSchema.NAME, d.name(), c.name, (short) (c.ordinal == 0
                ? DatabaseMetaData.procedureColumnReturn : DatabaseMetaData.procedureColumnIn),
            c.jdbcType(), c.type.toString(), c.precision(), null, null, (short) 10,
            (short) DatabaseMetaData.procedureNullable, null, null, null, null, null, c.ordinal,
            "YES", d.name());
      }
    }
    return rs;
  }

  private static ResultSet functionColumns(ProcedureCatalog catalog, String schema,
      String name, String column) {
    SimpleResultSet rs = columns("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME",
        "COLUMN_NAME", "COLUMN_TYPE:S", "DATA_TYPE:I", "TYPE_NAME", "PRECISION:I", "LENGTH:I",
        "SCALE:S", "RADIX:S", "NULLABLE:S", "REMARKS", "CHAR_OCTET_LENGTH:I",
        "ORDINAL_POSITION:I", "IS_NULLABLE", "SPECIFIC_NAME");
    for (RoutineDefinition d : matching(catalog, schema, name)) {
      for (Column c : Column.of(d, column)) {
        rs.addRow(null, CalxSchema.NAME, d.name(), c.name, (short) (c.ordinal == 0
                ? DatabaseMetaData.functionReturn : DatabaseMetaData.functionColumnIn),
            c.jdbcType(), c.type.toString(), c.precision(), null, null, (short) 10,
            (short) DatabaseMetaData.functionNullable, null, null, c.ordinal, "YES", d.name());
      }
    }
    return rs;
  }

  /** A result set with columns named as given; a suffix {@code :S} or {@code :I} types one. */
  private static SimpleResultSet columns(String... names) {
    SimpleResultSet rs = new SimpleResultSet();
    for (String n : names) {
      int colon = n.indexOf(':');
      int type = colon < 0 ? Types.VARCHAR
          : n.charAt(colon + 1) == 'S' ? Types.SMALLINT : Types.INTEGER;
      rs.addColumn(colon < 0 ? n : n.substring(0, colon), type, 0, 0);
    }
    return rs;
  }

  private static List<RoutineDefinition> matching(ProcedureCatalog catalog, String schema,
      String name) {
    if (!like(schema, CalxSchema.NAME)) {
      return List.of();
    }
    return catalog.all().stream().map(Routine::definition)
        .filter(d -> like(name, d.name()))
        .sorted(Comparator.comparing(RoutineDefinition::name))
        .toList();
  }

  /** JDBC's pattern matching, which is SQL's LIKE; a null pattern matches everything. */
  static boolean like(String pattern, String value) {
    return pattern == null || LIKE.like(value, pattern);
  }


  /** The return value (ordinal 0) or a parameter of a routine. */
  private record Column(String name, RoutineType type, int ordinal) {
    static List<Column> of(RoutineDefinition d, String pattern) {
      List<Column> all = new ArrayList<>();
      all.add(new Column("RETURN_VALUE", d.returnType(), 0));
      for (int i = 0; i < d.parameters().size(); i++) {
        all.add(new Column(d.parameterName(i), d.parameters().get(i).type(), i + 1));
      }
      return all.stream().filter(c -> like(pattern, c.name)).toList();
    }

    int jdbcType() {
      return CalciteTypes.sqlTypeName(type.sqlType()).getJdbcOrdinal();
    }

    Integer precision() {
      return type.precision().isPresent() ? type.precision().getAsInt() : null;
    }
  }
}
