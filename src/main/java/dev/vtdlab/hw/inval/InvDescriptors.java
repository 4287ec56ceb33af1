package dev.vtdlab.hw.inval;

import dev.vtdlab.bits.Decoded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding of raw descriptor words for people ({@code vtdlab decode inv-iotlb QW0 QW1 [QW2 QW3]}).
 * Two words decode a 128-bit descriptor, four a 256-bit one.
 */
public final class InvDescriptors {
  private InvDescriptors() {}

  /** Decoder names (as the CLI spells them) and the descriptor type each expects. */
  public static final Map<String, Integer> NAMES = names();

  private static Map<String, Integer> names() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("inv-cc", ContextCacheInvDescriptor.TYPE);
    m.put("inv-iotlb", IotlbInvDescriptor.TYPE);
    m.put("inv-devtlb", DeviceTlbInvDescriptor.TYPE);
    m.put("inv-iec", InterruptEntryCacheInvDescriptor.TYPE);
    m.put("inv-wait", InvWaitDescriptor.TYPE);
    m.put("inv-piotlb", PasidIotlbInvDescriptor.TYPE);
    m.put("inv-pc", PasidCacheInvDescriptor.TYPE);
    m.put("inv-pdevtlb", PasidDeviceTlbInvDescriptor.TYPE);
    m.put("inv-pgr", PageGroupResponseDescriptor.TYPE);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Decodes by the type field of qword 0.
   *
   * @throws IllegalArgumentException unless 2 or 4 words are given
   */
  public static Decoded decode(long... words) {
    checkCount(words);
    return decode(InvDescriptor.of(words[0], words[1]), words);
  }

  /**
   * Decodes as the named descriptor; a type field naming another type is reported as an error.
   *
   * @param name one of {@link #NAMES} ({@code inv-iotlb}, ...) or {@code inv} (by type field)
   * @throws IllegalArgumentException for an unknown name or a word count other than 2 or 4
   */
  public static Decoded decodeAs(String name, long... words) {
    if (name.equals("inv")) {
      return decode(words);
    }
    Integer expected = NAMES.get(name);
    if (expected == null) {
      throw new IllegalArgumentException(
          "unknown descriptor '"
              + name
              + "' (known: inv, "
              + String.join(", ", NAMES.keySet())
              + ")");
    }
    checkCount(words);
    long qw0 = words[0];
    long qw1 = words[1];
    InvDescriptor d =
        switch (expected) {
          case ContextCacheInvDescriptor.TYPE -> new ContextCacheInvDescriptor(qw0, qw1);
          case IotlbInvDescriptor.TYPE -> new IotlbInvDescriptor(qw0, qw1);
          case DeviceTlbInvDescriptor.TYPE -> new DeviceTlbInvDescriptor(qw0, qw1);
          case InterruptEntryCacheInvDescriptor.TYPE ->
              new InterruptEntryCacheInvDescriptor(qw0, qw1);
          case InvWaitDescriptor.TYPE -> new InvWaitDescriptor(qw0, qw1);
          case PasidIotlbInvDescriptor.TYPE -> new PasidIotlbInvDescriptor(qw0, qw1);
          case PasidCacheInvDescriptor.TYPE -> new PasidCacheInvDescriptor(qw0, qw1);
          case PasidDeviceTlbInvDescriptor.TYPE -> new PasidDeviceTlbInvDescriptor(qw0, qw1);
          default -> new PageGroupResponseDescriptor(qw0, qw1);
        };
    Decoded decoded = decode(d, words);
    if (d.type() == expected) {
      return decoded;
    }
    List<String> errors = new ArrayList<>(decoded.errors());
    errors.add(0, "type field is " + d.type() + ", not " + expected + " (" + d.name() + ")");
    return new Decoded(
        decoded.structure(), decoded.words(), decoded.fields(), decoded.summary(), errors);
  }

  private static Decoded decode(InvDescriptor d, long[] words) {
    return words.length == 4 ? d.decode(words[2], words[3]) : d.decode();
  }

  private static void checkCount(long[] words) {
    if (words.length != 2 && words.length != 4) {
      throw new IllegalArgumentException(
          "a descriptor is 2 qwords (128-bit) or 4 qwords (256-bit), got " + words.length);
    }
  }
}
