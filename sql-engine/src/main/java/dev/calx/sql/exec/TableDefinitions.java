package dev.calx.sql.exec;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.schema.CalxSchema;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks table DDL before the embedded database runs it. H2 runs table DDL as its administrator,
 * so a DEFAULT expression could call H2's own functions (FILE_READ, FILE_WRITE,
 * LINK_SCHEMA ...) with the server's rights, and a qualified name could reach the catalog's own
 * tables. Table definitions therefore name tables of the default schema only and call nothing.
 */
final class TableDefinitions {
  private TableDefinitions() {}

  /** Refuses a name outside the default schema, with 0A000. */
  static void checkName(SqlIdentifier name) {
    if (name.names.size() > 2
        || name.names.size() == 2 && !name.names.get(0).equals(CalxSchema.NAME)) {
      throw new SqlStateException("0A000", "table " + name + " is outside schema "
          + CalxSchema.NAME + "; tables can only be created and dropped there");
    }
  }

  /** Refuses a table definition that is outside the default schema or calls a function. */
  static void check(SqlCreateTable node) {
    checkName(node.name);
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getOperator() instanceof SqlFunction function) {
          throw new SqlStateException("0A000", "table " + node.name + " calls "
              + function.getName() + "; a table definition cannot call functions, so give"
              + " DEFAULT literal values and operators only");
        }
        return super.visit(call);
      }
    });
  }
}
