package dev.vtdlab.inspect;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns separated by two spaces, as the inspector prints for people. */
public final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  /** A table with these column headings. */
  public TextTable(String... headings) {
    columns = headings.length;
    rows.add(headings);
  }

  /** Adds a row (as many cells as headings). */
  public TextTable row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table " + columns + " columns");
    }
    rows.add(cells);
    return this;
  }

  /** Number of rows, headings excluded. */
  public int size() {
    return rows.size() - 1;
  }

  /** The table, one line per row, trailing spaces trimmed. */
  public String render() {
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(r[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
