package dev.calx.sql.pipeline;

import dev.calx.sql.parser.SqlReturningCall;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Replaces the literals of a parsed statement that do not shape its plan with parameters, so that
 * statements differing only in such literals share one plan (docs/sql-reference.md, "Statements
 * and the plan cache"). Lifted are number literals that are operands of a comparison or BETWEEN
 * or elements of an IN list; number and character literals that are arguments of a Calx routine
 * (so also of a CALL) or values of an INSERT's one-row VALUES and of an UPDATE's SET; and LIMIT
 * and OFFSET counts; in FROM, WHERE and the statement's other parts. Every literal of a select list, GROUP BY, HAVING, window,
 * QUALIFY or ORDER BY stays, as do a built-in function's arguments and arithmetic: there a
 * literal can decide a result column's type, tie an expression to its twin in GROUP BY, or how
 * Calcite folds the expression. NULL, booleans, dates, intervals, binary strings, character
 * literals with a character set, and numbers beyond DECIMAL's precision always stay.
 *
 * <p>The user's own parameter markers are numbered again together with the lifted ones, in the
 * depth-first order in which Calcite's validator lists a statement's parameters; {@link
 * LiftedStatement#sources} says where each comes from.
 *
 * <p>The lifter works on the tree it is given, which it changes in place: a statement's tree is
 * parsed for this statement alone.
 */
final class LiteralLifter {
  private final Predicate<String> isRoutine;
  private final RelDataTypeFactory types;
  private final List<LiftedStatement.Source> sources = new ArrayList<>();
  private final List<LiftedStatement.Slot> slots = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private final StringBuilder typeKey = new StringBuilder();
  private final Set<String> names = new TreeSet<>();
  private boolean callsRoutine;
  /** Above 0 while visiting a part of a query whose literals must all stay: see the class. */
  private int frozen;

  private LiteralLifter(Predicate<String> isRoutine, RelDataTypeFactory types) {
    this.isRoutine = isRoutine;
    this.types = types;
  }

  /**
   * Lifts the literals of {@code statement}.
   *
   * @param isRoutine whether a function name names a Calx routine
   */
  static LiftedStatement lift(SqlNode statement, Predicate<String> isRoutine,
      RelDataTypeFactory types) {
    LiteralLifter lifter = new LiteralLifter(isRoutine, types);
    SqlNode lifted = lifter.visit(statement, false);
    int markers = (int) lifter.sources.stream().filter(s -> s.userIndex() >= 0).count();
    return new LiftedStatement(lifted, List.copyOf(lifter.sources), List.copyOf(lifter.slots),
        lifter.values.toArray(), lifter.typeKey.toString(), Set.copyOf(lifter.names),
        lifter.callsRoutine, statement instanceof SqlReturningCall ? markers + 1 : markers);
  }

  private SqlNode visit(SqlNode node, boolean liftable) {
    return visit(node, liftable, false);
  }

  /**
   * @param liftable whether a literal here, a direct operand of its parent, may be lifted
   * @param texts whether a character literal may be, too: only where its value is assigned or
   *     passed (VALUES, SET, a routine's argument). In a comparison it stays: Calcite compares
   *     a CHAR literal blank-padded and hands it to the embedded database, which compares a
   *     VARCHAR column with it unpadded; no parameter type keeps both.
   */
  private SqlNode visit(SqlNode node, boolean liftable, boolean texts) {
    if (node instanceof SqlLiteral literal) {
      boolean text = literal instanceof SqlCharStringLiteral;
      return liftable && frozen == 0 && (texts || !text) ? lift(literal) : node;
    }
    if (node instanceof SqlDynamicParam param) {
      // The user's markers are in the key too: "a = ? AND b = 5" and "a = 5 AND b = ?" have
      // the same text after lifting, but bind differently.
      typeKey.append("?,");
      return parameter(LiftedStatement.Source.user(param.getIndex()), param);
    }
    if (node instanceof SqlIdentifier identifier) {
      identifier.names.forEach(n -> names.add(n.toUpperCase(Locale.ROOT)));
      return node;
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode element = list.get(i);
        if (element != null) {
          SqlNode replaced = visit(element, liftable, texts);
          if (replaced != element) {
            list.set(i, replaced);
            slot(list, i, replaced);
          }
        }
      }
      return list;
    }
    if (node instanceof SqlOrderBy orderBy) {
      return orderBy(orderBy);
    }
    if (node instanceof SqlCall call) {
      call(call);
    }
    return node;
  }

  private void call(SqlCall call) {
    if (call.getOperator() instanceof SqlFunction function) {
      names.add(function.getName().toUpperCase(Locale.ROOT));
      if (function.getSqlIdentifier() != null) {
        function.getSqlIdentifier().names.forEach(n -> names.add(n.toUpperCase(Locale.ROOT)));
      }
    }
    boolean routine = call.getOperator() instanceof SqlFunction function
        && function.getKind() == SqlKind.OTHER_FUNCTION && isRoutine.test(function.getName());
    callsRoutine |= routine;
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode operand = operands.get(i);
      if (operand == null) {
        continue;
      }
      SqlNode replaced;
      if (isCount(call, operand)) {
        replaced = count(operand);
      } else if (isInsertValues(call, operand)) {
        replaced = insertValues((SqlCall) operand);
      } else if (isFrozen(call, operand)) {
        frozen++;
        replaced = visit(operand, false);
        frozen--;
      } else {
        boolean assigned = routine || call instanceof SqlUpdate update
            && operand == update.getSourceExpressionList();
        replaced = visit(operand, assigned || liftsOperand(call, i, operand), assigned);
      }
      if (replaced != operand) {
        call.setOperand(i, replaced);
        slot(call, i, replaced);
      }
    }
  }

  private static boolean liftsOperand(SqlCall call, int index, SqlNode operand) {
    SqlKind kind = call.getKind();
    if (kind.belongsTo(SqlKind.BINARY_COMPARISON) || kind == SqlKind.BETWEEN) {
      return true;
    }
    if (kind == SqlKind.IN || kind == SqlKind.NOT_IN) {
      return index == 1 && operand instanceof SqlNodeList;
    }
    if (call instanceof SqlUpdate update) {
      return operand == update.getSourceExpressionList();
    }
    return false;
  }

  /**
   * Whether {@code operand} is the one-row VALUES of an INSERT. Several rows keep their
   * literals: Calcite hands literal rows to the database as they are, but rows of parameters
   * become a UNION of one-row queries, slower to plan and to run than the plan they would share.
   */
  private static boolean isInsertValues(SqlCall call, SqlNode operand) {
    return call instanceof SqlInsert insert && operand == insert.getSource()
        && operand.getKind() == SqlKind.VALUES && ((SqlCall) operand).operandCount() == 1;
  }

  /**
   * Whether {@code operand} is a part of a query whose expressions must match each other as
   * written (a select list, GROUP BY, HAVING, window, QUALIFY, ORDER BY): {@code a > 5} in a
   * select list and in GROUP BY are one expression only while both keep their literal.
   */
  private static boolean isFrozen(SqlCall call, SqlNode operand) {
    return call instanceof SqlSelect select && operand != select.getFrom()
        && operand != select.getWhere() && operand != select.getFetch()
        && operand != select.getOffset();
  }

  private static boolean isCount(SqlCall call, SqlNode operand) {
    return call instanceof SqlSelect select
        && (operand == select.getFetch() || operand == select.getOffset());
  }

  private SqlNode orderBy(SqlOrderBy orderBy) {
    SqlNode query = visit(orderBy.query, false);
    frozen++;
    SqlNodeList order = (SqlNodeList) visit(orderBy.orderList, false);
    frozen--;
    SqlNode offset = orderBy.offset == null ? null : count(orderBy.offset);
    SqlNode fetch = orderBy.fetch == null ? null : count(orderBy.fetch);
    if (query == orderBy.query && offset == orderBy.offset && fetch == orderBy.fetch) {
      return orderBy;
    }
    return new SqlOrderBy(orderBy.getParserPosition(), query, order, offset, fetch);
  }

  /** A LIMIT or OFFSET count: an INTEGER parameter without a cast, which Calcite requires. */
  private SqlNode count(SqlNode node) {
    if (frozen == 0 && node instanceof SqlNumericLiteral number && number.isInteger()) {
      BigDecimal value = number.bigDecimalValue();
      if (value != null && value.signum() >= 0
          && value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return lifted(value.intValueExact(), "FETCH", null, node);
      }
      return node;
    }
    return visit(node, false);
  }

  private SqlNode lift(SqlLiteral literal) {
    if (literal instanceof SqlNumericLiteral number) {
      RelDataType type = number.createSqlType(types);
      BigDecimal value = number.bigDecimalValue();
      if (value == null || outOfRange(number)) {
        return literal; // validation refuses it as written, as without the cache
      }
      Object local = switch (type.getSqlTypeName()) {
        case INTEGER -> value.intValueExact();
        case BIGINT -> value.longValueExact();
        case DECIMAL -> value;
        case DOUBLE -> value.doubleValue();
        default -> null;
      };
      return local == null ? literal : lifted(local, type.getFullTypeString(), type, literal);
    }
    if (literal instanceof SqlCharStringLiteral text) {
      NlsString string = text.getValueAs(NlsString.class);
      if (string.getCharsetName() != null) {
        return literal; // _UTF16'...' and the like keep their character set in the text
      }
      // Assigned or passed, so VARCHAR loses nothing and lets texts of any length share a plan.
      RelDataType type = types.createSqlType(SqlTypeName.VARCHAR);
      return lifted(string.getValue(), "VARCHAR", type, literal);
    }
    return literal;
  }

  /** Whether the literal has more digits than DECIMAL holds (its type would be clamped). */
  private boolean outOfRange(SqlNumericLiteral number) {
    Integer precision = number.getPrec();
    Integer scale = number.getScale();
    return precision != null
        && precision > types.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL)
        || scale != null && scale > types.getTypeSystem().getMaxScale(SqlTypeName.DECIMAL);
  }

  private SqlNode lifted(Object value, String typeName, RelDataType castTo, SqlNode literal) {
    values.add(value);
    typeKey.append(typeName).append(',');
    return parameter(LiftedStatement.Source.lifted(values.size() - 1, castTo), literal);
  }

  private SqlNode parameter(LiftedStatement.Source source, SqlNode replaced) {
    sources.add(source);
    return new SqlDynamicParam(sources.size() - 1, replaced.getParserPosition());
  }

  /** Notes where a lifted parameter sits, for {@link LiftedStatement#castLifted}. */
  private void slot(SqlNode parent, int index, SqlNode child) {
    if (child instanceof SqlDynamicParam param) {
      LiftedStatement.Source source = sources.get(param.getIndex());
      if (source.castTo() != null) {
        slots.add(new LiftedStatement.Slot(parent, index, param, source.castTo()));
      }
    }
  }

  /** An INSERT's VALUES: the literals of its rows are lifted. */
  private SqlNode insertValues(SqlCall values) {
    for (SqlNode row : values.getOperandList()) {
      if (row instanceof SqlCall rowCall && row.getKind() == SqlKind.ROW) {
        List<SqlNode> cells = rowCall.getOperandList();
        for (int i = 0; i < cells.size(); i++) {
          SqlNode cell = cells.get(i);
          SqlNode replaced = visit(cell, true, true);
          if (replaced != cell) {
            rowCall.setOperand(i, replaced);
            slot(rowCall, i, replaced);
          }
        }
      } else {
        visit(row, false);
      }
    }
    return values;
  }
}
