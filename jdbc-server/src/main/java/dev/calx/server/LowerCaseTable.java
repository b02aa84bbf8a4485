package dev.calx.server;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table of a {@link LowerCaseSchema}, its columns named as {@link LowerCaseNames} shows them.
 * Calcite plans it as the database's own table, with the database's column names, under a
 * projection that renames them, and a change of it as a change of the database's table, so that
 * the SQL sent to the database names its columns as it spells them. Calcite asks the table for an
 * INSERT's plan; UPDATE and DELETE it builds on the table as the statement names it, and {@link
 * LowerCaseModifyRule} turns them into changes of the database's table.
 */
final class LowerCaseTable extends AbstractTable implements TranslatableTable, ModifiableTable {
  private final JdbcTable table;

  LowerCaseTable(JdbcTable table) {
    this.table = table;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataType stored = table.getRowType(typeFactory);
    LowerCaseNames names = LowerCaseNames.of(stored.getFieldNames());
    return typeFactory.createStructType(stored.getFieldList().stream()
        .map(field -> Map.entry(names.shown(field.getName()), field.getType()))
        .toList());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    // Scanning the table is how an UPDATE or DELETE of it starts.
    context.getCluster().getPlanner().addRule(LowerCaseModifyRule.INSTANCE);
    RelNode scan = table.toRel(context, stored(relOptTable, context.getCluster()));
    return LogicalProject.create(scan, List.of(),
        context.getCluster().getRexBuilder().identityProjects(scan.getRowType()),
        relOptTable.getRowType(), Set.of());
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable relOptTable,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    RelOptTable stored = stored(relOptTable, cluster);
    List<String> storedColumns = updateColumnList == null ? null
        : updateColumnList.stream().map(column -> stored.getRowType().getFieldNames()
            .get(relOptTable.getRowType().getFieldNames().indexOf(column))).toList();
    return table.toModificationRel(cluster, stored, catalogReader, child, operation,
        storedColumns, sourceExpressionList, flattened);
  }

  /** A change of this table, as Calcite built it, as the same change of the database's table. */
  TableModify storedModify(TableModify modify) {
    return toModificationRel(modify.getCluster(), modify.getTable(), modify.getCatalogReader(),
        modify.getInput(), modify.getOperation(), modify.getUpdateColumnList(),
        modify.getSourceExpressionList(), modify.isFlattened());
  }

  /**
   * The database's table as Calcite plans it: with the database's names. Its name also tells a
   * change of it from the change of this table it replaces, which Calcite would otherwise take
   * for the same change.
   */
  private RelOptTable stored(RelOptTable shown, RelOptCluster cluster) {
    return RelOptTableImpl.create(shown.getRelOptSchema(),
        table.getRowType(cluster.getTypeFactory()), storedName(), table, shown::getExpression);
  }

  /** The database's name of the table, qualified as the SQL sent to it qualifies it. */
  List<String> storedName() {
    return table.tableName().names;
  }

  @Override
  public Statistic getStatistic() {
    return table.getStatistic();
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return table.getJdbcTableType();
  }

  @Override
  public Collection<?> getModifiableCollection() {
    return null;
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    return table.asQueryable(queryProvider, schema, tableName);
  }

  @Override
  public Type getElementType() {
    return table.getElementType();
  }

  @SuppressWarnings("rawtypes") // as QueryableTable declares it
  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return table.getExpression(schema, tableName, clazz);
  }
}
