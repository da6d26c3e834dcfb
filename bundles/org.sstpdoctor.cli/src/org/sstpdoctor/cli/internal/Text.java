package org.sstpdoctor.cli.internal;

/** Small text helpers for aligned output. */
final class Text {
    private Text() {
    }

    /** {@code s} padded with spaces to {@code width}; longer text is kept whole, followed by one space. */
    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** Seconds with one decimal: {@code 1.2 s}. */
    static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
