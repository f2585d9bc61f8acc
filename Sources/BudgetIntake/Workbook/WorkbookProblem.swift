import BudgetCore

/// Why a workbook cannot be read (further): each case is one message variant of
/// `unreadable-encoding`, with `detail` as the finding's value.
///
/// Thrown by the ZIP reader, the XML scanner and the part readers; the driver
/// (``WorkbookIntake``) turns it into the finding, at the sheet row reached when it was
/// thrown while the sheet was being read.
struct WorkbookProblem: Error, Equatable, CustomStringConvertible {
    enum Kind: String, Equatable, Sendable {
        /// Truncated, corrupt compressed data, a CRC or size mismatch, a missing part,
        /// XML that is not well-formed, invalid UTF-8.
        case damaged = "workbook-damaged"
        /// An OLE2 file holding an `EncryptedPackage` (Excel's password protection), or a
        /// ZIP entry flagged as encrypted.
        case encrypted = "workbook-encrypted"
        /// Well-formed but outside what is read: another compression method, XML in
        /// UTF-16 or another encoding, a DOCTYPE (entity declarations are refused outright),
        /// a split archive.
        case unsupported = "workbook-unsupported"
        /// A part over its size cap, or compressed beyond what deflate can do honestly
        /// (a zip bomb), or too many entries.
        case tooLarge = "workbook-too-large"
        /// A readable ZIP that is not a SpreadsheetML workbook (ODS, XLSB, DOCX, anything).
        case notWorkbook = "not-workbook"
        /// A workbook without a worksheet.
        case noSheet = "workbook-no-sheet"
    }

    var kind: Kind
    /// What exactly, in English technical terms ("xl/worksheets/sheet1.xml: CRC mismatch").
    var detail: String

    init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    static func damaged(_ detail: String) -> WorkbookProblem { WorkbookProblem(.damaged, detail) }
    static func unsupported(_ detail: String) -> WorkbookProblem { WorkbookProblem(.unsupported, detail) }
    static func tooLarge(_ detail: String) -> WorkbookProblem { WorkbookProblem(.tooLarge, detail) }

    var description: String { "\(kind.rawValue): \(detail)" }

    /// The `unreadable-encoding` finding, at `line` (the sheet row reached) if known.
    func finding(line: Int? = nil) -> Finding {
        Finding(
            .unreadableEncoding, line: line, value: detail.isEmpty ? nil : Self.printable(detail),
            variant: kind.rawValue)
    }

    /// `text` fit for a message: a detail may quote bytes of the file (a ZIP entry's name
    /// is any bytes), so control characters become "?" and it stops after 300 characters.
    static func printable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(300) {
            scalars.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "?" : scalar)
        }
        return String(scalars) + (text.unicodeScalars.count > 300 ? "…" : "")
    }

    /// This problem with `part` named in front of its detail, unless it names a part already.
    func inPart(_ part: String) -> WorkbookProblem {
        detail.hasPrefix(part) ? self : WorkbookProblem(kind, part + ": " + detail)
    }
}
