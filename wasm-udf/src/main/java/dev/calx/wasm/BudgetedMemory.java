package dev.calx.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * The linear memory of one instance, every byte of it reserved from a {@link GuestMemoryBudget}
 * before it exists: the initial pages when the memory is made, each page added by {@code
 * memory.grow} before the grow, and all of it given back by {@link #release}.
 *
 * <p>A grow the budget refuses returns -1 to the guest, as a grow past the instance's own maximum
 * does, and is remembered so that the call's failure is reported as the budget's (53200), and so
 * that the instance is not kept: its owner wanted memory the server could not give.
 */
final class BudgetedMemory extends DelegatingMemory {
  private final GuestMemoryBudget budget;
  /** Written by the owner while it runs the instance, read once when the memory is released. */
  private volatile long reservedBytes;
  private String refusal;

  private BudgetedMemory(GuestMemoryBudget budget, ByteArrayMemory pages, long reservedBytes) {
    super(pages);
    this.budget = budget;
    this.reservedBytes = reservedBytes;
  }

  /**
   * Reserves the initial memory and makes it.
   *
   * @throws GuestFault of kind BUDGET if the budget or the heap cannot hold it
   */
  static BudgetedMemory reserve(GuestMemoryBudget budget, MemoryLimits limits) {
    long bytes = (long) limits.initialPages() * CallLimits.PAGE_BYTES;
    if (!budget.reserve(bytes)) {
      throw new GuestFault(GuestFault.Kind.BUDGET, budget.refusal(bytes));
    }
    try {
      return new BudgetedMemory(budget, new ByteArrayMemory(limits), bytes);
    } catch (OutOfMemoryError e) {
      budget.release(bytes);
      throw new GuestFault(GuestFault.Kind.BUDGET, heapRefusal(bytes));
    }
  }

  @Override
  public int grow(int size) {
    int pages = delegate.pages();
    if (size <= 0 || pages + size > delegate.maximumPages()) {
      return delegate.grow(size); // nothing to reserve: no change, or past the maximum (-1)
    }
    long bytes = (long) size * CallLimits.PAGE_BYTES;
    if (!budget.reserve(bytes)) {
      refusal = budget.refusal(bytes);
      return -1;
    }
    try {
      delegate.grow(size);
    } catch (OutOfMemoryError e) {
      budget.release(bytes);
      refusal = heapRefusal(bytes);
      return -1;
    }
    reservedBytes += bytes;
    return pages;
  }

  private static String heapRefusal(long bytes) {
    return "the server's heap could not hold " + ByteSize.text(bytes) + " more of guest memory";
  }

  /** Why a grow was refused during the instance's life, or null if none was. */
  String refusal() {
    return refusal;
  }

  long reservedBytes() {
    return reservedBytes;
  }

  /** Gives the memory back and drops the pages; called once, when the instance is let go. */
  void release() {
    detach();
    budget.release(reservedBytes);
  }

  GuestMemoryBudget budget() {
    return budget;
  }
}
