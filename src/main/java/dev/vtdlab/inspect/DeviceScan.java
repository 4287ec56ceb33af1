package dev.vtdlab.inspect;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.PasidDirEntry;
import dev.vtdlab.hw.struct.PasidEntry;
import dev.vtdlab.hw.struct.RootEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import dev.vtdlab.mem.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every device the remapping structures describe: each present root entry (half), each
 * present context entry under it, and in scalable mode each present PASID-directory and PASID entry
 * (VT-d spec 9.1-9.6; digest 2-4). Structures the dump does not hold are reported as findings,
 * never read as zero.
 */
public final class DeviceScan {
  /**
   * What the scan found.
   *
   * @param rtaddr the RTADDR value scanned from
   * @param devices every device with a present context entry, by requester id
   * @param unreadable structures pointed to but absent from the dump
   */
  public record Result(
      RootTablePointer rtaddr, List<DeviceView> devices, List<Finding> unreadable) {
    /** Copies the lists. */
    public Result {
      devices = List.copyOf(devices);
      unreadable = List.copyOf(unreadable);
    }

    /** The device with this requester id, or null. */
    public DeviceView device(SourceId sid) {
      for (DeviceView d : devices) {
        if (d.sid().equals(sid)) {
          return d;
        }
      }
      return null;
    }
  }

  private final PhysicalMemory memory;
  private final List<DeviceView> devices = new ArrayList<>();
  private final List<Finding> unreadable = new ArrayList<>();

  private DeviceScan(PhysicalMemory memory) {
    this.memory = memory;
  }

  /**
   * Scans from RTADDR.
   *
   * @throws IllegalArgumentException when the root table is not in the memory (bad input)
   */
  public static Result scan(PhysicalMemory memory, RootTablePointer rtaddr) {
    long root = rtaddr.rootTableHpa();
    DeviceScan s = new DeviceScan(memory);
    switch (rtaddr.mode()) {
      case LEGACY, SCALABLE -> {
        if (!memory.isReadable(root, RootEntry.SIZE * RootEntry.ENTRIES)) {
          throw new IllegalArgumentException(
              String.format(
                  "root table at 0x%x (RTADDR 0x%x) is not in the memory dump",
                  root, rtaddr.value()));
        }
        if (rtaddr.mode() == RootTablePointer.Mode.LEGACY) {
          s.legacy(root);
        } else {
          s.scalable(root);
        }
      }
      default -> {
        // TTM 10b/11b: no structures are used, no device is described.
      }
    }
    return new Result(rtaddr, s.devices, s.unreadable);
  }

  private boolean readable(long hpa, int size, String what) {
    if (memory.isReadable(hpa, size)) {
      return true;
    }
    unreadable.add(new Finding(what, hpa, "not in the memory dump"));
    return false;
  }

  private void legacy(long root) {
    for (int bus = 0; bus < RootEntry.ENTRIES; bus++) {
      long rootHpa = RootEntry.address(root, bus);
      RootEntry re = RootEntry.read(memory, rootHpa);
      if (!re.present()) {
        continue;
      }
      String table = String.format("context table of bus %02x", bus);
      if (!readable(re.ctp(), ContextEntry.SIZE * ContextEntry.ENTRIES, table)) {
        continue;
      }
      for (int devfn = 0; devfn < ContextEntry.ENTRIES; devfn++) {
        long ctxHpa = ContextEntry.address(re.ctp(), devfn);
        ContextEntry ce = ContextEntry.read(memory, ctxHpa);
        if (ce.present()) {
          devices.add(
              new DeviceView.Legacy(sid(bus, devfn), rootHpa, re.lo(), re.hi(), ctxHpa, ce));
        }
      }
    }
  }

  private void scalable(long root) {
    for (int bus = 0; bus < RootEntry.ENTRIES; bus++) {
      long rootHpa = ScalableRootEntry.address(root, bus);
      ScalableRootEntry re = ScalableRootEntry.read(memory, rootHpa);
      for (int half = 0; half < 2; half++) {
        int firstDevfn = half * ScalableContextEntry.ENTRIES;
        if (!re.present(firstDevfn)) {
          continue;
        }
        long table = re.contextTable(firstDevfn);
        String what =
            String.format("%s context table of bus %02x", half == 0 ? "lower" : "upper", bus);
        if (!readable(table, ScalableContextEntry.SIZE * ScalableContextEntry.ENTRIES, what)) {
          continue;
        }
        for (int devfn = firstDevfn; devfn < firstDevfn + ScalableContextEntry.ENTRIES; devfn++) {
          long ctxHpa = ScalableContextEntry.address(table, devfn);
          ScalableContextEntry ce = ScalableContextEntry.read(memory, ctxHpa);
          if (ce.present()) {
            device(bus, devfn, rootHpa, re, ctxHpa, ce);
          }
        }
      }
    }
  }

  private void device(
      int bus,
      int devfn,
      long rootHpa,
      ScalableRootEntry re,
      long ctxHpa,
      ScalableContextEntry ce) {
    SourceId sid = sid(bus, devfn);
    List<PasidView> pasids = new ArrayList<>();
    int dirPresent = 0;
    long dir = ce.pasiddirptr();
    int dirEntries = ce.pasidDirectoryEntries();
    if (readable(dir, dirEntries * PasidDirEntry.SIZE, "PASID directory of " + sid)) {
      for (int d = 0; d < dirEntries; d++) {
        int firstPasid = d * PasidEntry.ENTRIES;
        long dirHpa = PasidDirEntry.address(dir, firstPasid);
        PasidDirEntry de = PasidDirEntry.read(memory, dirHpa);
        if (!de.present()) {
          continue;
        }
        dirPresent++;
        String what =
            String.format(
                "PASID table of %s for PASIDs %d-%d",
                sid, firstPasid, firstPasid + PasidEntry.ENTRIES - 1);
        if (!readable(de.smptblptr(), PasidEntry.SIZE * PasidEntry.ENTRIES, what)) {
          continue;
        }
        for (int pasid = firstPasid; pasid < firstPasid + PasidEntry.ENTRIES; pasid++) {
          long entryHpa = PasidEntry.address(de.smptblptr(), pasid);
          PasidEntry pe = PasidEntry.read(memory, entryHpa);
          if (pe.present()) {
            pasids.add(new PasidView(pasid, dirHpa, de, entryHpa, pe));
          }
        }
      }
    }
    devices.add(new DeviceView.Scalable(sid, rootHpa, re, ctxHpa, ce, dirPresent, pasids));
  }

  private static SourceId sid(int bus, int devfn) {
    return SourceId.of(bus, devfn >> 3, devfn & 7);
  }
}
