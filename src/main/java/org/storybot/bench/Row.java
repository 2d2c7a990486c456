package org.storybot.bench;

import java.util.List;
import java.util.Objects;

/**
 * One line of the benchmark table.
 *
 * @param section the table the row belongs to ("Speed and size", "ReQA", ...)
 * @param measure what was measured, unique within the report
 * @param value the figure, for checks and comparisons; {@code NaN} when not measured
 * @param shown the figure as printed, with its unit
 * @param reference a published baseline or goal to read beside it, or empty
 * @param note how to read it, or empty
 */
public record Row(
    String section, String measure, double value, String shown, String reference, String note) {
  public Row {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(shown, "shown");
    reference = reference == null ? "" : reference;
    note = note == null ? "" : note;
  }

  /** A score in [0, 1], printed with three decimals. */
  static Row score(String section, String measure, double value, String reference, String note) {
    return new Row(section, measure, value, String.format("%.3f", value), reference, note);
  }

  /** A share, printed as a percentage with the counts behind it. */
  static Row share(String section, String measure, int part, int whole, String reference) {
    double v = whole == 0 ? Double.NaN : (double) part / whole;
    String shown = whole == 0 ? "n/a" : String.format("%.1f %% (%d/%d)", 100 * v, part, whole);
    return new Row(section, measure, v, shown, reference, "");
  }

  /** A duration in milliseconds. */
  public static Row millis(
      String section, String measure, double ms, String reference, String note) {
    String shown = ms >= 100 ? String.format("%.0f ms", ms) : String.format("%.2f ms", ms);
    return new Row(section, measure, ms, shown, reference, note);
  }

  /** Any other figure, printed with {@code unit}. */
  public static Row of(
      String section, String measure, double value, String unit, String reference, String note) {
    String shown =
        Math.abs(value) >= 100 || value == Math.rint(value)
            ? String.format("%,.0f", value)
            : String.format("%.2f", value);
    return new Row(
        section, measure, value, shown + (unit.isEmpty() ? "" : " " + unit), reference, note);
  }

  /**
   * This row as one tab-separated line, for the rows the ITs measure (they need the test build: an
   * embedded PostgreSQL, the fake Bot API) and the benchmark reads back with {@link #fromTsv}.
   */
  public String tsv() {
    return String.join(
        "\t",
        List.of(section, measure, Double.toString(value), shown, reference, note).stream()
            .map(f -> f.replace('\t', ' ').replace('\n', ' '))
            .toList());
  }

  /** The row written by {@link #tsv()}. */
  public static Row fromTsv(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 6) throw new IllegalArgumentException("not a benchmark row: " + line);
    return new Row(f[0], f[1], Double.parseDouble(f[2]), f[3], f[4], f[5]);
  }

  /** A goal check: "met" or "missed" against {@code goal}. */
  public static String goal(String goal, boolean met) {
    return goal + (met ? " (met)" : " (missed)");
  }
}
