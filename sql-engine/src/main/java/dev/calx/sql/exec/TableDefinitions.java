package dev.calx.sql.exec;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.function.BuiltInFunctions;
import dev.calx.sql.plan.SessionFunctions;
import dev.calx.sql.schema.CalxSchema;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks table DDL before the embedded database runs it. H2 runs table DDL as its administrator,
 * so a DEFAULT expression could call H2's own functions (FILE_READ, FILE_WRITE,
 * LINK_SCHEMA ...) with the server's rights, a subquery could read H2's own {@code
 * INFORMATION_SCHEMA}, and a qualified name could reach the catalog's own tables. Table
 * definitions therefore name tables of the default schema only, hold no subquery, and call only
 * built-in functions, which Calcite also computes when it fills in a DEFAULT ({@code
 * ColumnDefaults}), and which no routine can take the name of.
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

  /**
   * Refuses a table definition that is outside the default schema, holds a subquery or calls a
   * function that is not built in.
   */
  static void check(SqlCreateTable node) {
    checkName(node.name);
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getKind().belongsTo(SqlKind.QUERY)) {
          throw new SqlStateException("0A000", "table " + node.name + " holds a subquery;"
              + " a DEFAULT or CHECK can use only literals, operators and built-in functions");
        }
        if (call.getOperator() instanceof SqlFunction function) {
          checkSession(function.getName());
        }
        if (call.getOperator() instanceof SqlFunction function
            && !BuiltInFunctions.isBuiltIn(function.getName())) {
          throw new SqlStateException("0A000", "table " + node.name + " calls "
              + function.getName() + "; a DEFAULT or CHECK can call only built-in functions,"
              + " not routines or the embedded database's own");
        }
        return super.visit(call);
      }

      @Override
      public Void visit(SqlIdentifier identifier) {
        // CURRENT_USER and its like parse as names, and become calls only in validation.
        if (identifier.isSimple()) {
          checkSession(identifier.getSimple());
        }
        return null;
      }

      /** Calx answers these, not the embedded database, which evaluates defaults and checks. */
      private void checkSession(String name) {
        if (SessionFunctions.isSessionFunction(name)) {
          throw new SqlStateException("0A000", "table " + node.name + " reads the session with "
              + name + "; a DEFAULT or CHECK cannot: give the value in the INSERT");
        }
      }

      @Override
      public Void visit(SqlLiteral literal) {
        if (literal instanceof SqlNumericLiteral number && !number.isExact()) {
          // The embedded database keeps 1e3 as a DECFLOAT, which Calx cannot read back.
          throw new SqlStateException("0A000", "table " + node.name + " has the approximate"
              + " number " + literal + "; write a DEFAULT or CHECK number without an exponent");
        }
        return null;
      }
    });
  }
}
