/**
 * One page-table engine (walk, map, unmap, split, iterate) over two formats behind one contract:
 * the first-stage format (x86-64 IA-32e paging, 4/5-level) and the second-stage format (VT-d,
 * 3/4/5-level). Room: above {@code mem}; never touches the hardware model, caches or registers.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li>Levels: 1 = leaf table (PTE), 2 = PD, 3 = PDPT, 4 = PML4, 5 = PML5, for both stages. The
 *       root table is at level {@link dev.vtdlab.pagetable.PageTableFormat#levels()}.
 *   <li>Entries are raw {@code long}s as stored in memory; addresses are full byte addresses.
 *       "Input" is the IOVA (or GVA/GPA) a table translates, "output" what it yields (GPA or HPA).
 *   <li>Rights and protections are small {@code int} bit sets: {@link dev.vtdlab.pagetable.Rights}
 *       (what entries grant, ANDed over a walk) and {@link dev.vtdlab.pagetable.Prot} (what a new
 *       mapping asks for).
 * </ul>
 *
 * <h2>Format contract</h2>
 *
 * {@link dev.vtdlab.pagetable.PageTableFormat} says what an entry means: present, leaf, address,
 * reserved bits set (D10, D11, D23, D24), rights granted, Linux's encodings of table and leaf
 * entries (digest 10.3), accessed/dirty masks and a field-by-field {@link dev.vtdlab.bits.Decoded}
 * description. It is built from a {@link dev.vtdlab.pagetable.FormatConfig} (stage, levels, HAW,
 * allowed leaf sizes, ECAP.SC, SLEE, NXE, the D11 option, EAFE) with {@link
 * dev.vtdlab.pagetable.PageTableFormat#of}. Implementations: {@link
 * dev.vtdlab.pagetable.FirstStageFormat}, {@link dev.vtdlab.pagetable.SecondStageFormat}; their
 * field layouts are {@link dev.vtdlab.bits.WordLayout}s, reserved masks are derived from them. For
 * decoding without a unit, {@link dev.vtdlab.pagetable.FormatConfig#firstStageDecodeDefault()} and
 * {@link dev.vtdlab.pagetable.FormatConfig#secondStageDecodeDefault()} give permissive configs (5
 * levels, HAW 52, all large pages, second stage with ECAP.SC = 1, first stage NXE = 0 with XD
 * ignored).
 *
 * <h2>Walker</h2>
 *
 * {@link dev.vtdlab.pagetable.Walker} is the one walker of both formats. Each entry is fetched
 * through an {@link dev.vtdlab.pagetable.EntryReader} (default {@link
 * dev.vtdlab.pagetable.MemoryEntryReader}: fails when {@code PhysicalMemory.isReadable} says no),
 * so the hardware model can count reads, model read errors and translate nested first-stage table
 * addresses through a second-stage walk. Per entry: fetch error, then not present, then reserved
 * bits (D12); rights are ANDed over the path; the result is a {@link
 * dev.vtdlab.pagetable.WalkStatus}, the stop level, per level the table address, index and entry,
 * the reserved bits, the rights, the output address (offset included) and the page size.
 *
 * <pre>{@code
 * PageTableFormat ss = PageTableFormat.of(FormatConfig.secondStage(4, 48).withLeaf2M(true));
 * Walker walker = new Walker(ss);
 * WalkPath path = new WalkPath();                      // reusable, allocation-free
 * walker.walk(rootHpa, iova, new MemoryEntryReader(memory), path);
 * if (path.isLeaf() && Rights.allows(path.rights(), Rights.WRITE)) { ... path.outputAddress() }
 * WalkResult result = path.snapshot();                 // immutable, with the steps
 * }</pre>
 *
 * <h2>Engine</h2>
 *
 * {@link dev.vtdlab.pagetable.PageTable} maps, unmaps, looks up and lists mappings over one format,
 * with table pages from a {@code FrameAllocator}; {@link dev.vtdlab.pagetable.PageTableView} is its
 * read-only part over any {@code PhysicalMemory} (e.g. a dump). The engine relies only on the
 * format, so it also reads and changes tables written by others ({@link
 * dev.vtdlab.pagetable.PageTable#attach}).
 *
 * <ul>
 *   <li>Map uses the largest leaf that input alignment, output alignment, remaining size and the
 *       config allow; an existing mapping in the range is an error unless {@code replace}.
 *   <li>Unmap splits a large leaf of which only a part is unmapped: the new lower table is built
 *       completely (512 leaves with the same attributes, minus the unmapped part) and linked with
 *       one 64-bit write, so a walker never sees the rest absent. Table pages that become empty are
 *       unlinked.
 *   <li>Every map and unmap returns a {@link dev.vtdlab.pagetable.FlushGather}: the changed input
 *       ranges (start/last, merged), whether only leaf entries changed (the IH hint), the levels
 *       touched and the unlinked table pages. The engine never touches caches or registers; the
 *       caller invalidates and then calls {@link dev.vtdlab.pagetable.PageTable#flushCompleted},
 *       which returns the unlinked pages to the allocator.
 *   <li>Failures leave the table unchanged: arguments are checked, then a planning pass checks for
 *       overlaps and counts the new table pages needed, those are allocated, and only then does
 *       anything get written.
 *   <li>Listing: {@link dev.vtdlab.pagetable.PageTable#mappings()} gives {@link
 *       dev.vtdlab.pagetable.MappingRun}s, adjacent leaves of one size with contiguous output,
 *       equal rights and equal attributes merged.
 * </ul>
 *
 * <p>Thread safety: formats, walkers and views are immutable; walk paths, entry readers and gathers
 * belong to one thread. A {@code PageTable} has one read-write lock: map, unmap and flushCompleted
 * are exclusive; lookup and mappings shared. Hardware-model walkers read the same memory without
 * the lock, which is safe because of the write discipline above.
 */
package dev.vtdlab.pagetable;
