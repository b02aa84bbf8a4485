package dev.calx.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One export of a {@link GuestModule}, checked against a declared SQL {@link Signature} and
 * compiled, that any number of threads may call at once.
 *
 * <p>Each thread calls its own instance of the module, kept between calls: one thread's in a field
 * of the function (the favourite, see {@link #favour}), every other thread's in its {@link
 * CallingThread}. An instance that trapped, timed out or grew past {@link
 * CallLimits#retainMemoryBytes()} (or past its initial memory, if larger) is thrown away and the
 * next call gets a fresh one, so a failed call leaves nothing behind. Every instance's linear
 * memory is reserved from a {@link GuestMemoryBudget}, which may release idle instances to make
 * room. A call with a null argument returns null without running the guest (RETURNS NULL ON NULL
 * INPUT).
 *
 * <p>A <em>routine</em> is a function whose module imports from {@code calx}, whose signature
 * returns a table, or that is granted the SQL imports; its calls set up the state its imports
 * work on ({@link CalxCall}) and take a path of their own, so that plain functions pay nothing
 * for it. A routine granted {@link ImportSet#CALX_SQL} runs SQL through a {@link RoutineHost},
 * whose code may call functions on the same thread: such calls nest up to {@link
 * CallingThread#MAX_NESTING} deep, under the outermost call's time limit, and each runs on an
 * instance of its own, never on one that a call further out is using.
 */
public final class WasmFunction {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final String INITIALIZE = "_initialize";
  private static final VarHandle FAVOURITE;

  static {
    try {
      FAVOURITE = MethodHandles.lookup().findVarHandle(WasmFunction.class, "favourite",
          GuestInstance.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int id = IDS.incrementAndGet();
  private final String name;
  private final GuestModule module;
  private final Signature signature;
  private final CallLimits limits;
  private final GuestMemoryBudget budget;
  private final ExportBindings exports;
  private final MemoryLimits memoryLimits;
  private final int maxPages;
  private final long timeoutNanos;
  private final long retainMemoryBytes;
  private final boolean initialize;
  private final int arity;
  /**
   * The arity of a function whose calls take the fast path of {@link #call(Object...)}; -1 for a
   * routine, so that the one arity check of every call sends a routine's calls to its own path.
   */
  private final int fastArity;
  /** Whether the function is granted the SQL imports: it may run SQL and calls nested in it. */
  private final boolean runsSql;
  /**
   * Whether calls may skip the watchdog: see {@link LoopFreeCode}. Never for a routine that runs
   * SQL, whose host calls may take long and nest other calls.
   */
  private final boolean loopFree;
  private final AbiBinding binding;
  /**
   * The instance of the thread this function favours: reached with one field read and a thread
   * comparison instead of a thread-local lookup, which was most of the cost of calling a small
   * function. See {@link #favour}.
   */
  private volatile GuestInstance favourite;

  private WasmFunction(Builder b, ExportBindings exports, AbiBinding binding,
      MemoryLimits memoryLimits) {
    this.binding = binding;
    this.name = b.name;
    this.module = b.module;
    this.signature = b.signature;
    this.limits = b.limits;
    this.budget = b.budget;
    this.exports = exports;
    this.memoryLimits = memoryLimits;
    this.maxPages = memoryLimits == null ? 0 : memoryLimits.maximumPages();
    this.timeoutNanos = b.limits.timeout().toNanos();
    // A module that starts larger than the retention size would otherwise never keep an instance.
    this.retainMemoryBytes = memoryLimits == null ? b.limits.retainMemoryBytes()
        : Math.max(b.limits.retainMemoryBytes(),
            (long) memoryLimits.initialPages() * CallLimits.PAGE_BYTES);
    this.initialize = ModuleExports.hasFunction(b.module.wasmModule(), INITIALIZE);
    this.arity = b.signature.parameters().size();
    this.runsSql = b.grants.contains(ImportSet.CALX_SQL);
    boolean routine = runsSql || b.signature.returnsTable()
        || HostImports.importsFrom(b.module.wasmModule(), CalxImports.MODULE);
    this.fastArity = routine ? -1 : arity;
    this.loopFree = !runsSql && LoopFreeCode.all(b.module.wasmModule(), exports.function(),
        exports.alloc(), exports.dealloc());
  }

  /** Starts binding a function to an export of a module. */
  public static Builder builder(GuestModule module) {
    return new Builder(module);
  }

  /** The name used in messages, normally the procedure's. */
  public String name() {
    return name;
  }

  /** The name of the export this function calls. */
  public String exportName() {
    return exports.function();
  }

  /** The declared SQL signature. */
  public Signature signature() {
    return signature;
  }

  /** The limits every call runs under. */
  public CallLimits limits() {
    return limits;
  }

  /** The module this function belongs to. */
  public GuestModule module() {
    return module;
  }

  /**
   * Calls the function.
   *
   * @param args one value per declared parameter, of the parameter type's {@link
   *     SqlType#javaClass()} (any exact integer class for integer types, any number for
   *     floating-point types)
   * @return the result, of the result type's Java class, or null if any argument is null or the
   *     signature returns nothing
   * @throws WasmUdfException if the call traps, breaks the ABI, runs out of time or memory, or
   *     returns an out-of-range number
   * @throws IllegalArgumentException if an argument has the wrong count or class
   * @throws IllegalStateException if the function returns a table or is granted the SQL imports,
   *     which need {@link #callTable} or a {@link RoutineHost}
   */
  public Object call(Object... args) {
    if (args.length != fastArity) {
      return call(null, args);
    }
    if (hasNull(args)) {
      return null;
    }
    GuestInstance instance = favourite;
    if (instance != null && instance.thread == Thread.currentThread() && instance.take()) {
      return callFavourite(instance, args);
    }
    return callFromPool(args);
  }

  /**
   * Calls the function with a database behind its SQL imports.
   *
   * @param host what {@link ImportSet#CALX_SQL} runs; may be null if that set is not granted
   * @return as {@link #call(Object...)}; null for a signature that returns nothing
   * @throws RoutineFailedException with SQLSTATE 54001 if routines that run SQL are nested {@link
   *     CallingThread#MAX_NESTING} deep on this thread already, before any guest code runs
   * @throws IllegalStateException if the function returns a table, or is granted the SQL imports
   *     and {@code host} is null
   */
  public Object call(RoutineHost host, Object... args) {
    if (signature.returnsTable()) {
      throw new IllegalStateException(name + " returns a table: call it with callTable");
    }
    return callRoutine(host, 0, args);
  }

  /**
   * Calls a function whose signature returns a table, collecting the rows it emits.
   *
   * @param host what {@link ImportSet#CALX_SQL} runs; may be null if that set is not granted
   * @param maxRows the most rows the call may emit; one more fails it with 54000
   * @return the rows, each with one value per column, of the column type's Java class (null for a
   *     column not set); no rows if an argument is null
   * @throws IllegalStateException if the function does not return a table, or is granted the SQL
   *     imports and {@code host} is null
   */
  public List<Object[]> callTable(RoutineHost host, long maxRows, Object... args) {
    if (!signature.returnsTable()) {
      throw new IllegalStateException(name + " does not return a table: call it with call");
    }
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must not be negative, got " + maxRows);
    }
    Object rows = callRoutine(host, maxRows, args);
    return rows == null ? List.of() : ((EmittedRows) rows).rows();
  }

  /**
   * A call off the fast path: of a routine, or of a plain function given a host. A routine that
   * runs SQL opens a level on the calling thread (see {@link CallingThread}) before any guest code
   * of it runs, its instantiation included.
   */
  private Object callRoutine(RoutineHost host, long maxRows, Object[] args) {
    if (args.length != arity) {
      throw new IllegalArgumentException(name + " takes " + arity + " arguments, got "
          + args.length);
    }
    if (runsSql && host == null) {
      throw new IllegalStateException(name + " is granted the SQL imports, so it must be called"
          + " with a RoutineHost");
    }
    if (hasNull(args)) {
      return null;
    }
    if (!runsSql) {
      return callInstance(host, maxRows, args);
    }
    CallingThread caller = CallingThread.current();
    if (caller.nesting() == CallingThread.MAX_NESTING) {
      throw CallFailures.tooDeep(this, args);
    }
    if (!caller.enterRoutine(timeoutNanos)) {
      throw CallFailures.lateStart(this, args);
    }
    try {
      return callInstance(host, maxRows, args);
    } finally {
      caller.exitRoutine();
    }
  }

  /**
   * Runs a call on the favourite instance if it is this thread's and idle, else on the thread's
   * idle one or a new one; the favourite's thread is found without a thread-local lookup, as on
   * the fast path. A call nested in another of this function on this thread finds the favourite
   * busy ({@link GuestInstance#take} fails) and the idle slot empty, since the outer call took its
   * instance out of it, so it always gets an instance of its own.
   */
  private Object callInstance(RoutineHost host, long maxRows, Object[] args) {
    GuestInstance instance = favourite;
    boolean favoured = instance != null && instance.thread == Thread.currentThread()
        && instance.take();
    CallingThread caller = favoured ? instance.caller : CallingThread.current();
    if (!favoured) {
      instance = caller.takeIdle(id);
      if (instance == null) {
        instance = newInstance(caller, args);
      }
    }
    CalxCall calx = instance.calx;
    boolean keep = false;
    try {
      if (calx != null) {
        calx.begin(host, maxRows);
      }
      Object result = runRoutine(instance, args);
      keep = instance.keepable(retainMemoryBytes);
      return result;
    } finally {
      if (calx != null) {
        calx.end();
      }
      if (favoured) {
        releaseFavourite(instance, keep);
      } else {
        releasePooled(caller, instance, keep);
      }
    }
  }

  /**
   * Runs the call; for a table, returns the rows it emitted. A call that tried to emit past the
   * cap fails with 54000, also if its guest then trapped, as a guest that cannot go on does.
   */
  private Object runRoutine(GuestInstance instance, Object[] args) {
    EmittedRows rows = instance.calx == null ? null : instance.calx.rows();
    Object result;
    try {
      result = run(instance, args);
    } catch (GuestTrapException e) {
      throw rows != null && rows.capReached() ? CallFailures.rowCap(this, args, rows.maxRows())
          : e;
    }
    if (rows == null) {
      return result;
    }
    if (rows.capReached()) {
      throw CallFailures.rowCap(this, args, rows.maxRows());
    }
    return rows;
  }

  /**
   * Calls the favourite instance; one that fails or is not {@link GuestInstance#keepable} is let
   * go at once, so that no call reuses it and the function does not keep its memory.
   */
  private Object callFavourite(GuestInstance instance, Object[] args) {
    boolean keep = false;
    try {
      Object result = run(instance, args);
      keep = instance.keepable(retainMemoryBytes);
      return result;
    } finally {
      releaseFavourite(instance, keep);
    }
  }

  private void releaseFavourite(GuestInstance instance, boolean keep) {
    if (keep) {
      instance.putBack();
    } else {
      FAVOURITE.compareAndSet(this, instance, null);
      instance.retire();
    }
  }

  private Object callFromPool(Object[] args) {
    CallingThread caller = CallingThread.current();
    GuestInstance instance = caller.takeIdle(id);
    if (instance == null) {
      instance = newInstance(caller, args);
    }
    boolean keep = false;
    try {
      Object result = run(instance, args);
      keep = instance.keepable(retainMemoryBytes);
      return result;
    } finally {
      releasePooled(caller, instance, keep);
    }
  }

  private void releasePooled(CallingThread caller, GuestInstance instance, boolean keep) {
    if (!keep) {
      instance.retire();
    } else if (!favour(instance)) {
      caller.putIdle(instance);
    }
  }

  private Object run(GuestInstance instance, Object[] args) {
    return loopFree ? callUnwatched(instance, args) : callWatched(instance, args);
  }

  /**
   * Makes an instance just called this function's favourite if the function has none, if the
   * current one is gone (evicted by the budget), or if the thread of the current one has ended.
   *
   * <p>Why this is safe: only the favourite's own thread takes it for a call, since every other
   * thread fails the identity check first, and only that thread clears the field while it is
   * alive ({@link #callFavourite}). Another thread replaces a favourite only once it is gone or
   * its thread has ended (seen through {@link CallingThread#hasEnded()}, which the watchdog sets
   * within a tick of the termination, after {@link Thread#isAlive()} returned false), so no call
   * on it can still be running; the old instance is then evicted, not handed over. Until then,
   * the favourite of an ended thread is idle, and the budget may evict it like any idle instance.
   */
  private boolean favour(GuestInstance instance) {
    GuestInstance current = favourite;
    boolean replace = current == null || current.isGone()
        || (current.thread != instance.thread && current.caller.hasEnded());
    if (!replace) {
      return false;
    }
    instance.putBack();
    if (!FAVOURITE.compareAndSet(this, current, instance)) {
      return false;
    }
    if (current != null) {
      current.evict();
    }
    return true;
  }

  /** Unrolled for up to two arguments, for the reason given at {@link AbiBinding#encode}. */
  private static boolean hasNull(Object[] args) {
    switch (args.length) {
      case 0:
        return false;
      case 1:
        return args[0] == null;
      case 2:
        return args[0] == null || args[1] == null;
      default:
        for (Object arg : args) {
          if (arg == null) {
            return true;
          }
        }
        return false;
    }
  }

  private Object callWatched(GuestInstance instance, Object[] args) {
    CallingThread caller = instance.caller;
    caller.beginCall(timeoutNanos);
    Object result;
    try {
      result = invoke(instance, args);
    } catch (RuntimeException | StackOverflowError e) {
      throw CallFailures.translate(this, e, caller.endCall(), instance, args);
    } catch (Error e) {
      // Any other error (of the host's code, say) ends the call too, or the watchdog would go on
      // watching it and interrupt whatever the thread does next.
      caller.endCall();
      throw e;
    }
    if (caller.endCall()) {
      throw CallFailures.timeout(this, args);
    }
    return result;
  }

  private Object callUnwatched(GuestInstance instance, Object[] args) {
    try {
      return invoke(instance, args);
    } catch (RuntimeException | StackOverflowError e) {
      throw CallFailures.translate(this, e, false, instance, args);
    }
  }

  private Object invoke(GuestInstance instance, Object[] args) {
    binding.encode(args, instance);
    Object result = binding.decode(instance.invoke(), instance);
    instance.freeBuffers();
    return result;
  }

  /** A fresh instance; instantiation runs guest code (_initialize), so it is always watched. */
  private GuestInstance newInstance(CallingThread caller, Object[] args) {
    caller.beginCall(timeoutNanos);
    GuestInstance instance;
    try {
      instance = instantiate(caller);
    } catch (RuntimeException | StackOverflowError e) {
      throw CallFailures.translate(this, e, caller.endCall(), null, args);
    } catch (Error e) {
      caller.endCall();
      throw e;
    }
    if (caller.endCall()) {
      throw CallFailures.timeout(this, args);
    }
    return instance;
  }

  /** An instance whose memory is reserved first and given back if the instance cannot be made. */
  private GuestInstance instantiate(CallingThread caller) {
    BudgetedMemory memory =
        memoryLimits == null ? null : BudgetedMemory.reserve(budget, memoryLimits);
    try {
      CalxCall calx = fastArity < 0
          ? new CalxCall(name, caller, timeoutNanos, signature.columns()) : null;
      return new GuestInstance(id, caller, newInstance(memory, calx), memory, exports,
          binding.arity(), binding.maxBuffers(), maxPages, calx);
    } catch (RuntimeException | Error e) {
      if (memory != null) {
        memory.release();
      }
      throw e;
    }
  }

  private Instance newInstance(BudgetedMemory memory, CalxCall calx) {
    Instance.Builder builder = Instance.builder(module.wasmModule())
        .withMachineFactory(module.machineFactory())
        .withImportValues(HostImports.forModule(module.wasmModule(), name, calx))
        .withStart(false);
    if (memory != null) {
      builder.withMemoryLimits(memoryLimits).withMemoryFactory(limits -> memory);
    }
    Instance instance = builder.build();
    if (initialize) {
      instance.export(INITIALIZE).apply();
    }
    return instance;
  }

  /** Creates the first instance, running {@code _initialize}, for the building thread. */
  private WasmFunction warm() {
    CallingThread caller = CallingThread.current();
    caller.putIdle(newInstance(caller, new Object[0]));
    return this;
  }

  /**
   * How a call with these arguments is written at the start of its failure messages, {@code
   * NAME(arg, ...)}, so that a caller can tell the call from the cause.
   */
  public String callText(Object... args) {
    return CallFailures.where(this, args);
  }

  /** Whether this function favours {@code thread}: see {@link #favour}. */
  boolean favours(Thread thread) {
    GuestInstance current = favourite;
    return current != null && current.thread == thread;
  }

  int maxPages() {
    return maxPages;
  }

  /** Whether the function is granted the SQL imports, and so opens a routine level per call. */
  boolean runsSql() {
    return runsSql;
  }

  /** Collects what binding a function needs; {@link #build()} checks it all at once. */
  public static final class Builder {
    private final GuestModule module;
    private String name;
    private String export;
    private boolean exactExport;
    private Signature signature;
    private CallLimits limits = CallLimits.DEFAULTS;
    private GuestMemoryBudget budget = GuestMemoryBudget.shared();
    private final Set<ImportSet> grants = EnumSet.noneOf(ImportSet.class);

    private Builder(GuestModule module) {
      this.module = Objects.requireNonNull(module, "module");
    }

    /**
     * The function's name, used in messages and, unless {@link #export} is given, to find the
     * export: an exact match first, else the one export whose name equals it ignoring case.
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The export to call, matched exactly. */
    public Builder export(String exportName) {
      this.export = exportName;
      this.exactExport = true;
      return this;
    }

    /** The declared SQL signature. */
    public Builder signature(Signature signature) {
      this.signature = signature;
      return this;
    }

    /** The limits of every call; {@link CallLimits#DEFAULTS} unless given. */
    public Builder limits(CallLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The budget the instances' memory is reserved from; the shared one unless given. */
    public Builder budget(GuestMemoryBudget memoryBudget) {
      this.budget = Objects.requireNonNull(memoryBudget, "budget");
      return this;
    }

    /** Grants the module one set of host imports. */
    public Builder grant(ImportSet set) {
      grants.add(set);
      return this;
    }

    /**
     * Checks the module against everything given, compiles it, creates a first instance and
     * runs its {@code _initialize}.
     *
     * @throws ModuleRejectedException if an import is not granted or an export is missing
     * @throws SignatureMismatchException if the signature does not fit the export
     * @throws MemoryLimitException if the module's initial memory exceeds the limit
     */
    public WasmFunction build() {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(signature, "signature");
      HostImports.check(module.wasmModule(), grants);
      String function = ModuleExports.resolve(module.wasmModule(), name,
          export == null ? name : export, exactExport);
      FunctionType type = ModuleExports.exportedType(module.wasmModule(), function);
      AbiBinding binding = AbiBinding.bind(name, function, signature, type);
      ExportBindings exports =
          ModuleExports.bind(module.wasmModule(), name, function, signature.usesMemory());
      MemoryLimits memory = ModuleExports.cappedMemory(module.wasmModule(), name, limits);
      module.machineFactory();
      return new WasmFunction(this, exports, binding, memory).warm();
    }
  }
}
