package dev.vtdlab.hw.regs;

import dev.vtdlab.bits.BitField;
import dev.vtdlab.bits.Decoded;
import dev.vtdlab.bits.WordLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One register of the unit's register table: name, byte offset, width and the access of each bit.
 * The masks are derived from {@link BitField}s; every bit no granted field covers is reserved
 * (reads 0, writes ignored). A field of the layout can be left ungranted when the unit lacks the
 * capability it needs: it is then reserved on this unit.
 *
 * @param name spec name, for example {@code GCMD_REG} or {@code FRCD_REG[2].hi}
 * @param offset byte offset in the register page
 * @param width 32 or 64
 * @param layout every field the register defines
 * @param rwMask read-write bits
 * @param rw1cMask write-1-to-clear bits
 * @param roMask read-only bits
 * @param woMask write-only bits (read as 0)
 */
public record RegisterDef(
    String name,
    int offset,
    int width,
    WordLayout layout,
    long rwMask,
    long rw1cMask,
    long roMask,
    long woMask) {

  public RegisterDef {
    if (width != 32 && width != 64) {
      throw new IllegalArgumentException(name + ": width " + width + " is not 32 or 64");
    }
    if (offset < 0 || offset % (width / 8) != 0) {
      throw new IllegalArgumentException(
          String.format("%s: offset 0x%x is not aligned to its width %d", name, offset, width));
    }
    long[] masks = {rwMask, rw1cMask, roMask, woMask};
    long seen = 0;
    for (long m : masks) {
      if ((seen & m) != 0) {
        throw new IllegalArgumentException(name + ": a bit has two access kinds");
      }
      seen |= m;
    }
    if ((seen & ~widthMask(width)) != 0) {
      throw new IllegalArgumentException(name + ": access masks exceed the register width");
    }
  }

  private static long widthMask(int width) {
    return width == 64 ? -1L : 0xFFFF_FFFFL;
  }

  /** Bits in the register (32 or 64 ones). */
  public long widthMask() {
    return widthMask(width);
  }

  /** Bits no access is granted for: read as 0, writes ignored. */
  public long reservedMask() {
    return widthMask() & ~(rwMask | rw1cMask | roMask | woMask);
  }

  /** Bits a write stores (RW and WO). */
  public long writableMask() {
    return rwMask | woMask;
  }

  /** Bits a read returns (RW, RW1C and RO). */
  public long readableMask() {
    return rwMask | rw1cMask | roMask;
  }

  /** The access of one field of the layout on this unit, or null when it is reserved. */
  public Access accessOf(BitField field) {
    long m = field.mask();
    if ((rwMask & m) == m) {
      return Access.RW;
    }
    if ((rw1cMask & m) == m) {
      return Access.RW1C;
    }
    if ((roMask & m) == m) {
      return Access.RO;
    }
    if ((woMask & m) == m) {
      return Access.WO;
    }
    return null;
  }

  /** The value decoded field by field, each with its access ("reserved" when not granted). */
  public Decoded decode(long value) {
    List<Decoded.Field> fields = new ArrayList<>();
    for (BitField f : layout.fields()) {
      Access a = accessOf(f);
      fields.add(
          new Decoded.Field(f.name(), f.range(), f.get(value), a == null ? "reserved" : a.name()));
    }
    List<String> errors = new ArrayList<>();
    long reserved = value & reservedMask();
    if (reserved != 0) {
      errors.add(String.format("reserved bits set: 0x%x", reserved));
    }
    return new Decoded(
        String.format("%s (0x%03x, %d-bit)", name, offset, width),
        List.of(value),
        fields,
        List.of(),
        errors);
  }

  @Override
  public String toString() {
    return String.format(
        "%s@0x%03x/%d rw=0x%x rw1c=0x%x ro=0x%x wo=0x%x reserved=0x%x",
        name, offset, width, rwMask, rw1cMask, roMask, woMask, reservedMask());
  }

  /** A builder that grants access field by field. */
  public static Builder builder(String name, int offset, int width, WordLayout layout) {
    return new Builder(name, offset, width, layout);
  }

  /** Grants access to fields of the layout. */
  public static final class Builder {
    private final String name;
    private final int offset;
    private final int width;
    private final WordLayout layout;
    private final Map<Access, Long> masks = new EnumMap<>(Access.class);

    private Builder(String name, int offset, int width, WordLayout layout) {
      this.name = name;
      this.offset = offset;
      this.width = width;
      this.layout = layout;
      for (Access a : Access.values()) {
        masks.put(a, 0L);
      }
    }

    /** Grants {@code access} to these fields. */
    public Builder field(Access access, BitField... fields) {
      for (BitField f : fields) {
        if (!layout.fields().contains(f)) {
          throw new IllegalArgumentException(f + " is not a field of " + layout.name());
        }
        masks.merge(access, f.mask(), (x, y) -> x | y);
      }
      return this;
    }

    /** Grants {@code access} to these fields only when {@code capability} holds. */
    public Builder fieldIf(boolean capability, Access access, BitField... fields) {
      return capability ? field(access, fields) : this;
    }

    public RegisterDef build() {
      return new RegisterDef(
          name,
          offset,
          width,
          layout,
          masks.get(Access.RW),
          masks.get(Access.RW1C),
          masks.get(Access.RO),
          masks.get(Access.WO));
    }
  }
}
