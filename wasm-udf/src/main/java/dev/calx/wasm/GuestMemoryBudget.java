package dev.calx.wasm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The most linear memory that the live instances of every function bound to it may hold
 * together, idle and running: one per server, {@link #shared()}, unless a function is given its
 * own.
 *
 * <p>Memory is counted when it is taken, not per call: an instance reserves its initial memory
 * before it is created and each page it grows by before the page exists, and gives it all back
 * when it is thrown away. A reservation that does not fit first releases idle instances, least
 * recently used first, then waits at most {@link #WAIT} for running ones to end; if the memory
 * still does not come free it is refused, and the call fails with {@link
 * MemoryBudgetExhaustedException} (53200) rather than taking the heap. A large reservation, a
 * sixteenth of the budget or more, must leave that sixteenth free, so that small functions still
 * get instances while large ones fill the budget. Idle instances are also held to a quarter of
 * the budget and released after {@link #IDLE_EXPIRY} unused, by the {@link CallWatchdog} once a
 * second, so memory goes back after a load.
 */
public final class GuestMemoryBudget {
  /** How long a reservation waits for memory to come free before it is refused. */
  public static final Duration WAIT = Duration.ofMillis(200);
  /** An idle instance unused this long is released. */
  public static final Duration IDLE_EXPIRY = Duration.ofSeconds(60);
  /** The share of the JVM's maximum heap that the shared budget takes unless resized. */
  public static final int DEFAULT_HEAP_PERCENT = 25;

  private static final long WAIT_NANOS = WAIT.toNanos();
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long EXPIRY_TICKS =
      IDLE_EXPIRY.toNanos() / CallLimits.WATCHDOG_TICK.toNanos();
  /** Every budget, for the watchdog's sweep; weak, so a budget no function uses goes away. */
  private static final Set<GuestMemoryBudget> ALL =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private static final GuestMemoryBudget SHARED = of(defaultLimitBytes(), 0);

  private volatile long limitBytes;
  /** Zero for the default, a quarter of the limit. */
  private final long idleLimitBytes;
  private final AtomicLong usedBytes = new AtomicLong();
  /** The instances holding memory of this budget, idle or running. */
  private final Set<GuestInstance> live = ConcurrentHashMap.newKeySet();

  private GuestMemoryBudget(long limitBytes, long idleLimitBytes) {
    this.limitBytes = checked(limitBytes);
    this.idleLimitBytes = idleLimitBytes;
  }

  /** The budget every function uses unless given its own; by default a share of the heap. */
  public static GuestMemoryBudget shared() {
    return SHARED;
  }

  /** A budget of its own, for functions that must not compete with the shared one. */
  public static GuestMemoryBudget of(long limitBytes) {
    return of(limitBytes, 0);
  }

  /** A budget of its own whose idle instances may keep {@code idleLimitBytes}. */
  static GuestMemoryBudget of(long limitBytes, long idleLimitBytes) {
    GuestMemoryBudget budget = new GuestMemoryBudget(limitBytes, idleLimitBytes);
    ALL.add(budget);
    return budget;
  }

  /** {@value #DEFAULT_HEAP_PERCENT} % of the JVM's maximum heap ({@code -Xmx}). */
  public static long defaultLimitBytes() {
    return shareOfHeap(DEFAULT_HEAP_PERCENT);
  }

  /** A percentage of the JVM's maximum heap, in bytes; 25 % of 2 GiB is exactly 512 MiB. */
  public static long shareOfHeap(int percent) {
    return Runtime.getRuntime().maxMemory() * percent / 100;
  }

  /**
   * Changes the limit. Memory already held above a lowered limit is not taken back from running
   * calls; new reservations wait until it has been released.
   *
   * @throws IllegalArgumentException if the limit is below one page or above the maximum heap
   */
  public void resize(long newLimitBytes) {
    limitBytes = checked(newLimitBytes);
  }

  private static long checked(long bytes) {
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes < CallLimits.PAGE_BYTES || bytes > heap) {
      throw new IllegalArgumentException("the guest memory budget must be between 64 KiB and the"
          + " maximum heap of " + ByteSize.text(heap) + ", got " + bytes + " bytes");
    }
    return bytes;
  }

  /** The limit, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** The memory held now by live instances, in bytes. */
  public long usedBytes() {
    return usedBytes.get();
  }

  /** The most memory that idle instances keep: a quarter of the limit. */
  public long idleLimitBytes() {
    return idleLimitBytes > 0 ? idleLimitBytes : limitBytes / 4;
  }

  /**
   * Takes {@code bytes} from the budget, releasing idle instances and waiting as the class
   * comment says.
   *
   * @return whether the memory was taken; false also if the thread is interrupted while waiting
   */
  boolean reserve(long bytes) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!tryTake(bytes)) {
      if (bytes > ceiling(bytes) || !(evictLeastRecentlyUsed(bytes) || pause(deadline))) {
        return false;
      }
    }
    return true;
  }

  /**
   * How full a reservation of {@code bytes} may make the budget: all of it for a small one, all
   * but the sixteenth kept for small ones for a large one.
   */
  private long ceiling(long bytes) {
    long limit = limitBytes;
    long headroom = limit / 16;
    return bytes >= headroom ? limit - headroom : limit;
  }

  void release(long bytes) {
    usedBytes.addAndGet(-bytes);
  }

  /** Why a reservation of {@code bytes} was refused, for the caller's message. */
  String refusal(long bytes) {
    long limit = limitBytes;
    if (bytes > limit) {
      return "needs " + ByteSize.text(bytes) + ", more than the whole guest memory budget of "
          + ByteSize.text(limit);
    }
    if (bytes > ceiling(bytes)) {
      return "needs " + ByteSize.text(bytes) + ", more than the " + ByteSize.text(ceiling(bytes))
          + " one instance may take of the guest memory budget of " + ByteSize.text(limit)
          + " (a sixteenth is kept for small instances)";
    }
    return "the guest memory budget of " + ByteSize.text(limit) + " is exhausted: "
        + ByteSize.text(usedBytes.get()) + " is held by " + live.size()
        + " instances and " + ByteSize.text(bytes) + " more did not come free within "
        + WAIT.toMillis() + " ms; try again when fewer calls run";
  }

  void register(GuestInstance instance) {
    live.add(instance);
  }

  void unregister(GuestInstance instance) {
    live.remove(instance);
  }

  private boolean tryTake(long bytes) {
    long used;
    do {
      used = usedBytes.get();
      if (used + bytes > ceiling(bytes)) {
        return false;
      }
    } while (!usedBytes.compareAndSet(used, used + bytes));
    return true;
  }

  /** Whether waiting on makes sense: not past the deadline, not interrupted (then it parked). */
  private static boolean pause(long deadline) {
    if (Thread.currentThread().isInterrupted() || System.nanoTime() - deadline >= 0) {
      return false;
    }
    LockSupport.parkNanos(POLL_NANOS);
    return true;
  }

  /**
   * Releases idle instances, least recently used first, so that {@code bytes} fit; whether any
   * went. Releases none if all idle ones together would not make room, since the reservation
   * must wait for running calls anyway, and spares those that a larger one chosen after them
   * makes unnecessary: a small function's instance is not thrown away to make a tiny part of the
   * room a large one needs.
   */
  private boolean evictLeastRecentlyUsed(long bytes) {
    long shortfall = usedBytes.get() + bytes - ceiling(bytes);
    List<Idle> victims = new ArrayList<>();
    long freed = 0;
    for (Idle idle : idleOldestFirst()) {
      if (freed >= shortfall) {
        break;
      }
      victims.add(idle);
      freed += idle.bytes;
    }
    if (freed < shortfall) {
      return false;
    }
    victims.sort(Comparator.comparingLong(Idle::bytes));
    boolean evicted = false;
    for (Idle victim : victims) {
      if (freed - victim.bytes >= shortfall) {
        freed -= victim.bytes;
      } else {
        evicted |= victim.instance.evict();
      }
    }
    return evicted;
  }

  /**
   * Keeps the most recently used idle instances up to {@link #idleLimitBytes()} and releases the
   * rest, and any unused for {@link #IDLE_EXPIRY}.
   */
  private void trimIdle(long nowTick) {
    List<Idle> idle = idleOldestFirst();
    Collections.reverse(idle);
    long kept = 0;
    long idleLimit = idleLimitBytes();
    for (Idle i : idle) {
      if (kept + i.bytes > idleLimit || nowTick - i.lastUsedTick > EXPIRY_TICKS) {
        i.instance.evict();
      } else {
        kept += i.bytes;
      }
    }
  }

  /** Called by the watchdog thread, once a second. */
  static void trimAll(long nowTick) {
    List<GuestMemoryBudget> budgets;
    synchronized (ALL) {
      budgets = new ArrayList<>(ALL);
    }
    for (GuestMemoryBudget budget : budgets) {
      budget.trimIdle(nowTick);
    }
  }

  /** The memory idle instances hold now, in bytes. */
  public long idleBytes() {
    long sum = 0;
    for (Idle idle : idleOldestFirst()) {
      sum += idle.bytes;
    }
    return sum;
  }

  /**
   * A snapshot of the idle instances: their use time and size are read once, since their owners
   * may take them for a call while the list is sorted.
   */
  private List<Idle> idleOldestFirst() {
    List<Idle> idle = new ArrayList<>();
    for (GuestInstance instance : live) {
      if (instance.isIdle()) {
        idle.add(new Idle(instance, instance.lastUsedTick(), instance.reservedBytes()));
      }
    }
    idle.sort(Comparator.comparingLong(Idle::lastUsedTick));
    return idle;
  }

  private record Idle(GuestInstance instance, long lastUsedTick, long bytes) {}
}
