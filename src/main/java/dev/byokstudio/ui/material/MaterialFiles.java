package dev.byokstudio.ui.material;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;

/** How a person hands BYOK Studio a key material file: a file chooser, or one file dropped on a view. */
public final class MaterialFiles {

    private MaterialFiles() {
    }

    /** Makes {@code target} accept exactly one dropped file, handed to {@code open}. */
    public static void acceptDroppedFile(Node target, Consumer<Path> open) {
        target.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles() && event.getDragboard().getFiles().size() == 1) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        target.setOnDragDropped(event -> {
            List<File> files = event.getDragboard().getFiles();
            boolean done = files != null && files.size() == 1;
            if (done) {
                open.accept(files.get(0).toPath());
            }
            event.setDropCompleted(done);
            event.consume();
        });
    }

    /** Asks for a file to open, from {@code owner}'s window; hands it to {@code open} unless the person cancels. */
    public static void chooseToOpen(Node owner, String title, Consumer<Path> open) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File file = chooser.showOpenDialog(owner.getScene().getWindow());
        if (file != null) {
            open.accept(file.toPath());
        }
    }
}
