package com.aftersales.shared.upload;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A file uploaded for import, read into rows of the declared columns. Imports are all or nothing: the reader, the
 * import's own rules and its database look-ups collect every issue with its line, and one problem lists them all.
 * A file is CSV or the first sheet of an .xlsx workbook (see {@link Records}); "line" is the sheet row number then.
 * Unreadable files are refused at once: not UTF-8 (415), an old binary .xls (415), not CSV or not a readable
 * workbook (400), over the row cap (413), no data rows (422), a header without a required column (422, line 1).
 */
public final class Upload {

    /** Most issues one rejection lists; totalErrors gives the full count. */
    static final int MAX_LISTED_ISSUES = 500;

    /** The content types an import accepts: CSV (as text or as bytes) and the .xlsx workbook. */
    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final List<UploadRow> rows;
    private final List<Issue> issues;

    private Upload(List<UploadRow> rows, List<Issue> issues) {
        this.rows = rows;
        this.issues = issues;
    }

    /** Reads the body; maxRows counts data rows (blank lines are skipped and not counted). */
    public static Upload read(byte[] body, Columns columns, int maxRows) {
        List<Records.Line> records = Records.of(body, maxRows);
        if (records.isEmpty()) {
            throw new ProblemException(422, "import_empty");
        }
        List<Issue> issues = new ArrayList<>();
        List<String> header = records.get(0).cells();
        Map<Column, Integer> positions = columns.locate(header, issues);
        if (!issues.isEmpty()) {
            throw rejected(issues);
        }
        List<UploadRow> rows = new ArrayList<>(records.size());
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i).cells();
            int line = records.get(i).number();
            if (records.get(i).blank()) {
                continue;
            }
            if (columns.exact() && record.size() != header.size()) {
                issues.add(Issue.atLine(line, "*", "import.column_count", record.size(), header.size()));
                continue;
            }
            rows.add(new UploadRow(line, record, positions, issues));
        }
        if (rows.isEmpty() && issues.isEmpty()) {
            throw new ProblemException(422, "import_empty");
        }
        return new Upload(rows, issues);
    }

    /** The rows that could be read, in file order (a row with the wrong number of cells is an issue instead). */
    public List<UploadRow> rows() {
        return rows;
    }

    /** Every issue so far; the import adds those of its own rules and look-ups here before {@link #rejectIfIssues}. */
    public List<Issue> issues() {
        return issues;
    }

    /** Rejects the whole file if anything was found: 422 import_rejected, issues by line. */
    public void rejectIfIssues() {
        if (!issues.isEmpty()) {
            throw rejected(issues);
        }
    }

    private static ProblemException rejected(List<Issue> issues) {
        issues.sort(Comparator.comparing((Issue i) -> i.line() == null ? 0 : i.line()));
        List<Issue> listed = issues.size() > MAX_LISTED_ISSUES ? issues.subList(0, MAX_LISTED_ISSUES) : issues;
        return new ProblemException(422, "import_rejected", List.copyOf(listed), issues.size())
                .with("totalErrors", issues.size());
    }
}
