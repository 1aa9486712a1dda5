package dev.odflash.gui.view;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A component painted into an image at a given scale (device pixels, not the robot's logical ones), and
 * written to a PNG that did not exist: an existing file, or a link at its name, is never replaced.
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static BufferedImage paint(JComponent c, double scale) {
        int w = (int) Math.ceil(c.getWidth() * scale);
        int h = (int) Math.ceil(c.getHeight() * scale);
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(scale, scale);
            c.printAll(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void write(BufferedImage img, Path png) throws IOException {
        if (Files.exists(png, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(png.toString());
        }
        Path dir = png.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".odflash-shot", ".png");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(tmp, png); // without REPLACE_EXISTING: a file that appeared meanwhile is kept
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
