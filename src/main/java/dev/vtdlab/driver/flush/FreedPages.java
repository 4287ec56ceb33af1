package dev.vtdlab.driver.flush;

/**
 * The page-table pages an unmap freed (Linux's freelist in the IOTLB gather), as an opaque handle:
 * {@link #release()} gives them back to their owner (for example the frame allocator). A release
 * happens once, and only after the invalidation that covers the unmap has completed.
 */
public interface FreedPages {

  /** Number of table pages held. */
  int count();

  /** Gives the pages back to their owner. Called exactly once. */
  void release();

  /** An unmap that freed no table page. */
  static FreedPages none() {
    return None.INSTANCE;
  }

  /** {@code count} pages released by {@code release}. */
  static FreedPages of(int count, Runnable release) {
    if (count < 0) {
      throw new IllegalArgumentException("a freed-page count cannot be negative, got " + count);
    }
    return new FreedPages() {
      @Override
      public int count() {
        return count;
      }

      @Override
      public void release() {
        release.run();
      }

      @Override
      public String toString() {
        return count + " freed table pages";
      }
    };
  }

  /** The empty handle. */
  enum None implements FreedPages {
    INSTANCE;

    @Override
    public int count() {
      return 0;
    }

    @Override
    public void release() {}
  }
}
