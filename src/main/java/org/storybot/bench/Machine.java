package org.storybot.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The machine a benchmark ran on.
 *
 * @param load one-minute load average when the run started (other work on the machine skews
 *     timings)
 */
public record Machine(
    int cores,
    long memoryBytes,
    long maxHeapBytes,
    String jdk,
    String os,
    Instant date,
    double load) {

  static Machine now() {
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.vendor") + " " + Runtime.version(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        currentLoad());
  }

  static double currentLoad() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  String describe() {
    return String.format(
        "%d cores, %.1f GB RAM (max heap %.1f GB), %s, %s; load average %.2f at start",
        cores, memoryBytes / 1e9, maxHeapBytes / 1e9, jdk, os, load);
  }
}
