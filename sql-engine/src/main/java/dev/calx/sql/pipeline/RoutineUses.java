package dev.calx.sql.pipeline;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.SqlDataAccess;
import dev.calx.sql.function.RoutineAccess.StatementKind;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * How a statement uses routines, read from its tree: what it does for the permission of a routine
 * that runs it, which uses are refused, and the query a CALL runs.
 *
 * @param routines the routine a function name names, or null
 */
record RoutineUses(Function<String, RoutineDefinition> routines) {

  /** What {@code statement} does, as {@link dev.calx.sql.function.RoutineAccess} checks it. */
  StatementKind kind(SqlNode statement) {
    SqlKind kind = statement.getKind();
    if (kind.belongsTo(SqlKind.DDL)) {
      return StatementKind.SCHEMA_OR_TRANSACTION;
    }
    if (kind == SqlKind.PROCEDURE_CALL) {
      RoutineDefinition called = called((SqlCall) statement);
      return called != null && called.sqlDataAccess() == SqlDataAccess.MODIFIES_SQL_DATA
          ? StatementKind.WRITES : StatementKind.READS;
    }
    return kind.belongsTo(SqlKind.DML) ? StatementKind.WRITES : StatementKind.READS;
  }

  /**
   * Refuses a routine used where it may not be: one that modifies SQL data anywhere but as the
   * routine of a CALL (38002), and one that returns nothing as an expression (42809).
   */
  void checkExpressions(SqlNode statement) {
    SqlNode called = statement.getKind() == SqlKind.PROCEDURE_CALL
        ? ((SqlCall) statement).operand(0) : null;
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        RoutineDefinition routine = call.getKind() == SqlKind.OTHER_FUNCTION
            ? routines.apply(call.getOperator().getName()) : null;
        if (routine != null && call != called) {
          refuse(routine);
        }
        return super.visit(call);
      }
    });
  }

  private static void refuse(RoutineDefinition routine) {
    if (routine.sqlDataAccess() == SqlDataAccess.MODIFIES_SQL_DATA) {
      throw new SqlStateException(SqlStateException.MODIFYING_SQL_DATA_NOT_PERMITTED,
          routine.name() + " is declared MODIFIES SQL DATA and may only be invoked with CALL,"
              + " not used in a query or another statement");
    }
    if (routine.returnType().isEmpty() && !routine.returnsTable()) {
      throw new SqlStateException(SqlStateException.WRONG_OBJECT_TYPE, routine.name()
          + " returns nothing: invoke it with CALL");
    }
  }

  /** The routine a CALL calls, or null if its name is no routine. */
  RoutineDefinition called(SqlCall call) {
    SqlNode routine = call.operand(0);
    return routine instanceof SqlCall c ? routines.apply(c.getOperator().getName()) : null;
  }

  /**
   * The query a CALL runs: {@code SELECT * FROM TABLE(routine(args))} for a routine that returns
   * a table; else {@code SELECT routine(args) AS "NAME"}, one row, one column named after the
   * routine, whose value is the update count for one that returns nothing.
   */
  static SqlNode callQuery(SqlCall call, RoutineDefinition called) {
    SqlNode routine = call.operand(0);
    SqlParserPos pos = call.getParserPosition();
    if (called != null && called.returnsTable() && routine instanceof SqlCall c
        && c.getOperator() instanceof SqlFunction f) {
      // CALL's parser looks the name up as a procedure; FROM TABLE needs a table function.
      SqlNode function = new SqlUnresolvedFunction(f.getSqlIdentifier(), null, null, null, null,
          SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION).createCall(pos, c.getOperandList());
      SqlNode from = SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, function);
      return select(pos, SqlNodeList.of(SqlIdentifier.star(pos)), from);
    }
    String name = routine instanceof SqlCall c ? c.getOperator().getName() : routine.toString();
    SqlNode item = SqlStdOperatorTable.AS.createCall(pos, routine, new SqlIdentifier(name, pos));
    return select(pos, SqlNodeList.of(item), null);
  }

  private static SqlSelect select(SqlParserPos pos, SqlNodeList items, SqlNode from) {
    return new SqlSelect(pos, null, items, from, null, null, null, null, null, null, null, null,
        null);
  }
}
