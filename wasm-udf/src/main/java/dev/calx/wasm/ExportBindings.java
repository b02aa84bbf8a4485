package dev.calx.wasm;

/**
 * The names of the exports one function needs: the function itself and, for TEXT and VARBINARY,
 * the allocator and the optional deallocator.
 *
 * @param function the export called for each call
 * @param alloc {@code alloc} or {@code malloc}, or null when no buffer crosses the boundary
 * @param dealloc {@code dealloc} or {@code free}, or null when the guest exports neither
 * @param deallocTakesLength whether the deallocator is {@code dealloc(ptr, len)} rather than
 *     {@code free(ptr)}
 */
record ExportBindings(String function, String alloc, String dealloc, boolean deallocTakesLength) {
  boolean usesMemory() {
    return alloc != null;
  }
}
