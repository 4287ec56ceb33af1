/** Capabilities of a remapping unit: CAP_REG, ECAP_REG, HAW and named presets. */
package dev.vtdlab.hw.cap;
