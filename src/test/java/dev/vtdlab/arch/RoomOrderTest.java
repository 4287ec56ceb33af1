package dev.vtdlab.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The room order of ARCHITECTURE.md: a room may use the rooms below it, never one above. */
class RoomOrderTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.vtdlab");

  @Test
  void lowerRoomsNeverUseHigherOnes() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("bits")
        .definedBy("dev.vtdlab.bits..")
        .layer("addr")
        .definedBy("dev.vtdlab.addr..")
        .layer("mem")
        .definedBy("dev.vtdlab.mem..")
        .layer("pagetable")
        .definedBy("dev.vtdlab.pagetable..")
        .layer("hw")
        .definedBy("dev.vtdlab.hw..")
        .layer("driver")
        .definedBy("dev.vtdlab.driver..")
        .layer("virt")
        .definedBy("dev.vtdlab.virt..")
        .layer("sim")
        .definedBy("dev.vtdlab.sim..")
        .layer("inspect")
        .definedBy("dev.vtdlab.inspect..")
        .layer("cli")
        .definedBy("dev.vtdlab.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("inspect")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("sim")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("virt")
        .mayOnlyBeAccessedByLayers("sim", "cli")
        .whereLayer("driver")
        .mayOnlyBeAccessedByLayers("virt", "sim", "cli")
        .whereLayer("hw")
        .mayOnlyBeAccessedByLayers("driver", "virt", "sim", "inspect", "cli")
        .whereLayer("pagetable")
        .mayOnlyBeAccessedByLayers("hw", "driver", "virt", "sim", "inspect", "cli")
        .whereLayer("mem")
        .mayOnlyBeAccessedByLayers("pagetable", "hw", "driver", "virt", "sim", "inspect", "cli")
        .whereLayer("addr")
        .mayOnlyBeAccessedByLayers(
            "mem", "pagetable", "hw", "driver", "virt", "sim", "inspect", "cli")
        .check(CLASSES);
  }
}
