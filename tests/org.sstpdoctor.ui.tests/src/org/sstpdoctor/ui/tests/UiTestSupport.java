package org.sstpdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/** Driving real widgets from UI tests: waiting with the event loop running, finding and pressing. */
public final class UiTestSupport {

    private UiTestSupport() {
    }

    /** Runs the event loop until {@code condition} holds; fails after 30 s naming {@code what}. */
    public static void waitFor(BooleanSupplier condition, String what) {
        Display display = Display.getDefault();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> {
                });
                display.sleep();
            }
        }
    }

    /** What became of an {@link #onShell} answer: call {@link #check()} after the dialog's command returned. */
    public static final class Answer {
        private volatile Throwable failure;
        private volatile boolean answered;

        /** Rethrows what the answering code threw, or fails when the window never opened. */
        public void check() {
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new AssertionError("answering the window failed", failure);
            }
            assertTrue(answered, "the window never opened");
        }
    }

    /**
     * Runs {@code action} on the window titled {@code title} as soon as it is open (within 30 s).
     * Modal dialogs run their own event loops; timers still fire inside them, so this answers them.
     * When {@code action} throws, the window is closed (so the test never hangs on a modal
     * dialog) and {@link Answer#check()} rethrows it.
     */
    public static Answer onShell(String title, Consumer<Shell> action) {
        Answer answer = new Answer();
        Display display = Display.getDefault();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            Shell shell = Arrays.stream(display.getShells())
                    .filter(s -> !s.isDisposed() && s.isVisible() && title.equals(s.getText())).findFirst().orElse(null);
            if (shell != null) {
                try {
                    action.accept(shell);
                    answer.answered = true;
                } catch (Throwable t) {
                    answer.failure = t;
                    if (!shell.isDisposed()) {
                        shell.close();
                    }
                }
            } else if (System.nanoTime() < end) {
                display.timerExec(50, poll[0]);
            }
        };
        display.timerExec(50, poll[0]);
        return answer;
    }

    /** Presses the button labelled {@code label} (mnemonic ampersands ignored). */
    public static void press(Composite root, String label) {
        Button button = find(root, Button.class, b -> label.replace("&", "").equals(b.getText().replace("&", "")));
        assertNotNull(button, "no button " + label);
        assertTrue(button.isEnabled(), "the button " + label + " is disabled");
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** The text of every Text and Label below {@code root}, one per line. */
    public static String texts(Composite root) {
        StringBuilder b = new StringBuilder();
        visit(root, c -> {
            if (c instanceof Text t) {
                b.append(t.getText()).append('\n');
            } else if (c instanceof Label l) {
                b.append(l.getText()).append('\n');
            }
        });
        return b.toString();
    }

    public static <T extends Control> T find(Composite root, Class<T> type, Predicate<T> test) {
        Object[] hit = new Object[1];
        visit(root, c -> {
            if (hit[0] == null && type.isInstance(c) && test.test(type.cast(c))) {
                hit[0] = c;
            }
        });
        return type.cast(hit[0]);
    }

    public static void visit(Control control, Consumer<Control> visitor) {
        visitor.accept(control);
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                visit(child, visitor);
            }
        }
    }

    /**
     * Saves what the screen shows of {@code shell} as {@code <name>.png} in the folder named by the
     * system property {@code sstpdoctor.screenshots} (default {@code target/screenshots} in the working
     * directory), after letting pending paints run. A record for people, not an assertion.
     *
     * @return the file written
     */
    public static java.nio.file.Path screenshot(Shell shell, String name) throws java.io.IOException {
        Display display = shell.getDisplay();
        shell.forceActive();
        long end = System.nanoTime() + Duration.ofMillis(700).toNanos();
        while (System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> {
                });
                display.sleep();
            }
        }
        org.eclipse.swt.graphics.Rectangle bounds = shell.getBounds();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, bounds.width, bounds.height);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("sstpdoctor.screenshots", "target/screenshots"));
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path file = dir.resolve(name + ".png").toAbsolutePath();
            loader.save(file.toString(), SWT.IMAGE_PNG);
            System.out.println("screenshot " + file);
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** Expands {@code item} the way a click does, so that a viewer creates its children. */
    public static void expand(Tree tree, TreeItem item) {
        if (!item.getExpanded()) {
            Event expand = new Event();
            expand.item = item;
            tree.notifyListeners(SWT.Expand, expand);
            item.setExpanded(true);
        }
    }

    /** The item below {@code items} (expanding as it goes) whose text satisfies {@code test}, or null. */
    public static TreeItem findItem(Tree tree, TreeItem[] items, Predicate<String> test) {
        for (TreeItem item : items) {
            if (test.test(item.getText())) {
                return item;
            }
            expand(tree, item);
            TreeItem hit = findItem(tree, item.getItems(), test);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }
}
