package dev.vtdlab.inspect;

import dev.vtdlab.addr.SourceId;
import dev.vtdlab.hw.struct.ContextEntry;
import dev.vtdlab.hw.struct.ScalableContextEntry;
import dev.vtdlab.hw.struct.ScalableRootEntry;
import java.util.List;

/** A device (bus:dev.fn) with a present context entry, as the remapping structures describe it. */
public sealed interface DeviceView permits DeviceView.Legacy, DeviceView.Scalable {
  /** The requester id. */
  SourceId sid();

  /** Where the root entry is. */
  long rootEntryHpa();

  /** Where the context entry is. */
  long contextEntryHpa();

  /**
   * A device in legacy mode (RTADDR.TTM = 00b).
   *
   * @param sid the requester id
   * @param rootEntryHpa root entry address
   * @param rootLo root entry qword 0
   * @param rootHi root entry qword 1
   * @param contextEntryHpa context entry address
   * @param context the context entry
   */
  record Legacy(
      SourceId sid,
      long rootEntryHpa,
      long rootLo,
      long rootHi,
      long contextEntryHpa,
      ContextEntry context)
      implements DeviceView {}

  /**
   * A device in scalable mode (RTADDR.TTM = 01b).
   *
   * @param sid the requester id
   * @param rootEntryHpa root entry address
   * @param root the root entry (both halves)
   * @param contextEntryHpa context entry address
   * @param context the context entry
   * @param directoryEntriesPresent number of present PASID-directory entries
   * @param pasids every present PASID entry under present directory entries, by PASID
   */
  record Scalable(
      SourceId sid,
      long rootEntryHpa,
      ScalableRootEntry root,
      long contextEntryHpa,
      ScalableContextEntry context,
      int directoryEntriesPresent,
      List<PasidView> pasids)
      implements DeviceView {
    /** Copies the list. */
    public Scalable {
      pasids = List.copyOf(pasids);
    }
  }
}
