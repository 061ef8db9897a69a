package com.aftersales.shared.upload;

import com.aftersales.shared.error.ProblemException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes → records (the header first), each with its line: the line in a CSV file, the row number in a sheet. The one
 * place that knows file formats and encodings: another encoding or a workbook format is recognised here, and every
 * import reads it without a change. Today: CSV (RFC 4180) in UTF-8 (with or without the BOM Excel writes) or in
 * GB18030, the superset of GBK that Chinese Excel writes by default; and the first sheet of an .xlsx workbook
 * (recognised by its zip signature, whatever the content type said; see {@link Sheets}).
 */
final class Records {

    /** One record of the file: its line (CSV) or sheet row number (.xlsx), 1 for the header, and its cells. */
    record Line(int number, List<String> cells) {
        /** An empty line (or one of spaces) reads as one blank cell, e.g. at the end of the file; an empty sheet row too. */
        boolean blank() {
            return cells.isEmpty() || cells.size() == 1 && cells.get(0).isBlank();
        }
    }

    private static final ObjectReader CSV = new CsvMapper().readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private Records() {
    }

    /** The file's records, blank ones included; at most maxRows that are not blank (413 above). */
    static List<Line> of(byte[] body, int maxRows) {
        if (Sheets.isWorkbook(body)) {
            return Sheets.firstSheet(body, maxRows);
        }
        if (Sheets.isLegacyWorkbook(body)) {
            throw new ProblemException(415, "import_xls");
        }
        return csv(text(body), maxRows);
    }

    /**
     * Counts the records that are not blank against the cap (the header does not count): 413 with the exact count when
     * the file is one row over, else as soon as it is two over (a huge file is not read to its end to count it).
     */
    static final class RowCap {
        private final int maxRows;
        private int rows;

        RowCap(int maxRows) {
            this.maxRows = maxRows;
        }

        void count(List<Line> records, Line line) {
            if (!records.isEmpty() && !line.blank() && ++rows > maxRows + 1) {
                throw new ProblemException(413, "import_too_many_rows", "> " + maxRows, maxRows);
            }
        }

        void end() {
            if (rows > maxRows) {
                throw new ProblemException(413, "import_too_many_rows", rows, maxRows);
            }
        }
    }

    private static final Charset GB18030 = Charset.forName("GB18030");

    /**
     * UTF-8 when the bytes are valid UTF-8 (a GB18030 file of Chinese text practically never is), else GB18030; 415 when
     * they are neither, or when they hold U+FFFD: what a gateway passes on for bytes it decoded as text and could not
     * read (a GBK file sent as text/csv through API Gateway; sent as application/octet-stream its bytes arrive intact).
     */
    private static String text(byte[] body) {
        String text = decode(body, StandardCharsets.UTF_8);
        if (text == null) {
            text = decode(body, GB18030);
        }
        if (text == null || text.indexOf('\uFFFD') >= 0) {
            throw new ProblemException(415, "import_not_utf8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel writes a BOM
    }

    private static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static List<Line> csv(String text, int maxRows) {
        try (MappingIterator<List<String>> it = CSV.readValues(text)) {
            List<Line> records = new ArrayList<>();
            RowCap cap = new RowCap(maxRows);
            while (it.hasNextValue()) {
                Line line = new Line(records.size() + 1, it.nextValue());
                cap.count(records, line);
                records.add(line);
            }
            cap.end();
            return records;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw new ProblemException(400, "import_unreadable");
        }
    }
}
