import BudgetCore

/// Files that are not text at all, recognised by their first bytes.
///
/// Accountants send the workbook instead of the CSV (or a PDF print of it) more often than
/// any other wrong file; decoding one would report a wall of meaningless errors, so the
/// reader names the mistake instead, with the hint to save as CSV.
enum FileSignature {
    /// The `unreadable-encoding` finding for a ZIP (XLSX, ODS), an OLE2 compound file (XLS)
    /// or a PDF, or nil for anything else. (``SubmissionReader`` hands ZIP and OLE2 files to
    /// the workbook reader before decoding; this is what decoding alone says of them.)
    static func finding(_ prefix: UnsafeBufferPointer<UInt8>) -> Finding? {
        if isZip(prefix) {
            return Finding(.unreadableEncoding, value: "ZIP (XLSX)", variant: "spreadsheet")
        }
        if isCompoundFile(prefix) {
            return Finding(.unreadableEncoding, value: "OLE2 (XLS)", variant: "spreadsheet")
        }
        if starts(prefix, Array("%PDF-".utf8)) {
            return Finding(.unreadableEncoding, value: "PDF", variant: "pdf")
        }
        return nil
    }

    /// Whether `prefix` starts like a ZIP archive (a local header, or the end record of an
    /// empty one): an `.xlsx` is tried as a workbook (``WorkbookIntake``), and only a ZIP
    /// that is not one, or not readable, stays `unreadable-encoding`.
    static func isZip(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        starts(prefix, [0x50, 0x4B, 0x03, 0x04]) || starts(prefix, [0x50, 0x4B, 0x05, 0x06])
    }

    /// Whether `prefix` starts like an OLE2 compound file: an `.xls`, or an encrypted
    /// `.xlsx` (``CompoundFile``).
    static func isCompoundFile(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        starts(prefix, CompoundFile.signature)
    }

    static func starts(_ prefix: UnsafeBufferPointer<UInt8>, _ signature: [UInt8]) -> Bool {
        prefix.count >= signature.count && zip(prefix, signature).allSatisfy { $0 == $1 }
    }
}

/// Byte-order marks.
enum ByteOrderMark {
    case utf8, utf16LE, utf16BE

    /// The mark `prefix` starts with, if any.
    static func match(_ prefix: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        if FileSignature.starts(prefix, [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if FileSignature.starts(prefix, [0xFF, 0xFE]) { return .utf16LE }
        if FileSignature.starts(prefix, [0xFE, 0xFF]) { return .utf16BE }
        return nil
    }

    /// The mark's length in bytes.
    var length: Int { self == .utf8 ? 3 : 2 }
}
