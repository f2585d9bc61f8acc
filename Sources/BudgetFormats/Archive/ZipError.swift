/// Why the ZIP writer refused a call. Nothing invalid is written: the writer throws
/// before the bytes that would break the archive.
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The entry name is unusable; `reason` says why (empty, absolute, `..`, …).
    case invalidName(String, reason: String)
    /// Two entries with the same name.
    case duplicateName(String)
    /// An entry's data would reach 4 GiB, the limit of the 32-bit size fields.
    case entryTooLarge(String)
    /// The archive would reach 4 GiB, the limit of the 32-bit offsets.
    case archiveTooLarge
    /// More than ``ZipWriter/maxEntries`` entries.
    case tooManyEntries
    /// `beginEntry` while an entry is open, or `finish` before it was ended.
    case entryStillOpen(String)
    /// `write` or `endEntry` with no entry open.
    case noEntryOpen
    /// A call after `finish`.
    case finished
    /// zlib refused to start or to go on (out of memory, or a library that does not match
    /// its header); the reason says which.
    case compressionFailed(String)
    /// A call after a write or end of a compressed entry failed part-way: zlib had taken
    /// bytes whose output could not be written, so the entry can neither go on nor end.
    case failed

    public var description: String {
        switch self {
        case let .invalidName(name, reason): return "invalid ZIP entry name \"\(name)\": \(reason)"
        case let .duplicateName(name): return "duplicate ZIP entry name \"\(name)\""
        case let .entryTooLarge(name):
            return "ZIP entry \"\(name)\" would exceed 4 GiB, which this writer (no ZIP64) does not support"
        case .archiveTooLarge: return "ZIP archive would exceed 4 GiB, which this writer (no ZIP64) does not support"
        case .tooManyEntries: return "ZIP archive would exceed \(ZipWriter<BufferSink>.maxEntries) entries"
        case let .entryStillOpen(name): return "ZIP entry \"\(name)\" is still open"
        case .noEntryOpen: return "no ZIP entry is open"
        case .finished: return "the ZIP archive is already finished"
        case let .compressionFailed(reason): return "ZIP compression failed: \(reason)"
        case .failed: return "the ZIP archive cannot be completed: an earlier write failed part-way"
        }
    }
}
