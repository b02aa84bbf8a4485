package dev.calx.sql.dml;

import dev.calx.sql.SqlStateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * An INSERT, UPDATE or DELETE on a table of the embedded database that calls a WebAssembly
 * function. Calcite's JDBC adapter can only hand such a statement to the database whole, and it
 * cannot, because the database does not know the function: Calcite then falls back to modifying
 * the table row by row in Java, which its JDBC tables do not support. So Calx splits the
 * statement's tree: a query that Calcite plans and runs, functions and all, and a {@link
 * TableChange} that applies its rows to the table in one transaction of the embedded database.
 *
 * <p>The query reuses the statement's own subtrees, so its parameters are the statement's, in
 * the same order: an INSERT's are all in its source, an UPDATE's are in its SET list and then its
 * WHERE, and the query lists those in the same order.
 *
 * @param query the query Calcite runs
 * @param change what to do with the query's rows
 */
public record FunctionDml(SqlNode query, TableChange change) {
  /**
   * The split of an INSERT, UPDATE or DELETE, or null for any other statement.
   *
   * @param rowType the row type of a table, by its name, or null if there is none: a value
   *     that is a bare parameter (in SET, or in a row of VALUES) is cast to its column's type, as
   *     nothing else in the query says what type the parameter has
   */
  public static FunctionDml of(SqlNode node, Function<List<String>, RelDataType> rowType) {
    SqlParserPos pos = node.getParserPosition();
    if (node instanceof SqlInsert insert) {
      List<String> table = table(insert.getTargetTable());
      List<String> columns = names(insert.getTargetColumnList());
      if (insert.getSource().getKind() == SqlKind.VALUES) {
        SqlCall values = (SqlCall) insert.getSource();
        RelDataType row = rowType.apply(table);
        columns = withoutDefaults(values, columns, row);
        typeRows(values, columnTypes(row, columns));
      }
      return new FunctionDml(insert.getSource(), TableChange.insert(table, columns));
    }
    if (node instanceof SqlUpdate update) {
      List<String> table = table(update.getTargetTable());
      List<String> columns = names(update.getTargetColumnList());
      List<RelDataType> types = columnTypes(rowType.apply(table), columns);
      SqlNodeList select = new SqlNodeList(pos);
      select.add(SqlIdentifier.star(pos));
      for (int i = 0; i < columns.size(); i++) {
        select.add(typed(update.getSourceExpressionList().get(i), types.get(i)));
      }
      return new FunctionDml(select(select, update.getTargetTable(), update.getAlias(),
          update.getCondition()), TableChange.update(table, columns));
    }
    if (node instanceof SqlDelete delete) {
      return new FunctionDml(select(SqlNodeList.of(SqlIdentifier.star(pos)),
          delete.getTargetTable(), delete.getAlias(), delete.getCondition()),
          TableChange.delete(table(delete.getTargetTable())));
    }
    return null;
  }

  /**
   * The columns an INSERT's VALUES fill once the cells that say DEFAULT are taken out of its
   * rows: a column that is DEFAULT in every row is left out, so that the embedded database
   * fills in its default.
   *
   * @throws SqlStateException with 0A000 if a column is DEFAULT in some rows only
   */
  private static List<String> withoutDefaults(SqlCall values, List<String> columns,
      RelDataType row) {
    List<SqlCall> rows = values.getOperandList().stream()
        .filter(r -> r.getKind() == SqlKind.ROW).map(SqlCall.class::cast).toList();
    if (rows.isEmpty() || rows.size() < values.operandCount()) {
      return columns;
    }
    int width = rows.get(0).operandCount();
    List<Integer> defaults = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      int column = i;
      long count = rows.stream().filter(r -> column < r.operandCount()
          && r.operand(column).getKind() == SqlKind.DEFAULT).count();
      if (count == rows.size()) {
        defaults.add(i);
      } else if (count > 0) {
        throw new SqlStateException("0A000", "column " + (i + 1) + " is DEFAULT in some rows"
            + " only of an INSERT that calls a function; give its value in every row, or"
            + " DEFAULT in every row");
      }
    }
    if (defaults.isEmpty() || row == null) {
      return columns; // validation reports what is wrong
    }
    List<String> named = columns.isEmpty() ? row.getFieldNames() : columns;
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < named.size(); i++) {
      if (!defaults.contains(i)) {
        kept.add(named.get(i));
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      List<SqlNode> cells = new ArrayList<>(rows.get(r).getOperandList());
      for (int i = defaults.size() - 1; i >= 0; i--) {
        cells.remove((int) defaults.get(i));
      }
      values.setOperand(r, SqlStdOperatorTable.ROW.createCall(
          rows.get(r).getParserPosition(), cells));
    }
    return kept;
  }

  /** The types of {@code columns} of a row, or of all its columns if none are named. */
  private static List<RelDataType> columnTypes(RelDataType row, List<String> columns) {
    if (row == null) {
      return Collections.nCopies(columns.size(), null); // validation reports the missing table
    }
    if (columns.isEmpty()) {
      return row.getFieldList().stream().map(RelDataTypeField::getType).toList();
    }
    List<RelDataType> types = new ArrayList<>();
    for (String column : columns) {
      RelDataTypeField field = row.getField(column, true, false);
      types.add(field == null ? null : field.getType());
    }
    return types;
  }

  /** Casts the bare parameters of VALUES rows to the types of the columns they fill. */
  private static void typeRows(SqlCall values, List<RelDataType> types) {
    for (SqlNode row : values.getOperandList()) {
      if (row instanceof SqlCall cells && row.getKind() == SqlKind.ROW) {
        for (int i = 0; i < cells.operandCount() && i < types.size(); i++) {
          cells.setOperand(i, typed(cells.operand(i), types.get(i)));
        }
      }
    }
  }

  private static SqlNode typed(SqlNode value, RelDataType type) {
    if (!(value instanceof SqlDynamicParam) || type == null) {
      return value;
    }
    return SqlStdOperatorTable.CAST.createCall(value.getParserPosition(), value,
        SqlTypeUtil.convertTypeToSpec(type));
  }

  private static SqlSelect select(SqlNodeList items, SqlNode table, SqlIdentifier alias,
      SqlNode condition) {
    SqlParserPos pos = table.getParserPosition();
    SqlNode from = alias == null ? table
        : SqlStdOperatorTable.AS.createCall(pos, table, alias);
    return new SqlSelect(pos, null, items, from, condition, null, null, null, null, null, null,
        null, null);
  }

  private static List<String> table(SqlNode target) {
    if (!(target instanceof SqlIdentifier id)) {
      throw new IllegalArgumentException("cannot modify " + target);
    }
    return id.names;
  }

  private static List<String> names(SqlNodeList columns) {
    return columns == null ? List.of()
        : columns.stream().map(c -> ((SqlIdentifier) c).getSimple()).toList();
  }
}
