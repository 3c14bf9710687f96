package dev.byokstudio.material;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM blocks read with Bouncy Castle's reader, after the text is made tidy the way people's files are not:
 * a UTF-8 byte-order mark, CRLF or CR line ends and indented lines are accepted and noted.
 */
final class Pem {

    /** One block: its label, its decoded bytes, and whether it carries legacy encryption headers. */
    record Block(String label, byte[] content, boolean legacyEncrypted) {
    }

    /** The blocks, and what was tidied on the way. */
    record Parsed(List<Block> blocks, List<String> notes) {
    }

    private Pem() {
    }

    static boolean hasBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
    }

    /** Reads every PEM block; a block whose Base64 does not decode ends the reading with a note. */
    static Parsed parse(byte[] bytes) {
        List<String> notes = new ArrayList<>();
        int start = 0;
        if (hasBom(bytes)) {
            start = 3;
            notes.add("a UTF-8 byte-order mark at the start was ignored");
        }
        String text = new String(bytes, start, bytes.length - start, StandardCharsets.US_ASCII);
        if (text.contains("\r\n")) {
            notes.add("Windows (CRLF) line ends were read as plain line ends");
        } else if (text.contains("\r")) {
            notes.add("old Mac (CR) line ends were read as plain line ends");
        }
        StringBuilder tidy = new StringBuilder(text.length());
        boolean indented = false;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            String stripped = line.strip();
            indented |= !stripped.isEmpty() && !line.startsWith(stripped);
            tidy.append(stripped).append('\n');
        }
        if (indented) {
            notes.add("indentation and trailing spaces were removed from lines");
        }
        List<Block> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(tidy.toString()))) {
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                boolean encrypted = object.getHeaders().stream()
                        .anyMatch(h -> h instanceof org.bouncycastle.util.io.pem.PemHeader header
                                && "Proc-Type".equalsIgnoreCase(header.getName())
                                && header.getValue() != null && header.getValue().contains("ENCRYPTED"));
                blocks.add(new Block(object.getType(), object.getContent(), encrypted));
            }
        } catch (IOException | RuntimeException e) {
            notes.add("a PEM block could not be read: its Base64 body or its END line is damaged");
        }
        return new Parsed(blocks, notes);
    }
}
