package dev.calx.server;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.rules.SubstitutionRule;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Plans an UPDATE or DELETE of a {@link LowerCaseTable} as the same change of the database's
 * table. A substitution rule, so that it runs before Calcite's JDBC rules could plan the change
 * with Calx's column names, and prunes the change it replaces.
 */
final class LowerCaseModifyRule extends RelRule<LowerCaseModifyRule.Config>
    implements SubstitutionRule {
  /** The rule; a {@link LowerCaseTable} adds it to the planner of a statement that scans it. */
  static final LowerCaseModifyRule INSTANCE = new Config(RelFactories.LOGICAL_BUILDER,
      "LowerCaseModifyRule", operands -> operands.operand(LogicalTableModify.class)
          .predicate(LowerCaseModifyRule::changesALowerCaseTable)
          .anyInputs()).toRule();

  private LowerCaseModifyRule(Config config) {
    super(config);
  }

  /**
   * Whether {@code modify} changes a {@link LowerCaseTable} under a name of Calx's. Under the
   * database's own name (a schema named as the database's, a table whose name is not folded),
   * the change Calcite plans already names the table as the database does.
   */
  private static boolean changesALowerCaseTable(LogicalTableModify modify) {
    LowerCaseTable table = modify.getTable().unwrap(LowerCaseTable.class);
    return table != null && !table.storedName().equals(modify.getTable().getQualifiedName());
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableModify modify = call.rel(0);
    call.transformTo(modify.getTable().unwrap(LowerCaseTable.class).storedModify(modify));
  }

  @Override
  public boolean autoPruneOld() {
    return true;
  }

  /**
   * The rule's configuration, written out: Calcite's rules generate theirs with Immutables.
   *
   * @param relBuilderFactory builds the relational expressions of a match
   * @param description the rule's name in plans and traces
   * @param operandSupplier what the rule matches
   */
  record Config(RelBuilderFactory relBuilderFactory, String description,
      OperandTransform operandSupplier) implements RelRule.Config {
    @Override
    public LowerCaseModifyRule toRule() {
      return new LowerCaseModifyRule(this);
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(factory, description, operandSupplier);
    }

    @Override
    public Config withDescription(String newDescription) {
      return new Config(relBuilderFactory, newDescription, operandSupplier);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Config(relBuilderFactory, description, transform);
    }
  }
}
