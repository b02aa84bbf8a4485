package dev.calx.sql.pipeline;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import dev.calx.sql.Session;
import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.ddl.SqlCommit;
import dev.calx.sql.ddl.SqlCreateRoutine;
import dev.calx.sql.ddl.SqlDropRoutine;
import dev.calx.sql.ddl.SqlRollback;
import dev.calx.sql.ddl.SqlSavepoint;
import dev.calx.sql.ddl.SqlStartTransaction;
import dev.calx.sql.dml.FunctionDml;
import dev.calx.sql.exec.CalxParserFactory;
import dev.calx.sql.function.RoutineAccess;
import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import dev.calx.sql.plan.CalxPrograms;
import dev.calx.sql.schema.CalxSchema;
import java.io.Reader;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Util;

/**
 * The one way a Calx statement is prepared, whichever JDBC method brought it: parsed once by
 * Calx's parser and dispatched on its tree. DDL and transaction control go to the DDL executor
 * (and invalidate the plans they affect); everything else has its plan-neutral literals lifted
 * by {@link LiteralLifter} and is served from the database's {@link PlanCache}, planned on a miss.
 * A CALL is planned as the query {@link RoutineUses#callQuery} builds from its tree;
 * an INSERT, UPDATE or DELETE that calls a routine as its {@link FunctionDml} query.
 *
 * <p>Calcite's driver makes one of these per statement it prepares ({@code
 * Driver.withPrepareFactory}); a miss hands the tree it already has to Calcite's own planning
 * through {@link #createParser}, so nothing is parsed twice; and its planner program is Calx's,
 * for this statement alone.
 */
public final class CalxPrepare extends CalcitePrepareImpl {
  private static final SqlWriterConfig TEXT = SqlPrettyWriter.config()
      .withDialect(CalciteSqlDialect.DEFAULT)
      .withClauseStartsLine(false)
      .withClauseEndsLine(false)
      .withSelectListItemsOnSeparateLines(false)
      .withUpdateSetListNewline(false)
      .withIndentation(0);

  /** A number for each schema object, held weakly and compared by identity. */
  private static final LoadingCache<Object, Long> SCHEMA_IDS = CacheBuilder.newBuilder()
      .weakKeys().build(CacheLoader.from(new AtomicLong()::incrementAndGet));

  private final StatementPipeline pipeline;
  /** The tree {@link #createParser} hands to Calcite's planning. */
  private SqlNode planned;
  /** The number of operators in the last plan, for its {@link CachedPlan#bytes} estimate. */
  private int planSize;

  /** A prepare for one statement of a database. */
  public CalxPrepare(StatementPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    CalciteSignature<T> signature = (CalciteSignature) prepare(context, query.sql, maxRowCount);
    return signature;
  }

  private CalciteSignature<Object> prepare(Context context, String sql, long maxRowCount) {
    PlanCache plans = pipeline.plans();
    String contextKey = contextKey(context);
    PlanCache.Known known = plans.known(sql, contextKey);
    CachedPlan plan = known == null ? null : plans.get(known.key());
    if (plan != null) {
      RoutineAccess.check(plan.kind());
      plan.stats().hit();
      return plan.signature(sql, context.getRootSchema(), known.binding(), maxRowCount);
    }
    SqlNode node = parse(context.config(), sql);
    RoutineUses uses = new RoutineUses(pipeline::routine);
    RoutineAccess.StatementKind kind = uses.kind(node);
    RoutineAccess.check(kind);
    if (node.getKind().belongsTo(SqlKind.DDL)) {
      return ddl(context, sql, node);
    }
    if (node.getKind() == SqlKind.EXPLAIN) {
      // A plan is explained with the literals as written, and planned afresh each time.
      planned = node;
      return super.prepareSql(context, Query.of(sql), Object[].class, maxRowCount);
    }
    LiftedStatement lifted =
        LiteralLifter.lift(node, pipeline::isRoutine, context.getTypeFactory());
    String text = text(lifted.node());
    PlanCache.Key key = new PlanCache.Key(text, lifted.typeKey(), contextKey);
    plan = plans.get(key);
    if (plan != null) {
      plan.stats().hit();
    } else {
      long epoch = plans.epoch();
      long start = System.nanoTime();
      StatementStats stats = pipeline.statistics().of(text);
      plan = plan(context, sql, lifted, stats, uses, kind);
      stats.planned(System.nanoTime() - start);
      plans.put(key, plan, epoch);
    }
    LiftedStatement.Binding binding = lifted.binding();
    plans.remember(sql, contextKey, new PlanCache.Known(key, binding));
    return plan.signature(sql, context.getRootSchema(), binding, maxRowCount);
  }

  /**
   * A statement's text as the cache and {@code sys.statements} know it: on one line, so a
   * writer that would start a new line writes a space instead.
   */
  private static String text(SqlNode node) {
    SqlPrettyWriter writer = new SqlPrettyWriter(TEXT) {
      @Override
      public void newlineAndIndent(int indent) {
        setNeedWhitespace(true);
      }
    };
    node.unparse(writer, 0, 0);
    return writer.toSqlString().getSql();
  }

  private SqlNode parse(CalciteConnectionConfig config, String sql) {
    try {
      return pipeline.parser(config).parse(sql);
    } catch (SqlParseException e) {
      // As Calcite words it, which is how docs/errors.md shows a syntax error.
      throw new RuntimeException("parse failed: " + e.getMessage(), e);
    }
  }

  private CalciteSignature<Object> ddl(Context context, String sql, SqlNode node) {
    try {
      executeDdl(context, node);
    } finally {
      // Also after a failure: a DDL statement can fail after changing something.
      pipeline.changed(changedBy(node));
    }
    return new CalciteSignature<>(sql, List.of(), Map.of(), null, List.of(),
        Meta.CursorFactory.OBJECT, null, List.of(), -1, null, Meta.StatementType.OTHER_DDL);
  }

  /** The upper-case names a DDL statement changes: none, some, or null for anything. */
  private static Set<String> changedBy(SqlNode node) {
    if (node instanceof SqlStartTransaction || node instanceof SqlCommit
        || node instanceof SqlRollback || node instanceof SqlSavepoint) {
      return Set.of();
    }
    if (node instanceof SqlCreateRoutine create) {
      return Set.of(create.name().toUpperCase(Locale.ROOT));
    }
    if (node instanceof SqlDropRoutine drop) {
      return Set.of(drop.name().toUpperCase(Locale.ROOT));
    }
    if (node instanceof SqlCreateTable create) {
      return Set.of(Util.last(create.name.names).toUpperCase(Locale.ROOT));
    }
    if (node instanceof SqlDropTable drop) {
      return Set.of(Util.last(drop.name.names).toUpperCase(Locale.ROOT));
    }
    return null;
  }

  /**
   * What besides its text shapes a statement's plan: the default schema, the role, and the
   * schemas the connection sees. Attached schemas count by identity, not name: two servers in
   * one process may share a database and attach different databases under one name. The
   * default schema is each connection's own view of the database's, so it counts by name.
   */
  private static String contextKey(Context context) {
    CalciteSchema root = context.getRootSchema();
    CalciteSchema own = root.getSubSchema(CalxSchema.NAME, true);
    String schemas = own == null || !(own.schema instanceof CalxSchema view)
        ? schemasKey(root) : view.rootKey(() -> schemasKey(root));
    StringBuilder key = new StringBuilder();
    context.getDefaultSchemaPath().forEach(part -> name(key, part));
    return key.append('|').append(Session.current().admin()).append(schemas).toString();
  }

  private static String schemasKey(CalciteSchema root) {
    StringBuilder key = new StringBuilder();
    for (Map.Entry<String, CalciteSchema> schema : root.getSubSchemaMap().entrySet()) {
      name(key.append('|'), schema.getKey());
      if (!(schema.getValue().schema instanceof CalxSchema)) {
        key.append('#').append(SCHEMA_IDS.getUnchecked(schema.getValue().schema));
      }
    }
    return key.toString();
  }

  /** Appends a name with its length first, so that no two lists of names read alike. */
  private static void name(StringBuilder key, String name) {
    key.append(name.length()).append(':').append(name);
  }

  private CachedPlan plan(Context context, String sql, LiftedStatement lifted,
      StatementStats stats, RoutineUses uses, RoutineAccess.StatementKind kind) {
    lifted.castLifted();
    SqlNode node = lifted.node();
    uses.checkExpressions(node);
    FunctionDml dml = null;
    boolean countQuery = false;
    if (node.getKind() == SqlKind.PROCEDURE_CALL) {
      RoutineDefinition called = uses.called((SqlCall) node);
      countQuery = called != null && called.returnType().isEmpty() && !called.returnsTable();
      node = RoutineUses.callQuery((SqlCall) node, called);
    } else if (lifted.computedByCalx() && node.getKind().belongsTo(SqlKind.DML)) {
      dml = FunctionDml.of(node, rowTypes(context));
      if (dml != null) {
        node = dml.query();
      }
    }
    planned = node;
    CalciteSignature<Object> compiled =
        super.prepareSql(context, Query.of(sql), Object[].class, -1);
    // An estimate: Janino's class for a plan grows with its operators.
    long bytes = 8192 + 2048L * planSize + 4L * sql.length();
    if (countQuery) {
      return CachedPlan.ofCount(compiled, lifted, bytes, stats,
          RelOptUtil.createDmlRowType(SqlKind.INSERT, context.getTypeFactory()), kind);
    }
    if (dml == null) {
      return CachedPlan.of(compiled, lifted, bytes, stats, kind);
    }
    return CachedPlan.ofChange(compiled, lifted, bytes, stats, dml.change(),
        RelOptUtil.createDmlRowType(SqlKind.INSERT, context.getTypeFactory()));
  }

  private static Function<List<String>, RelDataType> rowTypes(Context context) {
    return table -> {
      CalciteSchema schema = context.getRootSchema().getSubSchema(CalxSchema.NAME, true);
      CalciteSchema.TableEntry entry =
          schema == null ? null : schema.getTable(Util.last(table), true);
      return entry == null ? null : entry.getTable().getRowType(context.getTypeFactory());
    };
  }

  /** Hands Calcite the tree this prepare already parsed instead of parsing the text again. */
  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    SqlNode statement = planned;
    return SqlParser.create(sql,
        parserConfig.withParserFactory(new ParsedStatementFactory(statement)));
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention convention =
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
    return new PreparingStatement(context, catalogReader, prefer,
        createCluster(planner, new RexBuilder(context.getTypeFactory())), convention);
  }

  /** Calcite's preparation of one statement, with Calx's program. */
  private final class PreparingStatement extends CalcitePreparingStmt {
    PreparingStatement(Context context, CalciteCatalogReader catalogReader,
        EnumerableRel.Prefer prefer, org.apache.calcite.plan.RelOptCluster cluster,
        Convention convention) {
      super(CalxPrepare.this, context, catalogReader, context.getTypeFactory(),
          context.getRootSchema(), prefer, cluster, convention, createConvertletTable());
    }

    @Override
    protected Program getProgram() {
      return CalxPrograms.PROGRAM;
    }

    @Override
    protected PreparedResult implement(RelRoot root) {
      int[] size = {0};
      new RelVisitor() {
        @Override
        public void visit(RelNode node, int ordinal, RelNode parent) {
          size[0]++;
          super.visit(node, ordinal, parent);
        }
      }.go(root.rel);
      planSize = size[0];
      return super.implement(root);
    }
  }

  /** A parser factory whose parser answers a statement already parsed. */
  private record ParsedStatementFactory(SqlNode statement) implements SqlParserImplFactory {
    @Override
    public SqlAbstractParserImpl getParser(Reader stream) {
      return new CalxSqlParserImpl(stream) {
        @Override
        public SqlNode parseSqlStmtEof() {
          return statement;
        }
      };
    }

    @Override
    public DdlExecutor getDdlExecutor() {
      return CalxParserFactory.FACTORY.getDdlExecutor();
    }
  }
}
