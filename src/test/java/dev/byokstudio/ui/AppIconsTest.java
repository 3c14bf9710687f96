package dev.byokstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application icon as the windows and the installers get it: the PNGs in the jar, and the generated
 * files in {@code icons/}. Decoded with {@code javax.imageio}, so no JavaFX toolkit is needed.
 */
class AppIconsTest {

    private static final Path ICONS = Path.of("icons");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static IntStream windowSizes() {
        return AppIcons.SIZES.stream().mapToInt(Integer::intValue);
    }

    static IntStream generatedSizes() {
        return IntStream.of(16, 24, 32, 48, 64, 128, 256, 512, 1024);
    }

    @ParameterizedTest
    @MethodSource("windowSizes")
    void eachWindowIconSize_isInTheJarAtThatSize(int size) throws IOException {
        byte[] resource;
        try (InputStream in = AppIcons.class.getResourceAsStream(AppIcons.resourceName(size))) {
            assertThat(in).as(AppIcons.resourceName(size)).isNotNull();
            resource = in.readAllBytes();
        }

        assertSquareRgbaPng(resource, size);
        assertThat(resource).as("the jar's copy of byok-studio-%d.png is the generated one", size)
                .isEqualTo(Files.readAllBytes(ICONS.resolve("png/byok-studio-" + size + ".png")));
    }

    @ParameterizedTest
    @MethodSource("generatedSizes")
    void eachGeneratedPng_hasItsSizeAndIsTransparentOutsideTheRoundedSquare(int size) throws IOException {
        byte[] png = Files.readAllBytes(ICONS.resolve("png/byok-studio-" + size + ".png"));

        BufferedImage image = assertSquareRgbaPng(png, size);
        assertThat(image.getRGB(0, 0) >>> 24).as("alpha of the corner pixel").isZero();
        assertThat(image.getRGB(size / 2, size / 2) >>> 24).as("alpha of the centre pixel").isEqualTo(255);
    }

    @Test
    void theIco_holdsTheSizesFrom16To256() throws IOException {
        byte[] ico = Files.readAllBytes(ICONS.resolve("byok-studio.ico"));
        ByteBuffer in = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(in.getShort()).as("reserved").isZero();
        assertThat(in.getShort()).as("type (1 = icon)").isEqualTo((short) 1);
        int count = in.getShort();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int width = Byte.toUnsignedInt(in.get());
            int height = Byte.toUnsignedInt(in.get());
            in.position(in.position() + 6); // colour count, reserved, planes, bits per pixel
            int length = in.getInt();
            int offset = in.getInt();
            int size = width == 0 ? 256 : width; // 0 stands for 256
            assertThat(height == 0 ? 256 : height).isEqualTo(size);
            assertThat(offset + length).as("entry %d ends inside the file", size).isLessThanOrEqualTo(ico.length);
            byte[] data = Arrays.copyOfRange(ico, offset, offset + length);
            if (startsWith(data, PNG_SIGNATURE)) {
                assertSquareRgbaPng(data, size);
            } else {
                ByteBuffer bitmap = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(bitmap.getInt(0)).as("BITMAPINFOHEADER size of entry %d", size).isEqualTo(40);
                assertThat(bitmap.getInt(4)).as("bitmap width").isEqualTo(size);
                assertThat(bitmap.getInt(8)).as("bitmap height (image and mask)").isEqualTo(2 * size);
                assertThat(bitmap.getShort(14)).as("bits per pixel").isEqualTo((short) 32);
            }
            sizes.add(size);
        }
        assertThat(sizes).containsExactly(16, 24, 32, 48, 64, 128, 256);
    }

    @Test
    void theIcns_holdsEveryMacOsSizeAsPng() throws IOException {
        byte[] icns = Files.readAllBytes(ICONS.resolve("byok-studio.icns"));
        ByteBuffer in = ByteBuffer.wrap(icns); // big-endian

        assertThat(type(in)).isEqualTo("icns");
        assertThat(in.getInt()).as("length in the header").isEqualTo(icns.length);
        Map<String, Integer> entries = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            String type = type(in);
            int length = in.getInt();
            assertThat(length).as("length of %s", type).isGreaterThan(8);
            byte[] png = new byte[length - 8];
            in.get(png);
            entries.put(type, assertSquarePng(png).getWidth());
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("icp4", 16);
        expected.put("icp5", 32);
        expected.put("icp6", 64);
        expected.put("ic07", 128);
        expected.put("ic08", 256);
        expected.put("ic09", 512);
        expected.put("ic10", 1024);
        expected.put("ic11", 32);
        expected.put("ic12", 64);
        expected.put("ic13", 256);
        expected.put("ic14", 512);
        assertThat(entries).containsExactlyEntriesOf(expected);
    }

    private static BufferedImage assertSquareRgbaPng(byte[] png, int size) throws IOException {
        BufferedImage image = assertSquarePng(png);
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getColorModel().hasAlpha()).as("has an alpha channel").isTrue();
        return image;
    }

    private static BufferedImage assertSquarePng(byte[] png) throws IOException {
        assertThat(startsWith(png, PNG_SIGNATURE)).as("PNG signature").isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodes").isNotNull();
        assertThat(image.getHeight()).isEqualTo(image.getWidth());
        return image;
    }

    private static String type(ByteBuffer in) {
        byte[] type = new byte[4];
        in.get(type);
        return new String(type, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
